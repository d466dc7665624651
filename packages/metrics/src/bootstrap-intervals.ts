// Percentile bootstrap intervals over test customers (Efron & Tibshirani 1993, "An
// Introduction to the Bootstrap", §13.3, the percentile interval). Customers are resampled
// with replacement (n draws from a seeded createRng stream), every metric is recomputed on
// the resample, and the interval is the (1−level)/2 and (1+level)/2 quantiles of the
// replicates (linear interpolation between order statistics, numpy's default "linear"
// method). Replicates where a metric is undefined (NaN, e.g. no repurchaser drawn) are
// dropped for that metric and counted in `valid`.
//
// Hand-written for speed: a resample is a vector of multiplicities over the ORIGINAL
// customers, so the sort orders computed once in metricContext() stay valid, and each
// resample costs O(n) with no allocation (see metric-context.ts).
//
// With `clusters` (one id per test customer) whole clusters are resampled instead (cluster
// bootstrap, Field & Welsh 2007; Cameron, Gelbach & Miller 2008; see cluster-resample.ts), for
// customers correlated within groups. Without it every result is exactly as before.

import { createRng, resolveOptions } from '@clvlab/core';
import type { MetricInput } from './metric-context.ts';
import { metricContext, metricsUnderWeights } from './metric-context.ts';
import type { MetricName } from './evaluate.ts';
import { METRIC_NAMES } from './evaluate.ts';
import { unitWeights } from './validate-inputs.ts';
import type { ClusterIndex } from './cluster-resample.ts';
import { clusterIndex, forEachClusterResample } from './cluster-resample.ts';

/** Bootstrap defaults (docs/architecture.md §Metrics). */
export const DEFAULT_BOOTSTRAP: Readonly<{ resamples: number; seed: number; level: number }> = Object.freeze({
  /** 1000 resamples: the percentile interval's endpoints are stable to ~1% of its width. */
  resamples: 1000,
  /** Fixed seed so that the same data give the same intervals on every run. */
  seed: 1,
  /** 95% intervals, the conventional level for "significant" comparisons. */
  level: 0.95,
});

/** Bootstrap options: any subset of DEFAULT_BOOTSTRAP, plus optional clusters. */
export type BootstrapOptions = Partial<typeof DEFAULT_BOOTSTRAP> & {
  /**
   * One cluster id per test customer (any integers): resample whole clusters (G draws with
   * replacement from the G distinct ids) instead of customers. Ids 0..n−1, one per customer,
   * reproduce the customer bootstrap exactly.
   */
  readonly clusters?: Int32Array;
};

/** Point estimate and percentile interval of one metric. */
export interface MetricInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Standard deviation of the valid replicates (bootstrap standard error). */
  readonly se: number;
  /** Replicates where the metric was defined (NaN ones are dropped). */
  readonly valid: number;
}

/** Intervals for every metric of evaluate(). */
export interface BootstrapResult {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  readonly metrics: Readonly<Record<MetricName, MetricInterval>>;
}

/** Resolves and checks bootstrap options (`clusters` is checked by resampleClusters()). */
export function resolveBootstrapOptions(fn: string, options: BootstrapOptions = {}): typeof DEFAULT_BOOTSTRAP {
  const { clusters: _clusters, ...rest } = options;
  const o = resolveOptions(`metrics/${fn}`, DEFAULT_BOOTSTRAP, rest);
  if (!Number.isInteger(o.resamples) || o.resamples < 1)
    throw new Error(`metrics/${fn}: resamples must be a positive integer, got ${o.resamples}`);
  if (!(o.level > 0 && o.level < 1)) throw new Error(`metrics/${fn}: level must be in (0, 1), got ${o.level}`);
  if (!Number.isInteger(o.seed)) throw new Error(`metrics/${fn}: seed must be an integer, got ${o.seed}`);
  return o;
}

/**
 * Calls `visit(r, weights)` for each of `resamples` seeded resamples of n customers; the
 * weights array is reused (multiplicities summing to n).
 */
export function forEachResample(
  n: number,
  resamples: number,
  seed: number,
  visit: (r: number, weights: Float64Array) => void,
): void {
  const rng = createRng(seed);
  const w = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    w.fill(0);
    for (let j = 0; j < n; j++) w[rng.int(n)] += 1;
    visit(r, w);
  }
}

/** Validated cluster index for `clusters` over n customers, or undefined without clusters. */
export function resampleClusters(fn: string, clusters: Int32Array | undefined, n: number): ClusterIndex | undefined {
  return clusters === undefined ? undefined : clusterIndex(fn, clusters, n);
}

/** forEachResample() over customers, or forEachClusterResample() when `clusters` is given. */
export function forEachBootstrapResample(
  n: number,
  clusters: ClusterIndex | undefined,
  resamples: number,
  seed: number,
  visit: (r: number, weights: Float64Array) => void,
): void {
  if (clusters === undefined) forEachResample(n, resamples, seed, visit);
  else forEachClusterResample(clusters, resamples, seed, visit);
}

/** Interval of replicates[offset + r·stride], r < count, dropping NaN. */
export function percentileInterval(
  replicates: Float64Array,
  count: number,
  offset: number,
  stride: number,
  level: number,
  estimate: number,
): MetricInterval {
  const xs: number[] = [];
  for (let r = 0; r < count; r++) {
    const v = replicates[offset + r * stride];
    if (!Number.isNaN(v)) xs.push(v);
  }
  if (xs.length === 0) return Object.freeze({ estimate, lower: NaN, upper: NaN, se: NaN, valid: 0 });
  const sorted = Float64Array.from(xs).sort();
  const q = (p: number): number => {
    const h = (sorted.length - 1) * p,
      lo = Math.floor(h),
      hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  let mean = 0;
  for (const v of sorted) mean += v;
  mean /= sorted.length;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const se = sorted.length > 1 ? Math.sqrt(ss / (sorted.length - 1)) : 0;
  return Object.freeze({ estimate, lower: q((1 - level) / 2), upper: q((1 + level) / 2), se, valid: sorted.length });
}

/**
 * Seeded percentile bootstrap intervals for every metric of evaluate(input); with
 * options.clusters, a cluster bootstrap. Throws `metrics/bootstrapIntervals: ...` on bad input
 * or options (clusters not an Int32Array of length n).
 */
export function bootstrapIntervals(input: MetricInput, options: BootstrapOptions = {}): BootstrapResult {
  const o = resolveBootstrapOptions('bootstrapIntervals', options);
  const ctx = metricContext('bootstrapIntervals', input);
  const clusters = resampleClusters('bootstrapIntervals', options.clusters, ctx.n);
  const k = METRIC_NAMES.length;
  const point = new Float64Array(k);
  metricsUnderWeights(ctx, unitWeights(ctx.n), point);
  const reps = new Float64Array(o.resamples * k);
  forEachBootstrapResample(ctx.n, clusters, o.resamples, o.seed, (r, w) => metricsUnderWeights(ctx, w, reps, r * k));
  const metrics = {} as Record<MetricName, MetricInterval>;
  METRIC_NAMES.forEach((name, m) => {
    metrics[name] = percentileInterval(reps, o.resamples, m, k, o.level, point[m]);
  });
  return Object.freeze({ resamples: o.resamples, seed: o.seed, level: o.level, metrics: Object.freeze(metrics) });
}
