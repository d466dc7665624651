// Pointwise error metrics of predicted against actual customer value
// (docs/architecture.md §Metrics): root mean squared error, mean absolute error and the
// calibration ratio Σpredicted / Σactual (1 = the model predicts the right total; > 1
// over-predicts).

import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/** Weighted RMSE, MAE and calibration ratio in one pass, written into out[0..2]. */
export function weightedErrors(
  actual: Float64Array,
  predicted: Float64Array,
  weights: Float64Array,
  out: Float64Array,
): void {
  let mass = 0,
    sq = 0,
    abs = 0,
    sa = 0,
    sp = 0;
  for (let i = 0; i < actual.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const d = predicted[i] - actual[i];
    mass += w;
    sq += w * d * d;
    abs += w * Math.abs(d);
    sa += w * actual[i];
    sp += w * predicted[i];
  }
  out[0] = mass === 0 ? NaN : Math.sqrt(sq / mass);
  out[1] = mass === 0 ? NaN : abs / mass;
  out[2] = sa === 0 ? NaN : sp / sa;
}

/** Root mean squared error. */
export function rmse(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('rmse', ['actual', 'predicted'], actual, predicted);
  const out = new Float64Array(3);
  weightedErrors(a, p, unitWeights(a.length), out);
  return out[0];
}

/** Mean absolute error. */
export function mae(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('mae', ['actual', 'predicted'], actual, predicted);
  const out = new Float64Array(3);
  weightedErrors(a, p, unitWeights(a.length), out);
  return out[1];
}

/** Σpredicted / Σactual; NaN when Σactual = 0. */
export function calibrationRatio(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('calibrationRatio', ['actual', 'predicted'], actual, predicted);
  const out = new Float64Array(3);
  weightedErrors(a, p, unitWeights(a.length), out);
  return out[2];
}
