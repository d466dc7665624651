// Paired bootstrap of the difference A − B of every metric between two models evaluated on the
// SAME test customers (Efron & Tibshirani 1993, §16.4; the paired design of Koehn 2004 for
// system comparison): each resample draws one set of customers and scores both models on it,
// so customer-level noise shared by both cancels. The difference is `significant` when its
// percentile interval excludes 0. Same seed and n give the same resamples as
// bootstrapIntervals(), so the two reports are consistent (also with the same `clusters`:
// the cluster bootstrap of Field & Welsh 2007 / Cameron, Gelbach & Miller 2008, see
// cluster-resample.ts). `p` is the two-sided bootstrap p-value of "difference = 0" with the
// +1 convention, (1 + count)/(1 + valid) per tail (bootstrap-p-value.ts).

import type { MetricInput } from './metric-context.ts';
import { metricContext, metricsUnderWeights } from './metric-context.ts';
import type { MetricName } from './evaluate.ts';
import { METRIC_NAMES } from './evaluate.ts';
import type { BootstrapOptions, BootstrapResult, MetricInterval } from './bootstrap-intervals.ts';
import {
  forEachBootstrapResample,
  percentileInterval,
  resampleClusters,
  resolveBootstrapOptions,
} from './bootstrap-intervals.ts';
import { bootstrapPValue } from './bootstrap-p-value.ts';
import type { NumericArray } from './validate-inputs.ts';
import { checkSameLength, unitWeights } from './validate-inputs.ts';

/** Data beyond (actual, predictedA, predictedB) for the AUC, plus bootstrap options. */
export interface PairedBootstrapOptions extends BootstrapOptions {
  /** 0/1 repurchase (default actual > 0). */
  readonly actualRepurchase?: NumericArray;
  /** Repurchase scores of A and B (default: their predictions). */
  readonly repurchaseScoreA?: NumericArray;
  readonly repurchaseScoreB?: NumericArray;
}

/** One metric's paired comparison. */
export interface PairedDifference {
  readonly a: number;
  readonly b: number;
  /** a − b on all customers. */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly se: number;
  readonly valid: number;
  /** The interval excludes 0 (NaN interval -> false). */
  readonly significant: boolean;
  /**
   * Two-sided bootstrap p-value of difference = 0: min(1, 2·min(1 + #{d* ≤ 0}, 1 + #{d* ≥ 0}) /
   * (1 + valid)) over the valid replicates d*; 1 for identical models, ≥ 2/(1 + valid), NaN
   * when valid = 0.
   */
  readonly p: number;
}

/** Differences for every metric of evaluate(). */
export interface PairedBootstrapResult {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  readonly metrics: Readonly<Record<MetricName, PairedDifference>>;
}

/**
 * One model's metrics on all customers and under each bootstrap resample (resamples × metrics,
 * row-major). Resamples depend only on (n, clusters, resamples, seed), so two models' replicates
 * with the same options are paired: their difference is the paired bootstrap (pairedFromReplicates),
 * and a record comparing many models computes each model's replicates once instead of once per pair.
 */
export interface BootstrapReplicates {
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  readonly n: number;
  readonly point: Float64Array;
  readonly replicates: Float64Array;
}

/** The replicates of one model (see BootstrapReplicates). */
export function bootstrapReplicates(
  input: MetricInput,
  options: BootstrapOptions = {},
  fn = 'bootstrapReplicates',
): BootstrapReplicates {
  const o = resolveBootstrapOptions(fn, options);
  const ctx = metricContext(fn, input);
  const k = METRIC_NAMES.length;
  const point = new Float64Array(k);
  metricsUnderWeights(ctx, unitWeights(ctx.n), point);
  const replicates = new Float64Array(o.resamples * k);
  const clusters = resampleClusters(fn, options.clusters, ctx.n);
  const row = new Float64Array(k);
  forEachBootstrapResample(ctx.n, clusters, o.resamples, o.seed, (r, w) => {
    metricsUnderWeights(ctx, w, row);
    replicates.set(row, r * k);
  });
  return Object.freeze({ resamples: o.resamples, seed: o.seed, level: o.level, n: ctx.n, point, replicates });
}

/** One model's percentile intervals from its replicates: bootstrapIntervals() with the same input and options, number for number. */
export function intervalsFromReplicates(r: BootstrapReplicates): BootstrapResult {
  const k = METRIC_NAMES.length;
  const metrics = {} as Record<MetricName, MetricInterval>;
  METRIC_NAMES.forEach((name, m) => {
    metrics[name] = percentileInterval(r.replicates, r.resamples, m, k, r.level, r.point[m]);
  });
  return Object.freeze({ resamples: r.resamples, seed: r.seed, level: r.level, metrics: Object.freeze(metrics) });
}

/** The paired bootstrap of A − B from two models' replicates taken with the same options. */
export function pairedFromReplicates(a: BootstrapReplicates, b: BootstrapReplicates): PairedBootstrapResult {
  if (a.resamples !== b.resamples || a.seed !== b.seed || a.level !== b.level || a.n !== b.n) {
    throw new Error(
      `metrics/pairedFromReplicates: replicates of different resamples (${a.resamples}/${b.resamples}), seeds (${a.seed}/${b.seed}), levels or sizes (${a.n}/${b.n}) are not paired`,
    );
  }
  const k = METRIC_NAMES.length;
  const diffs = new Float64Array(a.resamples * k);
  for (let i = 0; i < diffs.length; i++) diffs[i] = a.replicates[i] - b.replicates[i];
  const metrics = {} as Record<MetricName, PairedDifference>;
  METRIC_NAMES.forEach((name, m) => {
    const iv = percentileInterval(diffs, a.resamples, m, k, a.level, a.point[m] - b.point[m]);
    metrics[name] = Object.freeze({
      a: a.point[m],
      b: b.point[m],
      difference: iv.estimate,
      lower: iv.lower,
      upper: iv.upper,
      se: iv.se,
      valid: iv.valid,
      significant: iv.lower > 0 || iv.upper < 0,
      p: bootstrapPValue(diffs, a.resamples, m, k),
    });
  });
  return Object.freeze({ resamples: a.resamples, seed: a.seed, level: a.level, metrics: Object.freeze(metrics) });
}

/**
 * Paired bootstrap of metric(A) − metric(B) on the same resampled customers (or clusters, with
 * options.clusters).
 */
export function pairedBootstrap(
  actual: NumericArray,
  predictedA: NumericArray,
  predictedB: NumericArray,
  options: PairedBootstrapOptions = {},
): PairedBootstrapResult {
  const { actualRepurchase, repurchaseScoreA, repurchaseScoreB, ...rest } = options;
  checkSameLength('pairedBootstrap', { actual, predictedA, predictedB });
  resolveBootstrapOptions('pairedBootstrap', rest);
  return pairedFromReplicates(
    bootstrapReplicates(
      { actual, predicted: predictedA, repurchaseScore: repurchaseScoreA, actualRepurchase },
      rest,
      'pairedBootstrap',
    ),
    bootstrapReplicates(
      { actual, predicted: predictedB, repurchaseScore: repurchaseScoreB, actualRepurchase },
      rest,
      'pairedBootstrap',
    ),
  );
}
