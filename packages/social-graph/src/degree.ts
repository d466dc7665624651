// Degree and strength per node. Undirected: number of incident edges, a self-loop counting
// twice (networkx `G.degree`); directed: 'out', 'in' or 'total' (in + out). Weighted = strength
// (sum of incident weights, networkx `G.degree(weight='weight')`).
import { resolveOptions } from '@clvlab/core';
import type { Graph } from './graph.ts';

export const DEFAULT_DEGREE = Object.freeze({
  /** Directed graphs only: which edges count; 'total' matches networkx DiGraph.degree. */
  mode: 'total' as 'in' | 'out' | 'total',
  /** Sum weights instead of counting edges (no effect on unweighted graphs). */
  weighted: false as boolean,
});
export type DegreeOptions = Partial<typeof DEFAULT_DEGREE>;

function rowSums(
  offsets: Int32Array,
  targets: Int32Array,
  weights: Float64Array | null,
  loopsTwice: boolean,
  out: Float64Array,
): void {
  for (let u = 0; u < out.length; u++) {
    let s = 0;
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const w = weights ? weights[e] : 1;
      s += loopsTwice && targets[e] === u ? 2 * w : w;
    }
    out[u] += s;
  }
}

/** Degree (or strength) per node index. */
export function degree(graph: Graph, options: DegreeOptions = {}): Float64Array {
  const o = resolveOptions('social-graph/degree', DEFAULT_DEGREE, options);
  const out = new Float64Array(graph.n);
  const w = o.weighted ? graph.weights : null,
    wIn = o.weighted ? graph.inWeights : null;
  if (!graph.directed) {
    rowSums(graph.offsets, graph.targets, w, true, out);
    return out;
  }
  if (o.mode !== 'in') rowSums(graph.offsets, graph.targets, w, false, out);
  if (o.mode !== 'out') rowSums(graph.inOffsets, graph.inTargets, wIn, false, out);
  return out;
}
