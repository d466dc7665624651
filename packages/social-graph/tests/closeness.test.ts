import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { closeness, harmonic } from '../src/index.ts';
import { closeGraphPools, readEdgeList } from '../src/node.ts';
import { maxRelativeDiff, networkx } from './networkx.ts';
import { generatedCases } from './generated-graphs.ts';

const data = (p: string): string => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
afterAll(closeGraphPools);

describe('closeness (wf_improved) and harmonic agree with networkx to 1e-6 relative', () => {
  for (const c of generatedCases()) {
    it(`${c.name} graph${c.weighted ? ' (weights as distances)' : ''}`, async () => {
      const ref = networkx({
        edges: c.file,
        directed: c.directed,
        weighted: c.weighted,
        nodes: c.nodes,
        metrics: ['closeness', 'harmonic'],
      });
      const opts = { weighted: c.weighted, workers: 1 };
      expect(maxRelativeDiff(c.graph, (await closeness(c.graph, opts)).values, ref.closeness)).toBeLessThan(1e-6);
      expect(maxRelativeDiff(c.graph, (await harmonic(c.graph, opts)).values, ref.harmonic)).toBeLessThan(1e-6);
    });
  }

  it('email_eu_core (directed, self-loops): all nodes, on 2 worker threads', async () => {
    const file = data('email_eu_core/email-Eu-core.txt.gz');
    const graph = readEdgeList(file, { directed: true }).graph;
    const ref = networkx({ edges: file, directed: true, metrics: ['closeness', 'harmonic'] });
    const c = await closeness(graph, { workers: 2, approx: 'off' });
    expect(c.approximation).toBeNull();
    expect(maxRelativeDiff(graph, c.values, ref.closeness)).toBeLessThan(1e-6);
    expect(maxRelativeDiff(graph, (await harmonic(graph, { workers: 2 })).values, ref.harmonic)).toBeLessThan(1e-6);
  });

  it.each([
    ['ego_facebook/facebook_combined.txt.gz', false, false],
    ['ciao/ciao_trust.csv.gz', true, true],
  ])('%s: 150 seeded nodes checked (networkx is too slow for all)', async (file, directed, header) => {
    const graph = readEdgeList(data(file), { directed }).graph;
    const subset = Array.from({ length: 150 }, (_, i) => graph.labels[(i * 7919) % graph.n]);
    const ref = networkx({ edges: data(file), directed, header, metrics: ['closeness', 'harmonic'], subset });
    const opts = { workers: 2, approx: 'off' as const };
    expect(maxRelativeDiff(graph, (await closeness(graph, opts)).values, ref.closeness)).toBeLessThan(1e-6);
    expect(maxRelativeDiff(graph, (await harmonic(graph, opts)).values, ref.harmonic)).toBeLessThan(1e-6);
  });
});
