import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { IngestError } from '@clvlab/events';
import { buildGraph, type EdgeListReport } from '../src/index.ts';
import { readEdgeList } from '../src/node.ts';

function tmpFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'social-graph-')), name);
  writeFileSync(path, content);
  return path;
}
const data = (p: string): string => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
const row = (g: ReturnType<typeof buildGraph>, u: number): [number, number][] =>
  Array.from(
    { length: g.offsets[u + 1] - g.offsets[u] },
    (_, k) => [g.targets[g.offsets[u] + k], g.weights ? g.weights[g.offsets[u] + k] : 1] as [number, number],
  ).sort((a, b) => a[0] - b[0]);
/** rows read = kept + Σ rejected, and kept = distinct edges of the graph. */
function expectBalanced(report: EdgeListReport, edgeCount: number): void {
  expect(report.rowsRead).toBe(report.rowsKept + Object.values(report.rejected).reduce((a, b) => a + b, 0));
  expect(report.rowsKept).toBe(edgeCount);
}

describe('readEdgeList', () => {
  it('reads SNAP-style files: comments, tabs/commas/spaces, weights, gzip, a header (counted)', () => {
    const text = '# comment\nsrc,dst,weight\n10\t20\t2\n20, 30 ,0.5\n\n30 10 1e1\n';
    const path = tmpFile('e.csv.gz', gzipSync(text));
    const { graph: g, report } = readEdgeList(path, { directed: true, weighted: true });
    expect(g.labels).toEqual(['10', '20', '30']);
    expect(row(g, 1)).toEqual([[2, 0.5]]);
    expect(row(g, 2)).toEqual([[0, 10]]);
    expect(report).toMatchObject({
      file: path,
      gzip: true,
      rowsRead: 4,
      rowsKept: 3,
      rejected: { header: 1 },
      commentLines: 1,
      blankLines: 1,
    });
    expect(report.firstRejected).toEqual({ header: `${path}:2:1: expected an edge, got 'src,dst,weight'` });
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Non-numeric labels are data when the following line is not numeric either.
    expect(readEdgeList(tmpFile('a.txt', 'alice bob\nbob carol\n')).graph.labels).toEqual(['alice', 'bob', 'carol']);
    // A numeric first line is data, not a header; header: true declares one.
    expect(readEdgeList(tmpFile('n.txt', '1 2\n2 3\n')).report).toMatchObject({
      rowsRead: 2,
      rowsKept: 2,
      rejected: {},
    });
    expect(readEdgeList(tmpFile('h.txt', 'a b\nc d\n'), { header: true }).report).toMatchObject({
      rowsRead: 2,
      rowsKept: 1,
      rejected: { header: 1 },
    });
  });

  it('maps ids onto fixed node labels (customers), keeping isolated ones; other labels are unknown-node', () => {
    const path = tmpFile('edges.csv', 'src,dst,weight\nc2,c0,1.5\nc0,c2,2\nc0,c9,1\n');
    const { graph: g, report } = readEdgeList(path, { weighted: true, nodes: ['c0', 'c1', 'c2'] });
    expect(g.n).toBe(3);
    expect(row(g, 0)).toEqual([[2, 2]]);
    expect(row(g, 1)).toEqual([]);
    expect(report.rejected).toEqual({ duplicate: 1, header: 1, 'unknown-node': 1 });
    expectBalanced(report, g.edgeCount);
    const unknown = tmpFile('u.csv', 'c0 c9\n');
    expect(() => readEdgeList(unknown, { nodes: ['c0'], strict: true })).toThrow(
      `${unknown}:1:4: expected a known node id, got 'c9'`,
    );
  });

  // The reviewer's case: an event CSV given as an edge list used to be read as edges without a word.
  it('a CSV with a header and six columns is not an edge list: every row rejected, and said so', () => {
    const path = tmpFile(
      'ratings.csv',
      'user_id,product_id,category_id,rating,helpfulness,timestamp\n1,10,3,4,2,959670000\n2,10,3,5,2,959670000\n',
    );
    expect(() => readEdgeList(path)).toThrow(
      `social-graph/read-edge-list: ${path}: empty graph (no edges; 3 rows read, rejected: header 1, wrong-column-count 2); ` +
        `first: ${path}:2:6: expected 2 fields (source, target; a third column is a weight: read it weighted), found 6, got '3'`,
    );
    // strict: the first data row, at the first field too many
    const err = (() => {
      try {
        readEdgeList(path, { strict: true });
      } catch (e) {
        return e;
      }
    })() as IngestError;
    expect(err).toBeInstanceOf(IngestError);
    expect(err.message).toBe(
      `${path}:2:6: expected 2 fields (source, target; a third column is a weight: read it weighted), found 6, got '3'`,
    );
    expect(err.reason).toBe('wrong-column-count');
    expect([err.line, err.column]).toEqual([2, 6]);
  });

  it('counts every dropped row by reason (rows read = kept + rejected) and keeps the first of each', () => {
    const text =
      [
        '# trust list', // comment: not a row
        'from to w', // 1 header
        '1 2 1', // kept
        '2 3 0.5', // kept
        '2 1 4', // kept (directed: 2 -> 1 is not 1 -> 2)
        '1 2 7', // duplicate (last weight wins: 7)
        '3 3 1', // self-loop, dropped by selfLoops: 'drop'
        '4 5 x', // bad-weight
        '4 5 -2', // negative-weight
        '4', // wrong-column-count (too few)
        '4 5 1 9', // wrong-column-count (too many)
        '',
        '5 4 2', // kept
      ].join('\n') + '\n';
    const path = tmpFile('mixed.txt', text);
    const { graph, report } = readEdgeList(path, { directed: true, weighted: true, selfLoops: 'drop' });
    expect(report).toMatchObject({
      rowsRead: 11,
      rowsKept: 4,
      commentLines: 1,
      blankLines: 1,
      rejected: {
        'bad-weight': 1,
        duplicate: 1,
        header: 1,
        'negative-weight': 1,
        'self-loop': 1,
        'wrong-column-count': 2,
      },
    });
    expect(Object.keys(report.rejected)).toEqual([...Object.keys(report.rejected)].sort());
    expectBalanced(report, graph.edgeCount);
    expect(report.firstRejected).toEqual({
      'bad-weight': `${path}:8:5: expected a numeric weight, got 'x'`,
      duplicate: `${path}:6:1: expected a new edge (1 -> 2 was read before; duplicates: 'last'), got '1 2 7'`,
      header: `${path}:2:1: expected an edge, got 'from to w'`,
      'negative-weight': `${path}:9:5: expected a non-negative weight, got '-2'`,
      'self-loop': `${path}:7:3: expected a target other than the source (self-loops are dropped), got '3'`,
      'wrong-column-count': `${path}:10:2: expected 3 fields (source, target, weight), found 1, got '4'`,
    });
    expect(row(graph, graph.labels.indexOf('1'))).toEqual([[graph.labels.indexOf('2'), 7]]);
    // Undirected: 2 1 repeats 1 2, so it is a duplicate too.
    const u = readEdgeList(path, { weighted: true, selfLoops: 'drop' }).report;
    expect(u.rejected.duplicate).toBe(2);
    expect(u.rowsKept).toBe(3);
    // Kept self-loops (the networkx default) are edges.
    expect(readEdgeList(path, { directed: true, weighted: true }).report).toMatchObject({ rowsKept: 5 });
  });

  it('strict mode fails on the first rejected row with file:line:column, but not on a header or summed duplicates', () => {
    const bad = tmpFile('bad.txt', '1 2 3\n2 3 x7\n');
    expect(() => readEdgeList(bad, { weighted: true, strict: true })).toThrow(
      `${bad}:2:5: expected a numeric weight, got 'x7'`,
    );
    expect(readEdgeList(bad, { weighted: true }).report.rejected).toEqual({ 'bad-weight': 1 });
    const neg = tmpFile('neg.txt', '1 2 3\n2 3 -1\n');
    expect(() => readEdgeList(neg, { weighted: true, strict: true })).toThrow(
      `${neg}:2:5: expected a non-negative weight, got '-1'`,
    );
    const lonely = tmpFile('lonely.txt', '1 2\n7\n');
    expect(() => readEdgeList(lonely, { strict: true })).toThrow(
      `${lonely}:2:2: expected 2 fields (source, target; a third column is a weight: read it weighted), found 1, got '7'`,
    );
    const dup = tmpFile('dup.txt', 'src dst\n1 2\n2 1\n');
    expect(() => readEdgeList(dup, { strict: true })).toThrow(
      `${dup}:3:1: expected a new edge (2 -- 1 was read before; duplicates: 'last'), got '2 1'`,
    );
    const summed = readEdgeList(dup, { strict: true, duplicates: 'sum', weighted: false });
    expect(summed.report).toMatchObject({ rowsRead: 3, rowsKept: 1, rejected: { duplicate: 1, header: 1 } });
    const loop = tmpFile('loop.txt', '1 1\n1 2\n');
    expect(readEdgeList(loop, { strict: true }).graph.edgeCount).toBe(2);
    expect(() => readEdgeList(loop, { strict: true, selfLoops: 'drop' })).toThrow(
      `${loop}:1:3: expected a target other than the source`,
    );
    expect(() => readEdgeList(tmpFile('empty.txt', '# nothing\n'))).toThrow('empty graph (no edges; 0 rows read)');
  });

  it("Ciao's trust list (SOURCE.md: 57,544 edges, header truster_id,trustee_id): one header row, nothing else dropped", () => {
    const { graph, report } = readEdgeList(data('ciao/ciao_trust.csv.gz'), { directed: true, strict: true });
    expect(report).toMatchObject({
      rowsRead: 57_545,
      rowsKept: 57_544,
      rejected: { header: 1 },
      commentLines: 0,
      blankLines: 0,
      gzip: true,
    });
    expect(report.sha256).toBe('aa744b278dbfc8f20478128062fad09c89c150cdbeb06df74dcbcd78414b10a8');
    expect(graph.n).toBe(2_342);
    expectBalanced(report, graph.edgeCount);
  });
});
