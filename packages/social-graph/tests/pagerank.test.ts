import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildGraph, pagerank } from '../src/index.ts';
import { closeGraphPools, readEdgeList } from '../src/node.ts';
import { maxRelativeDiff, networkx } from './networkx.ts';
import { generatedCases } from './generated-graphs.ts';

const data = (p: string): string => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
afterAll(closeGraphPools);

describe('pagerank agrees with networkx 3.x to 1e-6 relative', () => {
  for (const c of generatedCases()) {
    it(`${c.name} graph`, () => {
      const ref = networkx({
        edges: c.file,
        directed: c.directed,
        weighted: c.weighted,
        nodes: c.nodes,
        metrics: ['pagerank'],
      });
      const ours = pagerank(c.graph);
      expect(maxRelativeDiff(c.graph, ours.values, ref.pagerank)).toBeLessThan(1e-6);
      expect(ours.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  }

  it('with a personalization vector given by label (dangling mass follows it)', () => {
    const c = generatedCases()[1];
    const personalization = { '0': 3, '17': 1, '260': 2 };
    const ref = networkx({ edges: c.file, directed: true, nodes: c.nodes, metrics: ['pagerank'], personalization });
    expect(maxRelativeDiff(c.graph, pagerank(c.graph, { personalization }).values, ref.pagerank)).toBeLessThan(1e-6);
  });

  it.each([
    [0.5, 1e-6],
    [0.99, 1e-6],
    [0.85, 1e-10],
    [0.85, 1e-3],
  ])('with alpha %s and tol %s, as networkx (alpha is the damping)', (alpha, tol) => {
    const c = generatedCases()[1];
    const ref = networkx({ edges: c.file, directed: true, nodes: c.nodes, metrics: ['pagerank'], alpha, tol });
    const ours = pagerank(c.graph, { damping: alpha, tol });
    // networkx stops at the same iteration (same L1 rule), so even a loose tol agrees to rounding
    expect(maxRelativeDiff(c.graph, ours.values, ref.pagerank)).toBeLessThan(1e-9);
    if (alpha !== 0.85) expect(maxRelativeDiff(c.graph, pagerank(c.graph).values, ref.pagerank)).toBeGreaterThan(1e-3);
  });

  it.each([
    ['email_eu_core/email-Eu-core.txt.gz', true, false],
    ['ego_facebook/facebook_combined.txt.gz', false, false],
    ['ciao/ciao_trust.csv.gz', true, true],
    ['soc_slashdot0902/soc-Slashdot0902.txt.gz', true, false],
  ])('real graph %s', (file, directed, header) => {
    const graph = readEdgeList(data(file), { directed }).graph;
    const ref = networkx({ edges: data(file), directed, header, metrics: ['pagerank'] });
    expect(Object.keys(ref.pagerank).length).toBe(graph.n);
    expect(maxRelativeDiff(graph, pagerank(graph).values, ref.pagerank)).toBeLessThan(1e-6);
  });
});

describe('pagerank fails loudly', () => {
  const g = buildGraph({ src: [0, 1, 2], dst: [1, 2, 0] }, { nodes: ['a', 'b', 'c'], directed: true });
  it('on an unknown node in the personalization', () => {
    expect(() => pagerank(g, { personalization: { a: 1, zz: 2 } })).toThrow(
      'social-graph/pagerank: unknown node "zz" in personalization',
    );
  });
  it('on non-convergence, naming the iteration cap', () => {
    // a -> b, a -> c, b -> a, c -> a is periodic: with damping 1 (no teleport) the iterate
    // alternates (1/3,1/3,1/3) <-> (2/3,1/6,1/6) forever (networkx raises too).
    const periodic = buildGraph({ src: [0, 0, 1, 2], dst: [1, 2, 0, 0] }, { nodes: 3, directed: true });
    expect(() => pagerank(periodic, { damping: 1 })).toThrow(
      'social-graph/pagerank: failed to converge after 100 iterations',
    );
    expect(pagerank(periodic).values[0]).toBeGreaterThan(0.4);
  });
  it('on a damping outside [0, 1], a tolerance ≤ 0 or a bad iteration cap', () => {
    expect(() => pagerank(g, { damping: 1.5 })).toThrow(
      'social-graph/pagerank: damping must be a probability in [0, 1], got 1.5',
    );
    expect(() => pagerank(g, { damping: Number.NaN })).toThrow('damping must be a probability in [0, 1], got NaN');
    expect(() => pagerank(g, { tol: 0 })).toThrow('social-graph/pagerank: tol must be a finite number > 0, got 0');
    expect(() => pagerank(g, { maxIter: 2.5 })).toThrow(
      'social-graph/pagerank: maxIter must be a positive integer, got 2.5',
    );
  });
  it('on an all-zero personalization', () => {
    expect(() => pagerank(g, { personalization: { a: 0 } })).toThrow('personalization sums to zero');
  });
});
