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
import type { BootstrapOptions } from './bootstrap-intervals.ts';
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
  const o = resolveBootstrapOptions('pairedBootstrap', rest);
  checkSameLength('pairedBootstrap', { actual, predictedA, predictedB });
  const inA: MetricInput = { actual, predicted: predictedA, repurchaseScore: repurchaseScoreA, actualRepurchase };
  const ctxA = metricContext('pairedBootstrap', inA);
  const ctxB = metricContext(
    'pairedBootstrap',
    { actual, predicted: predictedB, repurchaseScore: repurchaseScoreB, actualRepurchase },
    ctxA,
  );
  const k = METRIC_NAMES.length;
  const pa = new Float64Array(k),
    pb = new Float64Array(k),
    ra = new Float64Array(k),
    rb = new Float64Array(k);
  const clusters = resampleClusters('pairedBootstrap', options.clusters, ctxA.n);
  const ones = unitWeights(ctxA.n);
  metricsUnderWeights(ctxA, ones, pa);
  metricsUnderWeights(ctxB, ones, pb);
  const diffs = new Float64Array(o.resamples * k);
  forEachBootstrapResample(ctxA.n, clusters, o.resamples, o.seed, (r, w) => {
    metricsUnderWeights(ctxA, w, ra);
    metricsUnderWeights(ctxB, w, rb);
    for (let m = 0; m < k; m++) diffs[r * k + m] = ra[m] - rb[m];
  });
  const metrics = {} as Record<MetricName, PairedDifference>;
  METRIC_NAMES.forEach((name, m) => {
    const iv = percentileInterval(diffs, o.resamples, m, k, o.level, pa[m] - pb[m]);
    metrics[name] = Object.freeze({
      a: pa[m],
      b: pb[m],
      difference: iv.estimate,
      lower: iv.lower,
      upper: iv.upper,
      se: iv.se,
      valid: iv.valid,
      significant: iv.lower > 0 || iv.upper < 0,
      p: bootstrapPValue(diffs, o.resamples, m, k),
    });
  });
  return Object.freeze({ resamples: o.resamples, seed: o.seed, level: o.level, metrics: Object.freeze(metrics) });
}
