// The precomputed state behind evaluate() and the bootstraps: inputs validated once, the three
// sort orders (by prediction, by actual, by repurchase score) computed once, and scratch
// buffers allocated once. metricsUnderWeights() then evaluates all eight metrics
// (docs/architecture.md §Metrics) for any weight vector in O(n) with no allocation.
// Hand-written for speed: a bootstrap resample is a vector of multiplicities over the same
// customers, so no resample needs a sort, and the plain metrics (weights = 1) run the very same
// code, so point estimates and resamples cannot disagree in definition.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import { weightedNormalizedGini } from './normalized-gini.ts';
import { weightedSpearman } from './spearman.ts';
import type { DecileScratch } from './decile-mape.ts';
import { decileScratch, weightedDecileMape } from './decile-mape.ts';
import { weightedTopCapture } from './top-capture.ts';
import { weightedAuc } from './auc.ts';
import { weightedErrors } from './error-metrics.ts';
import type { NumericArray } from './validate-inputs.ts';
import { checkSameLength, toFiniteArray, toLabels } from './validate-inputs.ts';

/** What evaluate() needs per test customer. */
export interface MetricInput {
  /** Actual holdout value (revenue floored at 0, or purchase count). */
  readonly actual: NumericArray;
  /** Predicted holdout value. */
  readonly predicted: NumericArray;
  /** Score for repurchase (higher = more likely); defaults to `predicted`. */
  readonly repurchaseScore?: NumericArray;
  /** 0/1 repurchase in the holdout; defaults to actual > 0. */
  readonly actualRepurchase?: NumericArray;
}

/** Validated inputs, sort orders and scratch buffers for one (actual, prediction) pair. */
export interface MetricContext {
  readonly n: number;
  readonly actual: Float64Array;
  readonly predicted: Float64Array;
  readonly labels: Float64Array;
  readonly byPrediction: TieBlocks;
  readonly byActual: TieBlocks;
  readonly byScore: TieBlocks;
  readonly scratch: {
    readonly ra: Float64Array;
    readonly rb: Float64Array;
    readonly one: Float64Array;
    readonly errors: Float64Array;
    readonly deciles: DecileScratch;
  };
}

/** Validates `input` (errors prefixed `metrics/<fn>:`) and precomputes the sort orders. */
export function metricContext(fn: string, input: MetricInput, shared?: MetricContext): MetricContext {
  const arrays: Record<string, NumericArray> = { actual: input.actual, predicted: input.predicted };
  if (input.repurchaseScore !== undefined) arrays.repurchaseScore = input.repurchaseScore;
  if (input.actualRepurchase !== undefined) arrays.actualRepurchase = input.actualRepurchase;
  const actual = shared ? shared.actual : toFiniteArray(fn, 'actual', input.actual);
  const predicted = toFiniteArray(fn, 'predicted', input.predicted);
  checkSameLength(fn, arrays);
  let labels: Float64Array;
  if (input.actualRepurchase !== undefined) labels = toLabels(fn, 'actualRepurchase', input.actualRepurchase);
  else if (shared) labels = shared.labels;
  else labels = actual.map((v) => (v > 0 ? 1 : 0));
  const byPrediction = tieBlocks(predicted);
  const byScore =
    input.repurchaseScore === undefined
      ? byPrediction
      : tieBlocks(toFiniteArray(fn, 'repurchaseScore', input.repurchaseScore));
  const n = actual.length;
  return {
    n,
    actual,
    predicted,
    labels,
    byPrediction,
    byScore,
    byActual: shared ? shared.byActual : tieBlocks(actual),
    scratch: {
      ra: new Float64Array(n),
      rb: new Float64Array(n),
      one: new Float64Array(1),
      errors: new Float64Array(3),
      deciles: decileScratch(),
    },
  };
}

/** All eight metrics for weights `w`, written into out[offset .. offset + 7] in METRIC_NAMES order. */
export function metricsUnderWeights(ctx: MetricContext, w: Float64Array, out: Float64Array, offset = 0): void {
  const { actual, predicted, labels, byPrediction, byActual, byScore, scratch } = ctx;
  out[offset] = weightedNormalizedGini(byPrediction, byActual, actual, w);
  out[offset + 1] = weightedSpearman(byActual, byPrediction, w, scratch.ra, scratch.rb);
  out[offset + 2] = weightedDecileMape(byPrediction, actual, predicted, w, scratch.deciles);
  out[offset + 3] = weightedTopCapture(byPrediction, actual, w, 0.1, scratch.one);
  out[offset + 4] = weightedAuc(byScore, labels, w);
  weightedErrors(actual, predicted, w, scratch.errors);
  out[offset + 5] = scratch.errors[0];
  out[offset + 6] = scratch.errors[1];
  out[offset + 7] = scratch.errors[2];
}
