// The social graph (src/community-graph.ts, reached through generateSynthetic): heavy-tailed
// degrees, communities (checked against networkx's modularity, computed independently in
// python3), no self-loops or duplicate edges.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../src/index.ts';

const data = generateSynthetic({ customers: 3000, seed: 5, oracleSamples: 0 });
const { src, dst } = data.edges;
const n = data.log.customerIds.length;
const community = data.truth.community;

describe('community graph', () => {
  it('has no self-loops or duplicate edges and lists each edge once with src < dst', () => {
    const seen = new Set<number>();
    for (let k = 0; k < src.length; k++) {
      expect(src[k]).toBeLessThan(dst[k]);
      const key = src[k] * n + dst[k];
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(data.edges.weight[k]).toBeGreaterThan(0);
    }
  });

  it('has a heavy-tailed degree distribution (hubs a Poisson graph of the same mean would not have)', () => {
    const degree = new Int32Array(n);
    for (let k = 0; k < src.length; k++) {
      degree[src[k]]++;
      degree[dst[k]]++;
    }
    const mean = (2 * src.length) / n;
    const sorted = Array.from(degree).sort((a, b) => b - a);
    // Poisson(mean) gives P(deg >= 5·mean) < 1e-6 for mean ≈ 4–8: expect 0 such nodes; the DC-SBM has many.
    const hubs = sorted.filter((d) => d >= 5 * mean).length;
    expect(hubs).toBeGreaterThanOrEqual(10);
    expect(sorted[0]).toBeGreaterThan(15 * mean);
    // Top 1% of nodes hold a large share of edge ends (≈ 1–3% under Poisson).
    const top = sorted.slice(0, Math.ceil(n / 100)).reduce((s, d) => s + d, 0) / (2 * src.length);
    expect(top).toBeGreaterThan(0.08);
  });

  it('has communities: intra-community edges far above chance, and networkx modularity agrees', () => {
    let intra = 0;
    const volume = new Float64Array(Math.max(...community) + 1);
    for (let k = 0; k < src.length; k++) {
      if (community[src[k]] === community[dst[k]]) intra++;
      volume[community[src[k]]]++;
      volume[community[dst[k]]]++;
    }
    const m = src.length;
    const share = intra / m;
    let chance = 0;
    for (const v of volume) chance += (v / (2 * m)) ** 2; // expected intra share of a degree-preserving random graph
    expect(share).toBeGreaterThan(0.7);
    expect(chance).toBeLessThan(0.15);
    const ourModularity = share - chance; // Newman's Q for unweighted edges
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-graph-'));
    try {
      const lines = Array.from({ length: m }, (_, k) => `${src[k]} ${dst[k]}`).join('\n');
      writeFileSync(join(dir, 'edges.txt'), lines + '\n');
      writeFileSync(join(dir, 'community.txt'), Array.from(community).join('\n') + '\n');
      const script = [
        'import sys, networkx as nx',
        'from networkx.algorithms.community import modularity',
        'd = sys.argv[1]',
        'g = nx.read_edgelist(d + "/edges.txt", nodetype=int)',
        'c = [int(x) for x in open(d + "/community.txt").read().split()]',
        'g.add_nodes_from(range(len(c)))',
        'groups = {}',
        '[groups.setdefault(k, set()).add(i) for i, k in enumerate(c)]',
        'print(modularity(g, list(groups.values())))',
      ].join('\n');
      const q = Number(execFileSync('python3', ['-c', script, dir], { encoding: 'utf8' }).trim());
      expect(q).toBeGreaterThan(0.55);
      expect(Math.abs(q - ourModularity)).toBeLessThan(1e-9);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
