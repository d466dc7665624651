// Seeded row and feature sampling for the fitters. Each draw consumes the stream in a fixed
// order, so the same seed gives the same rows and features (and the same model) on any machine.
import type { Rng } from '@clvlab/core';

/** Rows 0..n−1 each kept with probability `rate` (XGBoost's uniform subsample), ascending, into `out`; returns the count. */
export function bernoulliRows(n: number, rate: number, rng: Rng | null, out: Int32Array): number {
  let k = 0;
  if (rate >= 1 || !rng) {
    for (let i = 0; i < n; i++) out[i] = i;
    return n;
  }
  for (let i = 0; i < n; i++) if (rng.next() < rate) out[k++] = i;
  return k;
}

/** Bootstrap multiplicities: n draws with replacement (Breiman 2001's bagging), counts[i] = times row i was drawn. */
export function bootstrapCounts(n: number, rng: Rng, counts: Float64Array): void {
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[rng.int(n)]++;
}

/** Draws out.length distinct ids from `pool` (partial Fisher–Yates; pool is permuted) into `out`, ascending. */
export function drawSubset(pool: Int32Array, out: Int32Array, rng: Rng): Int32Array {
  for (let i = 0; i < out.length; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  out.set(pool.subarray(0, out.length));
  return out.sort();
}

/** 0..p−1. */
export function allFeatures(p: number): Int32Array {
  return Int32Array.from({ length: p }, (_, f) => f);
}
