// Reader for SNAP-style edge lists (docs/architecture.md §File formats): one edge per line,
// `src dst [weight]` separated by whitespace, commas or tabs; `#` starts a comment line; `.gz`
// files are gunzipped. Node labels are kept as strings in order of first appearance (networkx's
// read_edgelist order). An optional header line (e.g. Ciao's `truster_id,trustee_id`) is
// detected when it differs in kind from the next line (non-numeric above numeric fields).
//
// Row accounting, as the event readers keep it: every non-blank, non-comment line is a row,
// and rowsRead = rowsKept + Σ rejected. A kept row is the first line of a distinct edge
// (so rowsKept = graph.edgeCount); the others are rejected by reason:
//   header              the detected (or declared) header line — counted, never an error
//   wrong-column-count  not exactly 2 fields (3 when weighted): a six-column CSV is not an edge list
//   bad-weight          weight column not a number
//   negative-weight     weight < 0
//   unknown-node        a label outside the fixed `nodes`
//   self-loop           u u, when selfLoops is 'drop' (networkx keeps them, and so does the default)
//   duplicate           an edge already read ((v, u) repeats (u, v) when undirected); its weight
//                       merges into that edge by the `duplicates` rule (networkx: the last wins)
// Lenient by default (drop and count); `strict` throws the first rejected row as an IngestError
// `file:line:column: expected …, got '…'` (header lines excepted, and duplicates under
// duplicates: 'sum', where repeats are the data). A file with no edge left is an error naming
// what was rejected.
// Hand-written scanner: a general CSV parser would allocate a row object per edge, and
// soc-Slashdot has ~1M lines.
import { resolveOptions } from '@clvlab/core';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IngestError } from '@clvlab/events';
import { buildGraph, type Graph } from './graph.ts';

export const DEFAULT_READ_EDGE_LIST = Object.freeze({
  /** Edge files of social/trust data are usually directed; undirected is the safer default for friendship lists. */
  directed: false as boolean,
  /** Read a third column as the weight; off by default because SNAP files have two columns. */
  weighted: false as boolean,
  /** 'auto' skips a first line that differs in kind from the second (see looksLikeHeader). */
  header: 'auto' as 'auto' | boolean,
  /** Same rule as buildGraph (networkx: keep loops, last weight wins). */
  selfLoops: 'keep' as 'keep' | 'drop',
  duplicates: 'last' as 'last' | 'first' | 'sum' | 'max',
  /** Fixed node labels (e.g. log.customerIds, so node i = customer i and isolated customers stay); an edge naming another label is rejected (unknown-node). null = labels from the file. */
  nodes: null as readonly string[] | null,
  /** Lenient like the event readers: real files have stray lines, and every dropped row is counted by reason. */
  strict: false as boolean,
});
export type ReadEdgeListOptions = Partial<typeof DEFAULT_READ_EDGE_LIST>;

/** What happened to every line of an edge file (see the file header for the reasons). */
export interface EdgeListReport {
  /** Path as given. */
  readonly file: string;
  /** Hex sha256 of the file bytes as given (compressed if gzip). */
  readonly sha256: string;
  readonly gzip: boolean;
  /** Rows: non-blank, non-comment lines (a header line included). */
  readonly rowsRead: number;
  /** Rows that became a distinct edge (= graph.edgeCount). */
  readonly rowsKept: number;
  /** Dropped rows by reason, keys sorted; rowsRead = rowsKept + Σ rejected. */
  readonly rejected: Readonly<Record<string, number>>;
  /** The first rejected row per reason, as strict mode would report it (`file:line:column: expected …`). */
  readonly firstRejected: Readonly<Record<string, string>>;
  /** Lines that are not rows. */
  readonly commentLines: number;
  readonly blankLines: number;
}

export interface EdgeListResult {
  readonly graph: Graph;
  readonly report: EdgeListReport;
}

const isSep = (c: number): boolean => c === 32 || c === 9 || c === 44 || c === 13;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Field {
  readonly text: string;
  readonly col: number;
}

function fields(line: string): Field[] {
  const out: Field[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && isSep(line.charCodeAt(i))) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && !isSep(line.charCodeAt(i))) i++;
    out.push({ text: line.slice(start, i), col: start + 1 });
  }
  return out;
}

/** Reads an edge list file into a Graph with the accounting of its rows (see file header). */
export function readEdgeList(path: string, options: ReadEdgeListOptions = {}): EdgeListResult {
  const o = resolveOptions('social-graph/read-edge-list', DEFAULT_READ_EDGE_LIST, options);
  const raw = readFileSync(path);
  const gzip = path.endsWith('.gz') || (raw[0] === 0x1f && raw[1] === 0x8b);
  const text = (gzip ? gunzipSync(raw) : raw).toString('utf8');
  const fixed = o.nodes !== null;
  const labels: string[] = fixed ? [...(o.nodes as readonly string[])] : [];
  const ids = new Map<string, number>(labels.map((l, i) => [l, i]));
  const src: number[] = [],
    dst: number[] = [],
    weight: number[] = [];
  const rejected = new Map<string, number>(),
    firstRejected = new Map<string, string>();
  const columns = o.weighted ? 3 : 2;
  const shape = o.weighted
    ? '3 fields (source, target, weight)'
    : '2 fields (source, target; a third column is a weight: read it weighted)';
  // Strict mode fails on every rejection but a header, and duplicates when they are summed.
  const fatal = (reason: string): boolean =>
    o.strict && reason !== 'header' && !(reason === 'duplicate' && o.duplicates === 'sum');
  const reject = (reason: string, line: number, col: number, expected: string, got: string): void => {
    if (fatal(reason)) throw new IngestError(path, line, col, expected, got, reason);
    rejected.set(reason, (rejected.get(reason) ?? 0) + 1);
    if (!firstRejected.has(reason))
      firstRejected.set(reason, new IngestError(path, line, col, expected, got, reason).message);
  };
  // Distinct edges seen, keyed by node pair: detects duplicates at their line (exactly the
  // edges buildGraph collapses). Labels are < 2^26 here, so the key is exact in a double.
  const seen = new Set<number>();
  const pairKey = (a: number, b: number): number => (!o.directed && b < a ? b * 0x4000000 + a : a * 0x4000000 + b);
  let lineNo = 0,
    pos = 0,
    dataLines = 0,
    rowsRead = 0,
    commentLines = 0,
    blankLines = 0;
  let pendingHeader: { f: Field[]; line: number; text: string } | null = null;
  // 'auto': the first line is a header when it differs in kind from the second: non-numeric
  // ids (or weight) above numeric ones, or unknown ids above known ones when nodes are fixed.
  const looksLikeHeader = (h: Field[], d: Field[]): boolean => {
    const num = (x: Field | undefined): boolean => x !== undefined && NUMERIC.test(x.text);
    if (!num(h[0]) && !num(h[1]) && num(d[0]) && num(d[1])) return true;
    if (o.weighted && !num(h[2]) && num(d[2])) return true;
    return (
      fixed && !ids.has(h[0].text) && !ids.has(h[1].text) && d.length >= 2 && ids.has(d[0].text) && ids.has(d[1].text)
    );
  };
  const addEdge = (f: Field[], line: number, text: string): void => {
    if (f.length !== columns) {
      if (f.length > columns)
        return reject('wrong-column-count', line, f[columns].col, `${shape}, found ${f.length}`, f[columns].text);
      const last = f[f.length - 1];
      return reject('wrong-column-count', line, last.col + last.text.length, `${shape}, found ${f.length}`, text);
    }
    let wv = 1;
    if (o.weighted) {
      if (!NUMERIC.test(f[2].text)) return reject('bad-weight', line, f[2].col, 'a numeric weight', f[2].text);
      wv = Number(f[2].text);
      if (wv < 0) return reject('negative-weight', line, f[2].col, 'a non-negative weight', f[2].text);
    }
    const a = id(f[0]),
      b = id(f[1]);
    if (a < 0 || b < 0) {
      const bad = a < 0 ? f[0] : f[1];
      return reject('unknown-node', line, bad.col, 'a known node id', bad.text);
    }
    if (a === b && o.selfLoops === 'drop')
      return reject('self-loop', line, f[1].col, `a target other than the source (self-loops are dropped)`, f[1].text);
    const key = pairKey(a, b);
    if (seen.has(key)) {
      reject(
        'duplicate',
        line,
        f[0].col,
        `a new edge (${f[0].text} ${o.directed ? '->' : '--'} ${f[1].text} was read before; duplicates: '${o.duplicates}')`,
        text,
      );
    } else {
      seen.add(key);
    }
    src.push(a);
    dst.push(b);
    weight.push(wv);
  };
  const id = (f: Field): number => {
    let k = ids.get(f.text);
    if (k === undefined) {
      if (fixed) return -1;
      k = labels.length;
      if (k >= 0x4000000) throw new Error(`social-graph/read-edge-list: ${path}: more than ${0x4000000} node labels`);
      ids.set(f.text, k);
      labels.push(f.text);
    }
    return k;
  };
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    const f = fields(line);
    if (f.length === 0) {
      if (pos <= text.length) blankLines++;
      continue;
    }
    if (f[0].text.startsWith('#')) {
      commentLines++;
      continue;
    }
    rowsRead++;
    dataLines++;
    if (dataLines === 1 && o.header === true) {
      reject('header', lineNo, 1, 'an edge', line);
      continue;
    }
    if (dataLines === 1 && o.header === 'auto' && f.length >= 2) {
      pendingHeader = { f, line: lineNo, text: line };
      continue;
    }
    if (dataLines === 2 && pendingHeader) {
      if (looksLikeHeader(pendingHeader.f, f)) reject('header', pendingHeader.line, 1, 'an edge', pendingHeader.text);
      else addEdge(pendingHeader.f, pendingHeader.line, pendingHeader.text);
      pendingHeader = null;
    }
    addEdge(f, lineNo, line);
  }
  if (pendingHeader) addEdge(pendingHeader.f, pendingHeader.line, pendingHeader.text);
  const sorted = <T>(m: Map<string, T>): Record<string, T> =>
    Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k) as T]));
  const reasons = sorted(rejected);
  if (seen.size === 0 && !fixed) {
    const why = Object.entries(reasons)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const first = Object.entries(reasons).find(([k]) => k !== 'header');
    throw new Error(
      `social-graph/read-edge-list: ${path}: empty graph (no edges; ${rowsRead} rows read${why ? `, rejected: ${why}` : ''})${first ? `; first: ${firstRejected.get(first[0])}` : ''}`,
    );
  }
  const graph = buildGraph(
    { src: Int32Array.from(src), dst: Int32Array.from(dst), weight: o.weighted ? Float64Array.from(weight) : null },
    { nodes: labels, directed: o.directed, selfLoops: o.selfLoops, duplicates: o.duplicates },
  );
  const report: EdgeListReport = {
    file: path,
    sha256: createHash('sha256').update(raw).digest('hex'),
    gzip,
    rowsRead,
    rowsKept: seen.size,
    rejected: Object.freeze(reasons),
    firstRejected: Object.freeze(sorted(firstRejected)),
    commentLines,
    blankLines,
  };
  const total = report.rowsKept + Object.values(reasons).reduce((a, b) => a + b, 0);
  if (total !== rowsRead || graph.edgeCount !== seen.size) {
    throw new Error(
      `social-graph/read-edge-list: accounting broken for ${path}: read ${rowsRead} != kept ${report.rowsKept} + rejected ${total - report.rowsKept} (graph has ${graph.edgeCount} edges)`,
    );
  }
  return Object.freeze({ graph, report: Object.freeze(report) });
}
