// Per-node incoming-distance totals (reach count, Σd, Σ1/d, Σd²) for closeness and harmonic
// centrality, exact or estimated, in this thread or on the worker pool.
//
// Approximation: Eppstein & Wang (2004), "Fast approximation of centrality", J. Graph
// Algorithms Appl. 8(1): sample k pivots uniformly, traverse from each, and scale the sample
// totals by (n − 1)/k_u (k_u = pivots other than u). With k = ⌈ln n / ε²⌉ pivots Hoeffding's
// bound (their Theorem 1) gives |estimated − true mean distance| ≤ ε·Δ for all nodes
// simultaneously with probability ≥ 1 − δ, δ = 2/n (Δ = diameter; an undirected graph's
// diameter is at most twice any eccentricity, which is the Δ̂ reported).
import { createRng, resolveOptions } from '@clvlab/core';
import type { Graph } from './graph.ts';
import { accumulateDistances, type CsrView, type DistanceTotals } from './accumulate-distances.ts';
import { relabelForLocality } from './locality-order.ts';
import { sharedTotals } from './shared-totals.ts';

export const DEFAULT_CENTRALITY = Object.freeze({
  /** Use edge weights as distances (Dijkstra); off = hop counts, like networkx distance=None. */
  weighted: false as boolean,
  /** networkx's default Wasserman–Faust scaling for disconnected graphs (closeness only). */
  wfImproved: true as boolean,
  /** Worker threads; 1 runs in the calling thread, 0 = one per core (resolved at call time). */
  workers: 0 as number,
  /** 'auto' samples pivots above autoThreshold nodes, 'off' is exact, a number forces that many pivots. */
  approx: 'auto' as 'auto' | 'off' | number,
  /** Exact is O(n·m): above ~20k nodes it takes minutes, so 'auto' switches to pivots. */
  autoThreshold: 20_000 as number,
  /** Eppstein–Wang additive error (in units of the diameter) for 'auto'; 0.1 → ~1,400 pivots at 1M nodes. */
  epsilon: 0.1 as number,
  /** Seed of the pivot sample. */
  seed: 0 as number,
});
export type CentralityOptions = Partial<typeof DEFAULT_CENTRALITY>;

/** What approximation was used and how good it is (all null when exact). */
export interface Approximation {
  readonly pivots: number;
  /** Eppstein–Wang ε and failure probability δ for the pivot count used. */
  readonly epsilon: number;
  readonly delta: number;
  /** ε·Δ̂: the stated bound on the additive error of each node's mean distance. */
  readonly distanceErrorBound: number;
  /** Median over nodes of the estimated relative standard error of the mean distance. */
  readonly medianRelativeStandardError: number;
}

export interface Totals {
  readonly n: number;
  /** Estimated (or exact) per-node totals over all other nodes. */
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly inverse: Float64Array;
  readonly approximation: Approximation | null;
}

/**
 * Node's worker pools (graph-pools.ts), imported on the first call that may use them, so that
 * this module loads without node: modules. The specifier is a variable so that a browser bundler
 * leaves the pool out instead of bundling core's node: imports (in src/ and in dist/ alike it
 * resolves next to this file: tsc rewrites it to `.js`; a bundled GraphPool could not start its
 * workers anyway).
 */
const GRAPH_POOLS = './graph-pools.ts';

/**
 * The graph pools when `workers` may mean more than this thread, else null: `workers` is 1 or
 * the runtime is not Node (a browser has no worker_threads: there 0, one per core, is this one).
 */
export async function loadGraphPools(workers: number): Promise<typeof import('./graph-pools.ts') | null> {
  if (workers === 1 || globalThis.process?.versions?.node === undefined) return null;
  return (await import(/* @vite-ignore */ GRAPH_POOLS)) as typeof import('./graph-pools.ts');
}

/** Runs the distance kernel for `sources` in-thread or on the pool (BFS-relabelled when large). */
export async function runDistances(
  csr: CsrView,
  sources: Int32Array,
  workers: number,
): Promise<{ totals: DistanceTotals; maxDistance: number }> {
  if (csr.n < RELABEL_ABOVE) return runKernel(csr, sources, workers);
  const { csr: local, order, rank } = relabelForLocality(csr);
  const { totals, maxDistance } = await runKernel(
    local,
    sources.map((s) => rank[s]),
    workers,
  );
  const back = sharedTotals(csr.n);
  for (const key of ['count', 'sum', 'inverse', 'square'] as const) {
    const from = totals[key],
      to = back[key];
    for (let i = 0; i < csr.n; i++) to[order[i]] = from[i];
  }
  return { totals: back, maxDistance };
}

/** Above this many nodes per-node state no longer fits in cache and relabelling pays off. */
const RELABEL_ABOVE = 100_000;

async function runKernel(
  csr: CsrView,
  sources: Int32Array,
  count: number,
): Promise<{ totals: DistanceTotals; maxDistance: number }> {
  // Starting workers costs ~0.3–1 s (tsx compiles the worker module), so small jobs stay in
  // this thread unless a pool of that size is already running.
  const pools = await loadGraphPools(count);
  const workers = pools === null ? 1 : pools.poolSize(count);
  const work = sources.length * (csr.n + csr.targets.length);
  if (pools === null || workers <= 1 || (work < 2e8 && !pools.hasGraphPool(workers))) {
    const totals = sharedTotals(csr.n);
    return { totals, maxDistance: accumulateDistances(csr, sources, 0, sources.length, totals) };
  }
  const chunk = Math.max(64, Math.min(1024, 64 * Math.ceil(sources.length / (64 * workers * 8))));
  return pools.graphPool(workers).distances(csr, sources, chunk);
}

/** Per-node incoming-distance totals (exact or Eppstein–Wang estimated). */
export async function distanceTotals(graph: Graph, options: CentralityOptions = {}): Promise<Totals> {
  const o = resolveOptions('social-graph/closeness', DEFAULT_CENTRALITY, options);
  const n = graph.n;
  if (n === 0) throw new Error('social-graph/closeness: empty graph (no nodes)');
  if (o.weighted && !graph.weights)
    throw new Error('social-graph/closeness: weighted distances requested but the graph has no weights');
  const csr: CsrView = {
    n,
    offsets: graph.offsets,
    targets: graph.targets,
    weights: o.weighted ? graph.weights : null,
  };
  let k = n;
  if (typeof o.approx === 'number') {
    if (!(Number.isInteger(o.approx) && o.approx >= 1))
      throw new Error(`social-graph/closeness: approx must be 'auto', 'off' or a positive integer, got ${o.approx}`);
    k = Math.min(n, o.approx);
  } else if (o.approx === 'auto' && n > o.autoThreshold) {
    k = Math.min(n, Math.ceil(Math.log(n) / (o.epsilon * o.epsilon)));
  }
  if (k >= n) {
    const all = new Int32Array(n).map((_, i) => i);
    const { totals } = await runDistances(csr, all, o.workers);
    return Object.freeze({ n, count: totals.count, sum: totals.sum, inverse: totals.inverse, approximation: null });
  }
  // Seeded sample of k distinct pivots (partial Fisher–Yates).
  const rng = createRng(o.seed, 0x9a7);
  const perm = new Int32Array(n).map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const pivots = perm.slice(0, k).sort();
  const { totals, maxDistance } = await runDistances(csr, pivots, o.workers);
  const isPivot = new Uint8Array(n);
  for (const p of pivots) isPivot[p] = 1;
  const rse: number[] = [];
  for (let u = 0; u < n; u++) {
    const ku = k - isPivot[u];
    const c = totals.count[u];
    if (c > 1) {
      const mean = totals.sum[u] / c,
        variance = Math.max(0, totals.square[u] / c - mean * mean);
      if (mean > 0 && (u & 7) === 0)
        rse.push((Math.sqrt(variance / c) * Math.sqrt(Math.max(0, 1 - ku / (n - 1)))) / mean);
    }
    const scale = (n - 1) / ku;
    totals.count[u] *= scale;
    totals.sum[u] *= scale;
    totals.inverse[u] *= scale;
  }
  rse.sort((a, b) => a - b);
  const epsilon = Math.sqrt(Math.log(n) / k);
  const diameter = graph.directed ? maxDistance : 2 * maxDistance;
  return Object.freeze({
    n,
    count: totals.count,
    sum: totals.sum,
    inverse: totals.inverse,
    approximation: Object.freeze({
      pivots: k,
      epsilon,
      delta: 2 / n,
      distanceErrorBound: epsilon * diameter,
      medianRelativeStandardError: rse.length ? rse[rse.length >> 1] : 0,
    }),
  });
}
