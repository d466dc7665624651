import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildGraph, readEdgeList } from '../src/index.ts';

function tmpFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'social-graph-')), name);
  writeFileSync(path, content);
  return path;
}
const row = (g: ReturnType<typeof buildGraph>, u: number): [number, number][] =>
  Array.from({ length: g.offsets[u + 1] - g.offsets[u] }, (_, k) => [g.targets[g.offsets[u] + k], g.weights ? g.weights[g.offsets[u] + k] : 1] as [number, number]).sort((a, b) => a[0] - b[0]);

describe('buildGraph', () => {
  const edges = { src: [0, 0, 1, 2, 2, 0], dst: [1, 1, 0, 2, 3, 1], weight: [1, 4, 2, 5, 1, 3] };
  it('undirected: (u,v) and (v,u) are one edge, the last weight wins, a self-loop appears once', () => {
    const g = buildGraph(edges, { nodes: 5 });
    expect(g.edgeCount).toBe(3);
    expect(row(g, 0)).toEqual([[1, 3]]);
    expect(row(g, 1)).toEqual([[0, 3]]);
    expect(row(g, 2)).toEqual([[2, 5], [3, 1]]);
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
    expect(() => buildGraph({ src: [0], dst: [1], weight: [-2] })).toThrow('has weight -2, expected a finite non-negative number');
    expect(() => buildGraph({ src: [0], dst: [1], weight: [Number.NaN] })).toThrow('has weight NaN');
    expect(() => buildGraph({ src: [0], dst: [7] }, { nodes: 3 })).toThrow('names a node outside 0..2');
  });
});

describe('readEdgeList', () => {
  it('reads SNAP-style files: comments, tabs/commas/spaces, weights, gzip, a header', () => {
    const text = '# comment\nsrc,dst,weight\n10\t20\t2\n20, 30 ,0.5\n\n30 10 1e1\n';
    const path = tmpFile('e.csv.gz', gzipSync(text));
    const g = readEdgeList(path, { directed: true, weighted: true });
    expect(g.labels).toEqual(['10', '20', '30']);
    // Non-numeric labels are data when the following line is not numeric either.
    expect(readEdgeList(tmpFile('a.txt', 'alice bob\nbob carol\n')).labels).toEqual(['alice', 'bob', 'carol']);
    expect(row(g, 1)).toEqual([[2, 0.5]]);
    expect(row(g, 2)).toEqual([[0, 10]]);
    // A numeric first line is data, not a header.
    expect(readEdgeList(tmpFile('n.txt', '1 2\n2 3\n')).edgeCount).toBe(2);
  });
  it('maps ids onto fixed node labels (customers), keeping isolated ones', () => {
    const path = tmpFile('edges.csv', 'src,dst,weight\nc2,c0,1.5\nc0,c2,2\n');
    const g = readEdgeList(path, { weighted: true, nodes: ['c0', 'c1', 'c2'] });
    expect(g.n).toBe(3);
    expect(row(g, 0)).toEqual([[2, 2]]);
    expect(row(g, 1)).toEqual([]);
    expect(() => readEdgeList(tmpFile('u.csv', 'c0 c9\n'), { nodes: ['c0'] })).toThrow(':1:4: expected a known node id, got "c9"');
  });

  it('names file, line and column of a bad line', () => {
    const bad = tmpFile('bad.txt', '1 2 3\n2 3 x7\n');
    expect(() => readEdgeList(bad, { weighted: true })).toThrow(`${bad}:2:5: expected a numeric weight, got "x7"`);
    const neg = tmpFile('neg.txt', '1 2 3\n2 3 -1\n');
    expect(() => readEdgeList(neg, { weighted: true })).toThrow(`${neg}:2:5: expected a non-negative weight, got -1`);
    const lonely = tmpFile('lonely.txt', '1 2\n7\n');
    expect(() => readEdgeList(lonely)).toThrow(`${lonely}:2:2: expected a target node after "7"`);
    expect(() => readEdgeList(tmpFile('empty.txt', '# nothing\n'))).toThrow('empty graph');
  });
});
