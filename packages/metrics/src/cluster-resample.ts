// Cluster bootstrap (the "pairs cluster bootstrap" of Cameron, Gelbach & Miller 2008,
// "Bootstrap-Based Improvements for Inference with Clustered Errors", Review of Economics and
// Statistics 90:414–427; the cluster/"randomized cluster" bootstrap of Field & Welsh 2007,
// "Bootstrapping Clustered Data", JRSS B 69:369–390): when test customers are correlated
// within groups (households, referral networks, acquisition cohorts, stores), resampling
// single customers understates the variance. Each resample instead draws G clusters with
// replacement from the G distinct clusters, and every customer gets its cluster's
// multiplicity as weight, w_i = #{draws of cluster(i)}; the metrics are then evaluated under
// these weights by the same weighted code as the customer bootstrap (metric-context.ts). The
// total weight Σ w_i varies between resamples (clusters differ in size); every weighted metric
// normalises by it.
//
// Cluster ids are ranked (sorted distinct ids -> 0..G−1) before drawing, so the draws do not
// depend on the order customers are listed in; with ids 0..n−1, one per customer, the draws,
// weights and intervals are exactly those of the customer bootstrap. With few clusters
// (G below ~30-50) cluster-bootstrap intervals are themselves unreliable (Cameron, Gelbach &
// Miller 2008, §III); with G = 1 every resample is the original data (zero-width interval).

import { createRng } from '@clvlab/core';

/** Dense cluster indices of the test customers. */
export interface ClusterIndex {
  /** Rank of customer i's cluster id among the distinct ids, in 0..count−1. */
  readonly clusterOf: Int32Array;
  /** Number of distinct clusters G. */
  readonly count: number;
}

/**
 * Validates `clusters` (an Int32Array with one id per customer, any integers) and ranks the
 * distinct ids; errors are prefixed `metrics/<fn>:`.
 */
export function clusterIndex(fn: string, clusters: Int32Array, n: number): ClusterIndex {
  if (!(clusters instanceof Int32Array))
    throw new Error(`metrics/${fn}: clusters must be an Int32Array (one cluster id per test customer)`);
  if (clusters.length !== n)
    throw new Error(
      `metrics/${fn}: clusters has length ${clusters.length}, expected ${n} (one cluster id per test customer)`,
    );
  const sorted = clusters.slice().sort();
  let count = 0;
  for (let k = 0; k < n; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[count++] = sorted[k];
  const ids = sorted.subarray(0, count);
  const clusterOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // Binary search of clusters[i] among the sorted distinct ids.
    let lo = 0,
      hi = count - 1;
    const v = clusters[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ids[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    clusterOf[i] = lo;
  }
  return { clusterOf, count };
}

/**
 * Calls `visit(r, weights)` for each of `resamples` seeded cluster resamples: G clusters drawn
 * with replacement (createRng(seed)), weights[i] = multiplicity of customer i's cluster. The
 * weights array is reused.
 */
export function forEachClusterResample(
  index: ClusterIndex,
  resamples: number,
  seed: number,
  visit: (r: number, weights: Float64Array) => void,
): void {
  const { clusterOf, count } = index;
  const rng = createRng(seed);
  const draws = new Float64Array(count);
  const w = new Float64Array(clusterOf.length);
  for (let r = 0; r < resamples; r++) {
    draws.fill(0);
    for (let j = 0; j < count; j++) draws[rng.int(count)] += 1;
    for (let i = 0; i < clusterOf.length; i++) w[i] = draws[clusterOf[i]];
    visit(r, w);
  }
}
