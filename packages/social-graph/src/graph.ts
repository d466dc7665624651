// The customer graph in compressed sparse rows (CSR): one Int32Array of row offsets and one
// of targets (plus optional Float64Array weights), allocated on SharedArrayBuffers so the
// worker pool reads the same memory without copying. Directed graphs also carry the reverse
// CSR (incoming edges), which closeness/harmonic (networkx measures *incoming* distances)
// and PageRank (a pull iteration) need. Hand-written: graphology stores one object per node
// and edge, which is what this package exists to avoid on graphs with millions of edges.
//
// Edge rule (matches networkx's `nx.DiGraph(edges)` / `nx.Graph(edges)`, which we compare
// against): self-loops are kept, and duplicate edges collapse to ONE edge whose weight is that
// of the LAST occurrence. In an undirected graph (u, v) and (v, u) are the same edge, and a
// self-loop appears once in its node's row. Other rules are options (`selfLoops`, `duplicates`).
import { resolveOptions } from '@clvlab/core';

/** A graph in CSR form. Node i's out-neighbours are targets[offsets[i] .. offsets[i+1]). */
export interface Graph {
  /** Number of nodes (isolated nodes included). */
  readonly n: number;
  readonly directed: boolean;
  /** Number of distinct edges (an undirected edge counts once, like networkx number_of_edges). */
  readonly edgeCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Edge weights aligned with targets, or null when unweighted (every weight 1). */
  readonly weights: Float64Array | null;
  /** Incoming CSR; for undirected graphs these are the same arrays as the outgoing ones. */
  readonly inOffsets: Int32Array;
  readonly inTargets: Int32Array;
  readonly inWeights: Float64Array | null;
  /** Node labels (input ids); index i is node i. */
  readonly labels: readonly string[];
}

/** Edges as parallel arrays over node indices (the synth package's `edges` shape). */
export interface EdgeArrays {
  readonly src: Int32Array | readonly number[];
  readonly dst: Int32Array | readonly number[];
  readonly weight?: Float64Array | readonly number[] | null;
}

export const DEFAULT_BUILD_GRAPH = Object.freeze({
  /** Node count or labels; 0 means "max index + 1" so isolated trailing nodes need an explicit count. */
  nodes: 0 as number | readonly string[],
  /** Social ties (co-purchase, friendship) are symmetric; trust graphs pass true. */
  directed: false as boolean,
  /** networkx keeps self-loops; they change PageRank (a node links to itself) but no distance. */
  selfLoops: 'keep' as 'keep' | 'drop',
  /** networkx keeps the last weight of a repeated edge; 'sum' suits counted interactions. */
  duplicates: 'last' as 'last' | 'first' | 'sum' | 'max',
});
export type BuildGraphOptions = Partial<typeof DEFAULT_BUILD_GRAPH>;

function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4)).subarray(0, length);
}
function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8)).subarray(0, length);
}

/** Builds a CSR graph from edge arrays under the documented self-loop/duplicate rule. */
export function buildGraph(edges: EdgeArrays, options: BuildGraphOptions = {}): Graph {
  const o = resolveOptions('social-graph/build-graph', DEFAULT_BUILD_GRAPH, options);
  const { src, dst } = edges;
  const w = edges.weight ?? null;
  const m = src.length;
  if (dst.length !== m || (w && w.length !== m))
    throw new Error(`social-graph/build-graph: src, dst and weight lengths differ (${m}, ${dst.length}, ${w?.length})`);
  let n = typeof o.nodes === 'number' ? o.nodes : o.nodes.length;
  if (typeof o.nodes === 'number' && n === 0) for (let e = 0; e < m; e++) n = Math.max(n, src[e] + 1, dst[e] + 1);
  if (n === 0) throw new Error('social-graph/build-graph: empty graph (no nodes)');
  for (let e = 0; e < m; e++) {
    const a = src[e],
      b = dst[e];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0 || a >= n || b >= n)
      throw new Error(`social-graph/build-graph: edge ${e} (${a} -> ${b}) names a node outside 0..${n - 1}`);
    if (w && !(w[e] >= 0 && Number.isFinite(w[e])))
      throw new Error(
        `social-graph/build-graph: edge ${e} (${a} -> ${b}) has weight ${w[e]}, expected a finite non-negative number`,
      );
  }
  // 1. Bucket edges by canonical source (stable counting sort keeps input order per row).
  const key = (e: number): number => (o.directed || src[e] <= dst[e] ? src[e] : dst[e]);
  const other = (e: number): number => (o.directed || src[e] <= dst[e] ? dst[e] : src[e]);
  const rowStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) if (o.selfLoops === 'keep' || src[e] !== dst[e]) rowStart[key(e) + 1]++;
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, n);
  const order = new Int32Array(rowStart[n]);
  for (let e = 0; e < m; e++) if (o.selfLoops === 'keep' || src[e] !== dst[e]) order[fill[key(e)]++] = e;
  // 2. Collapse duplicates within each row with a per-row stamp (O(m), no sort).
  const seenRow = new Int32Array(n).fill(-1),
    seenAt = new Int32Array(n);
  const ua = new Int32Array(order.length),
    ub = new Int32Array(order.length),
    uw = new Float64Array(order.length);
  let u = 0;
  for (let a = 0; a < n; a++) {
    for (let p = rowStart[a]; p < rowStart[a + 1]; p++) {
      const e = order[p],
        b = other(e),
        we = w ? w[e] : 1;
      if (seenRow[b] !== a) {
        seenRow[b] = a;
        seenAt[b] = u;
        ua[u] = a;
        ub[u] = b;
        uw[u++] = we;
        continue;
      }
      const q = seenAt[b];
      if (o.duplicates === 'last') uw[q] = we;
      else if (o.duplicates === 'sum') uw[q] += we;
      else if (o.duplicates === 'max') uw[q] = Math.max(uw[q], we);
    }
  }
  // 3. Lay out the final CSR(s).
  const weighted = w !== null;
  const layout = (from: Int32Array, to: Int32Array, both: boolean): [Int32Array, Int32Array, Float64Array | null] => {
    const off = sharedInt32(n + 1);
    for (let k = 0; k < u; k++) {
      off[from[k] + 1]++;
      if (both && from[k] !== to[k]) off[to[k] + 1]++;
    }
    for (let i = 0; i < n; i++) off[i + 1] += off[i];
    const tg = sharedInt32(off[n]),
      wt = weighted ? sharedFloat64(off[n]) : null;
    const pos = off.slice(0, n);
    for (let k = 0; k < u; k++) {
      let p = pos[from[k]]++;
      tg[p] = to[k];
      if (wt) wt[p] = uw[k];
      if (both && from[k] !== to[k]) {
        p = pos[to[k]]++;
        tg[p] = from[k];
        if (wt) wt[p] = uw[k];
      }
    }
    return [off, tg, wt];
  };
  const labels = typeof o.nodes === 'number' ? Array.from({ length: n }, (_, i) => String(i)) : [...o.nodes];
  if (!o.directed) {
    const [off, tg, wt] = layout(ua, ub, true);
    return Object.freeze({
      n,
      directed: false,
      edgeCount: u,
      offsets: off,
      targets: tg,
      weights: wt,
      inOffsets: off,
      inTargets: tg,
      inWeights: wt,
      labels: Object.freeze(labels),
    });
  }
  const [off, tg, wt] = layout(ua, ub, false);
  const [inOff, inTg, inWt] = layout(ub, ua, false);
  return Object.freeze({
    n,
    directed: true,
    edgeCount: u,
    offsets: off,
    targets: tg,
    weights: wt,
    inOffsets: inOff,
    inTargets: inTg,
    inWeights: inWt,
    labels: Object.freeze(labels),
  });
}
