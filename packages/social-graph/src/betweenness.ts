// Betweenness centrality, exact or sampled — Brandes (2001) accumulation (brandes-accumulate.ts)
// from all sources or from k pivots (Brandes & Pich (2007), "Centrality estimation in large
// networks", Int. J. Bifurcation and Chaos 17(7)), normalised exactly like networkx 3.6
// `betweenness_centrality(G, k, normalized, endpoints=False)`: with N = n − 1 possible targets,
// sampled pivots scale by 1/((k − 1)(N − 1)) and other nodes by 1/(k(N − 1)) (exact: k = N + 1
// gives 1/((n − 1)(n − 2))). Unweighted (hop) shortest paths. Sources run on the worker pool.
import { createRng, resolveOptions } from '@clvlab/core';
import type { Graph } from './graph.ts';
import type { CsrView } from './accumulate-distances.ts';
import { brandesAccumulate } from './brandes-accumulate.ts';
import { loadGraphPools } from './distance-totals.ts';

export const DEFAULT_BETWEENNESS = Object.freeze({
  /** Number of pivot sources; null = all nodes (exact, O(n·m)). */
  k: null as number | null,
  /** Seed of the pivot sample (same seed → same pivots → same values). */
  seed: 0 as number,
  /** networkx default: divide by the number of ordered (s, t) pairs. */
  normalized: true as boolean,
  /** Worker threads; 1 runs in the calling thread, 0 = one per core (resolved at call time). */
  workers: 0 as number,
});
export type BetweennessOptions = Partial<typeof DEFAULT_BETWEENNESS>;

export interface BetweennessResult {
  readonly values: Float64Array;
  /** The sources used, ascending (all nodes when exact). */
  readonly pivots: Int32Array;
}

/** Betweenness per node from all or k seeded pivots (networkx 3.6 scaling). */
export async function betweenness(graph: Graph, options: BetweennessOptions = {}): Promise<BetweennessResult> {
  const o = resolveOptions('social-graph/betweenness', DEFAULT_BETWEENNESS, options);
  const n = graph.n;
  if (n === 0) throw new Error('social-graph/betweenness: empty graph (no nodes)');
  let pivots = new Int32Array(n).map((_, i) => i);
  const sampled = o.k !== null && o.k < n;
  if (o.k !== null && !(Number.isInteger(o.k) && o.k >= 1))
    throw new Error(`social-graph/betweenness: k must be a positive integer, got ${o.k}`);
  if (sampled) {
    const rng = createRng(o.seed, 0xbe7);
    const k = o.k as number;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const t = pivots[i];
      pivots[i] = pivots[j];
      pivots[j] = t;
    }
    pivots = pivots.slice(0, k).sort();
  }
  const forward: CsrView = { n, offsets: graph.offsets, targets: graph.targets, weights: null };
  const backward: CsrView = { n, offsets: graph.inOffsets, targets: graph.inTargets, weights: null };
  let values: Float64Array;
  const pools = await loadGraphPools(o.workers);
  const workers = pools === null ? 1 : pools.poolSize(o.workers);
  if (pools === null || workers <= 1 || pivots.length * (n + graph.targets.length) < 2e7) {
    values = new Float64Array(n);
    brandesAccumulate(forward, backward, pivots, 0, pivots.length, values);
  } else {
    values = await pools.graphPool(workers).brandes(forward, backward, pivots);
  }
  const N = n - 1,
    K = sampled ? pivots.length : N + 1;
  if (N >= 2) {
    const isPivot = new Uint8Array(n);
    for (const p of pivots) isPivot[p] = 1;
    const corr = o.normalized ? 1 : graph.directed ? 1 : 2;
    const base = o.normalized ? 1 / (N - 1) : N;
    // networkx: exact scaling uses K_source = N (pairs s ≠ t); sampled uses k and k − 1 for pivots.
    const scaleSource = sampled ? base / ((K - 1) * corr) : base / (N * corr);
    const scaleOther = sampled ? base / (K * corr) : base / (N * corr);
    for (let v = 0; v < n; v++) values[v] *= isPivot[v] ? scaleSource : scaleOther;
  }
  return Object.freeze({ values, pivots });
}
