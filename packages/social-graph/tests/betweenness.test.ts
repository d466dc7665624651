import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { betweenness, components, degree } from '../src/index.ts';
import { closeGraphPools, readEdgeList } from '../src/node.ts';
import { maxRelativeDiff, networkx } from './networkx.ts';
import { generatedCases } from './generated-graphs.ts';

const data = (p: string): string => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
afterAll(closeGraphPools);

describe('betweenness agrees with networkx 3.6', () => {
  for (const c of generatedCases().filter((x) => !x.weighted)) {
    it(`exact on the ${c.name} graph`, async () => {
      const ref = networkx({ edges: c.file, directed: c.directed, nodes: c.nodes, metrics: ['betweenness'] });
      expect(
        maxRelativeDiff(c.graph, (await betweenness(c.graph, { workers: 1 })).values, ref.betweenness, 1e-9),
      ).toBeLessThan(1e-6);
    });
  }
  it('sampled (k = 100 seeded pivots, networkx rescaling fed the same pivots) on email_eu_core, 2 workers', async () => {
    const file = data('email_eu_core/email-Eu-core.txt.gz');
    const graph = readEdgeList(file, { directed: true }).graph;
    const ours = await betweenness(graph, { k: 100, seed: 3, workers: 2 });
    expect(ours.pivots.length).toBe(100);
    expect(Array.from((await betweenness(graph, { k: 100, seed: 3, workers: 1 })).pivots)).toEqual(
      Array.from(ours.pivots),
    );
    const pivots = Array.from(ours.pivots, (i) => graph.labels[i]);
    const ref = networkx({ edges: file, directed: true, metrics: ['betweenness'], pivots });
    expect(maxRelativeDiff(graph, ours.values, ref.betweenness, 1e-9)).toBeLessThan(1e-6);
  });
});

describe('degree and components agree with networkx', () => {
  for (const c of generatedCases()) {
    it(`${c.name} graph`, () => {
      const ref = networkx({
        edges: c.file,
        directed: c.directed,
        weighted: c.weighted,
        nodes: c.nodes,
        metrics: ['degree', 'components'],
      });
      expect(maxRelativeDiff(c.graph, degree(c.graph, { weighted: c.weighted }), ref.degree, 1)).toBeLessThan(1e-12);
      expect(maxRelativeDiff(c.graph, Float64Array.from(components(c.graph).sizeOfNode), ref.components)).toBe(0);
    });
  }
});
