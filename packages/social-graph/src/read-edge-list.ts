// Reader for SNAP-style edge lists (DESIGN §6): one edge per line, `src dst [weight]`
// separated by whitespace, commas or tabs; `#` starts a comment line; `.gz` files are
// gunzipped. Node labels are kept as strings in order of first appearance (networkx's
// read_edgelist order). An optional header line (e.g. Ciao's `truster_id,trustee_id`) is
// detected when it differs in kind from the next line (non-numeric above numeric fields).
// Hand-written scanner: a general CSV parser would allocate a row object per edge, and
// soc-Slashdot has ~1M lines.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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
  /** Fixed node labels (e.g. log.customerIds, so node i = customer i and isolated customers stay); an edge naming another label is an error. null = labels from the file. */
  nodes: null as readonly string[] | null,
});
export type ReadEdgeListOptions = Partial<typeof DEFAULT_READ_EDGE_LIST>;

const isSep = (c: number): boolean => c === 32 || c === 9 || c === 44 || c === 13;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Field { readonly text: string; readonly col: number }

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

/** Reads an edge list file into a Graph; bad lines throw `file:line:column: expected ...`. */
export function readEdgeList(path: string, options: ReadEdgeListOptions = {}): Graph {
  const o = { ...DEFAULT_READ_EDGE_LIST, ...options };
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const fixed = o.nodes !== null;
  const labels: string[] = fixed ? [...(o.nodes as readonly string[])] : [];
  const ids = new Map<string, number>(labels.map((l, i) => [l, i]));
  const src: number[] = [], dst: number[] = [], weight: number[] = [];
  const id = (f: Field, where: string): number => {
    let k = ids.get(f.text);
    if (k === undefined) {
      if (fixed) throw new Error(`${where}: expected a known node id, got "${f.text}"`);
      k = labels.length; ids.set(f.text, k); labels.push(f.text);
    }
    return k;
  };
  let lineNo = 0, pos = 0, dataLines = 0;
  let pendingHeader: { f: Field[]; line: number } | null = null;
  // 'auto': the first line is a header when it differs in kind from the second: non-numeric
  // ids (or weight) above numeric ones, or unknown ids above known ones when nodes are fixed.
  const looksLikeHeader = (h: Field[], d: Field[]): boolean => {
    const num = (x: Field | undefined): boolean => x !== undefined && NUMERIC.test(x.text);
    if (!num(h[0]) && !num(h[1]) && num(d[0]) && num(d[1])) return true;
    if (o.weighted && !num(h[2]) && num(d[2])) return true;
    return fixed && !ids.has(h[0].text) && !ids.has(h[1].text) && ids.has(d[0].text) && ids.has(d[1].text);
  };
  const addEdge = (f: Field[], line: number): void => {
    const where = (col: number): string => `${path}:${line}:${col}`;
    if (f.length < 2) throw new Error(`${where(f[0].col + f[0].text.length)}: expected a target node after "${f[0].text}"`);
    let wv = 1;
    if (o.weighted) {
      if (f.length < 3) throw new Error(`${where(f[1].col + f[1].text.length)}: expected a weight after the target node`);
      if (!NUMERIC.test(f[2].text)) throw new Error(`${where(f[2].col)}: expected a numeric weight, got "${f[2].text}"`);
      wv = Number(f[2].text);
      if (wv < 0) throw new Error(`${where(f[2].col)}: expected a non-negative weight, got ${f[2].text}`);
    }
    src.push(id(f[0], where(f[0].col))); dst.push(id(f[1], where(f[1].col))); weight.push(wv);
  };
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    const f = fields(line);
    if (f.length === 0 || f[0].text.startsWith('#')) continue;
    dataLines++;
    if (dataLines === 1 && o.header !== false && f.length >= 2) {
      if (o.header === true) continue;
      pendingHeader = { f, line: lineNo };
      continue;
    }
    if (dataLines === 2 && pendingHeader) {
      if (!looksLikeHeader(pendingHeader.f, f)) addEdge(pendingHeader.f, pendingHeader.line);
      pendingHeader = null;
    }
    addEdge(f, lineNo);
  }
  if (pendingHeader) addEdge(pendingHeader.f, pendingHeader.line);
  if (labels.length === 0) throw new Error(`social-graph/read-edge-list: ${path}: empty graph (no edges)`);
  return buildGraph(
    { src: Int32Array.from(src), dst: Int32Array.from(dst), weight: o.weighted ? Float64Array.from(weight) : null },
    { nodes: labels, directed: o.directed, selfLoops: o.selfLoops, duplicates: o.duplicates },
  );
}
