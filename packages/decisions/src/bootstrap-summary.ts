// Summaries of bootstrap replicates, with the conventions of @clvlab/metrics (which keeps its
// own helpers internal): the percentile interval (Efron & Tibshirani 1993, §13.3) with numpy's
// default "linear" quantiles, the standard deviation of the replicates as the standard error,
// and the two-sided bootstrap p-value of "difference = 0" with the +1 convention of Monte
// Carlo p-values (Davison & Hinkley 1997, ch. 4): p = min(1, 2·(1 + min(#{d* ≤ 0}, #{d* ≥ 0}))
// / (1 + B)). Replicates that are NaN (undefined on that resample) are dropped and counted
// out of `valid`.
//
// Resamples are drawn exactly as metrics' bootstrapIntervals draws them (n draws of
// createRng(seed).int(n) per resample), so one seed gives the same customer resamples here and
// in the metrics record.

import { createRng } from '@clvlab/core';
import { DEFAULT_BOOTSTRAP } from '@clvlab/metrics';

/** Point estimate, percentile interval and spread of valid replicates. */
export interface ReplicateSummary {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly se: number;
  readonly valid: number;
}

/** Calls visit(r, weights) with the multiplicities of n customers for each seeded resample. */
export function forEachCustomerResample(
  n: number,
  resamples: number,
  seed: number,
  visit: (r: number, weights: Float64Array) => void,
): void {
  const rng = createRng(seed);
  const weights = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let draw = 0; draw < n; draw++) weights[rng.int(n)] += 1;
    visit(r, weights);
  }
}

/** Percentile interval at `level` of the non-NaN replicates (NaN interval when none). */
export function summarizeReplicates(replicates: Float64Array, level: number, estimate: number): ReplicateSummary {
  const xs = replicates.filter((v) => !Number.isNaN(v)).sort();
  const m = xs.length;
  if (m === 0) return Object.freeze({ estimate, lower: NaN, upper: NaN, se: NaN, valid: 0 });
  const quantile = (q: number): number => {
    const h = (m - 1) * q,
      lo = Math.floor(h);
    return lo + 1 < m ? xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]) : xs[lo];
  };
  let mean = 0;
  for (const v of xs) mean += v / m;
  let ss = 0;
  for (const v of xs) ss += (v - mean) * (v - mean);
  return Object.freeze({
    estimate,
    lower: quantile((1 - level) / 2),
    upper: quantile((1 + level) / 2),
    se: m > 1 ? Math.sqrt(ss / (m - 1)) : 0,
    valid: m,
  });
}

/** Two-sided bootstrap p-value of "the difference is 0" (NaN when no replicate is valid). */
export function replicatePValue(replicates: Float64Array): number {
  let valid = 0,
    atOrBelow = 0,
    atOrAbove = 0;
  for (const v of replicates) {
    if (Number.isNaN(v)) continue;
    valid++;
    if (v <= 0) atOrBelow++;
    if (v >= 0) atOrAbove++;
  }
  return valid === 0 ? NaN : Math.min(1, (2 * (1 + Math.min(atOrBelow, atOrAbove))) / (1 + valid));
}

/** Bootstrap settings; defaults are metrics' DEFAULT_BOOTSTRAP (1000 resamples, seed 1, 95%). */
export interface BootstrapSettings {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
}

/** Checks a Partial of BootstrapSettings and fills in DEFAULT_BOOTSTRAP. */
export function resolveBootstrap(fn: string, options: Partial<BootstrapSettings> = {}): BootstrapSettings {
  // Field by field, so that an explicit `undefined` (a destructured absent option) keeps the default.
  const o = {
    resamples: options.resamples ?? DEFAULT_BOOTSTRAP.resamples,
    seed: options.seed ?? DEFAULT_BOOTSTRAP.seed,
    level: options.level ?? DEFAULT_BOOTSTRAP.level,
  };
  if (!Number.isInteger(o.resamples) || o.resamples < 1)
    throw new Error(`decisions/${fn}: resamples must be a positive integer, got ${o.resamples}`);
  if (!Number.isInteger(o.seed)) throw new Error(`decisions/${fn}: seed must be an integer, got ${o.seed}`);
  if (!(o.level > 0 && o.level < 1)) throw new Error(`decisions/${fn}: level must be in (0, 1), got ${o.level}`);
  return { resamples: o.resamples, seed: o.seed, level: o.level };
}
