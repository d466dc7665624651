import { describe, expect, it } from 'vitest';
import { buildGraph } from '../src/index.ts';

const row = (g: ReturnType<typeof buildGraph>, u: number): [number, number][] =>
  Array.from(
    { length: g.offsets[u + 1] - g.offsets[u] },
    (_, k) => [g.targets[g.offsets[u] + k], g.weights ? g.weights[g.offsets[u] + k] : 1] as [number, number],
  ).sort((a, b) => a[0] - b[0]);

describe('buildGraph', () => {
  const edges = { src: [0, 0, 1, 2, 2, 0], dst: [1, 1, 0, 2, 3, 1], weight: [1, 4, 2, 5, 1, 3] };
  it('undirected: (u,v) and (v,u) are one edge, the last weight wins, a self-loop appears once', () => {
    const g = buildGraph(edges, { nodes: 5 });
    expect(g.edgeCount).toBe(3);
    expect(row(g, 0)).toEqual([[1, 3]]);
    expect(row(g, 1)).toEqual([[0, 3]]);
    expect(row(g, 2)).toEqual([
      [2, 5],
      [3, 1],
    ]);
    expect(row(g, 4)).toEqual([]); // isolated node kept
  });
  it('directed, with sum / max / first rules and dropped loops, and the reverse CSR', () => {
    expect(row(buildGraph(edges, { nodes: 5, directed: true, duplicates: 'sum' }), 0)).toEqual([[1, 8]]);
    expect(row(buildGraph(edges, { nodes: 5, directed: true, duplicates: 'max' }), 0)).toEqual([[1, 4]]);
    const g = buildGraph(edges, { nodes: 5, directed: true, duplicates: 'first', selfLoops: 'drop' });
    expect(row(g, 0)).toEqual([[1, 1]]);
    expect(row(g, 2)).toEqual([[3, 1]]);
    expect(g.edgeCount).toBe(3);
    expect(Array.from(g.inTargets.subarray(g.inOffsets[1], g.inOffsets[2]))).toEqual([0]);
  });
  it('rejects an empty graph, negative and non-numeric weights, and out-of-range nodes', () => {
    expect(() => buildGraph({ src: [], dst: [] })).toThrow('social-graph/build-graph: empty graph (no nodes)');
    expect(() => buildGraph({ src: [0], dst: [1], weight: [-2] })).toThrow(
      'has weight -2, expected a finite non-negative number',
    );
    expect(() => buildGraph({ src: [0], dst: [1], weight: [Number.NaN] })).toThrow('has weight NaN');
    expect(() => buildGraph({ src: [0], dst: [7] }, { nodes: 3 })).toThrow('names a node outside 0..2');
  });
});
