// The README's opening example, run as a reader would (tools/readme-example.ts), against
// networkx on the same graph.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

const PYTHON = `
import json, networkx as nx
G = nx.Graph(); G.add_nodes_from(range(5)); G.add_edges_from([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])
pr = nx.pagerank(G, alpha=0.85); cl = nx.closeness_centrality(G)
print(json.dumps({'pagerank': [pr[i] for i in range(5)], 'closeness': [cl[i] for i in range(5)]}))
`;

describe('README example', () => {
  it('prints the PageRank and closeness networkx gives', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      pagerank: number[];
      closeness: number[];
    };
    const ref = JSON.parse(execFileSync('python3', ['-c', PYTHON], { encoding: 'utf8' })) as typeof out;
    out.pagerank.forEach((v, i) => expect(Math.abs(v - ref.pagerank[i])).toBeLessThan(1e-6));
    out.closeness.forEach((v, i) => expect(Math.abs(v - ref.closeness[i])).toBeLessThan(1e-12));
  });
});
