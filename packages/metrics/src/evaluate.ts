// The named set of docs/architecture.md §Metrics for one model on the test customers; the keys are
// the metrics.csv columns, in METRIC_NAMES order.

import type { MetricInput } from './metric-context.ts';
import { metricContext, metricsUnderWeights } from './metric-context.ts';
import { unitWeights } from './validate-inputs.ts';

/** metrics.csv metric columns, in order. */
export const METRIC_NAMES = Object.freeze([
  'normalized_gini',
  'spearman',
  'decile_mape',
  'top10_capture',
  'auc',
  'rmse',
  'mae',
  'calibration_ratio',
] as const);

/** One of the metric column names. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** A value per metric (NaN where undefined, e.g. AUC with no repurchasers). */
export type MetricValues = Readonly<Record<MetricName, number>>;

/**
 * Whether a larger value is better, for "best baseline" choices and report colouring.
 * calibration_ratio is best at 1 (null: neither direction).
 */
export const METRIC_HIGHER_IS_BETTER: Readonly<Record<MetricName, boolean | null>> = Object.freeze({
  normalized_gini: true,
  spearman: true,
  decile_mape: false,
  top10_capture: true,
  auc: true,
  rmse: false,
  mae: false,
  calibration_ratio: null,
});

/** Turns a METRIC_NAMES-ordered vector into a frozen named record. */
export function toMetricValues(values: ArrayLike<number>, offset = 0): MetricValues {
  const out = {} as Record<MetricName, number>;
  METRIC_NAMES.forEach((name, k) => {
    out[name] = values[offset + k];
  });
  return Object.freeze(out);
}

/**
 * Evaluates every metric of docs/architecture.md §Metrics. AUC uses `repurchaseScore` (default:
 * `predicted`) against `actualRepurchase` (default: actual > 0). Throws `metrics/evaluate: ...` on
 * length mismatch, empty input, NaN or non-0/1 labels; undefined metrics are NaN.
 */
export function evaluate(input: MetricInput): MetricValues {
  const ctx = metricContext('evaluate', input);
  const out = new Float64Array(METRIC_NAMES.length);
  metricsUnderWeights(ctx, unitWeights(ctx.n), out);
  return toMetricValues(out);
}
