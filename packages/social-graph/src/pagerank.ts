// PageRank by power iteration — Page, Brin, Motwani & Winograd (1999), "The PageRank Citation
// Ranking: Bringing Order to the Web", eq. x = α·xᵀ(D⁻¹A) + α·(Σ_dangling x)·p + (1 − α)·p,
// with the exact conventions of networkx 3.x `pagerank` (its scipy implementation):
// row-normalised (weighted) adjacency, dangling nodes' mass redistributed through the
// personalization vector p (uniform by default), start x = 1/N, convergence when the L1
// change between iterates is < N·tol, and a loud failure after maxIter iterations.
// Pull formulation over the incoming CSR: each iteration reads every edge once, no scatter.
import { resolveOptions } from '@clvlab/core';
import type { Graph } from './graph.ts';

export const DEFAULT_PAGERANK = Object.freeze({
  /** Probability of following a link (networkx, and the original paper, use 0.85). */
  damping: 0.85 as number,
  /** Teleport (and dangling) distribution: per node index, or by label; null = uniform. */
  personalization: null as Float64Array | Readonly<Record<string, number>> | null,
  /** Use edge weights when the graph has them (networkx weight='weight'). */
  weighted: true as boolean,
  /** networkx tolerance: stop when Σ|x − x_prev| < N·tol. */
  tol: 1e-6 as number,
  /** networkx default iteration cap; exceeding it throws instead of returning a rough vector. */
  maxIter: 100 as number,
});
export type PageRankOptions = Partial<typeof DEFAULT_PAGERANK>;

export interface PageRankResult {
  /** PageRank per node index, summing to 1. */
  readonly values: Float64Array;
  readonly iterations: number;
  /** Final L1 change. */
  readonly delta: number;
}

function personalizationVector(graph: Graph, spec: PageRankOptions['personalization']): Float64Array {
  const n = graph.n;
  const p = new Float64Array(n);
  if (!spec) return p.fill(1 / n);
  if (spec instanceof Float64Array) {
    if (spec.length !== n)
      throw new Error(`social-graph/pagerank: personalization has ${spec.length} entries, expected ${n}`);
    p.set(spec);
  } else {
    const index = new Map(graph.labels.map((l, i) => [l, i]));
    for (const [label, v] of Object.entries(spec)) {
      const i = index.get(label);
      if (i === undefined) throw new Error(`social-graph/pagerank: unknown node "${label}" in personalization`);
      p[i] = v;
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0) || !Number.isFinite(p[i]))
      throw new Error(
        `social-graph/pagerank: personalization of node "${graph.labels[i]}" is ${p[i]}, expected a finite number >= 0`,
      );
    sum += p[i];
  }
  if (sum === 0) throw new Error('social-graph/pagerank: personalization sums to zero');
  for (let i = 0; i < n; i++) p[i] /= sum;
  return p;
}

/** PageRank per node (networkx semantics); throws if it does not converge in maxIter iterations. */
export function pagerank(graph: Graph, options: PageRankOptions = {}): PageRankResult {
  const o = resolveOptions('social-graph/pagerank', DEFAULT_PAGERANK, options);
  const n = graph.n;
  if (n === 0) throw new Error('social-graph/pagerank: empty graph (no nodes)');
  if (!(o.damping >= 0 && o.damping <= 1))
    throw new Error(`social-graph/pagerank: damping must be a probability in [0, 1], got ${o.damping}`);
  if (!(o.tol > 0 && Number.isFinite(o.tol)))
    throw new Error(`social-graph/pagerank: tol must be a finite number > 0, got ${o.tol}`);
  if (!(Number.isInteger(o.maxIter) && o.maxIter >= 1))
    throw new Error(`social-graph/pagerank: maxIter must be a positive integer, got ${o.maxIter}`);
  const { offsets, inOffsets, inTargets } = graph;
  const w = o.weighted ? graph.weights : null;
  const inW = o.weighted ? graph.inWeights : null;
  const p = personalizationVector(graph, o.personalization);
  // Out-strength; 1/strength is applied once per node per iteration (xs = x / strength).
  const invOut = new Float64Array(n);
  const dangling: number[] = [];
  for (let u = 0; u < n; u++) {
    let s = 0;
    if (w) for (let e = offsets[u]; e < offsets[u + 1]; e++) s += w[e];
    else s = offsets[u + 1] - offsets[u];
    if (s === 0) dangling.push(u);
    else invOut[u] = 1 / s;
  }
  const alpha = o.damping;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const xs = new Float64Array(n);
  for (let iter = 1; iter <= o.maxIter; iter++) {
    let dsum = 0;
    for (const u of dangling) dsum += x[u];
    for (let u = 0; u < n; u++) xs[u] = x[u] * invOut[u];
    let err = 0;
    for (let v = 0; v < n; v++) {
      let acc = 0;
      const end = inOffsets[v + 1];
      if (inW) for (let e = inOffsets[v]; e < end; e++) acc += xs[inTargets[e]] * inW[e];
      else for (let e = inOffsets[v]; e < end; e++) acc += xs[inTargets[e]];
      const val = alpha * (acc + dsum * p[v]) + (1 - alpha) * p[v];
      next[v] = val;
      err += Math.abs(val - x[v]);
    }
    [x, next] = [next, x];
    if (err < n * o.tol) return Object.freeze({ values: x, iterations: iter, delta: err });
  }
  throw new Error(`social-graph/pagerank: failed to converge after ${o.maxIter} iterations`);
}
