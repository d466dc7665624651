// Normalized Gini coefficient of a value ranking (docs/architecture.md §Metrics), the
// customer-value analogue of the Kaggle "normalized Gini" (Allstate/Porto Seguro competitions),
// with ties spread evenly.
//
// Definition settled here:
//   sort customers by prediction descending; let G(x) be the share of total actual value held
//   by the top fraction x of customers (the gain / Lorenz curve). A block of tied predictions
//   is one unit whose value is spread evenly over its width, so G is linear across the block.
//   mean(G) is the mean of G over the customer axis taken as a continuous curve, i.e. the
//   trapezoid area under G on [0, 1]: mean(G) = (1/n) Σ_{k=1..n} (G(k-1) + G(k)) / 2 with
//   G(0) = 0. Then raw = 2·mean(G) − 1 and normalized = raw(model) / raw(ordering by actual).
// With this mean, a random or constant ranking has mean(G) = 1/2 and raw = 0 exactly
// (the k = 1..n average would give raw = 1/n for a constant predictor). raw equals twice the
// Kaggle Gini (Σ_k G(k)/n − (n+1)/(2n)), so the normalized value equals Kaggle's when there
// are no ties. Perfect ordering -> 1; reversing any ranking negates it exactly (the reversed
// curve is 1 − G(1 − x), so its area is 1 − area), hence reversed actual ordering -> −1;
// strictly increasing transforms of the prediction leave it unchanged.
// Undefined cases return NaN: total actual value 0, or all actual values equal (raw of the
// ideal ordering is 0). Actual values are expected ≥ 0 (holdout value floored at 0).

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/**
 * raw = 2·area − 1 under weights (customer multiplicities). Per block with weight m and value
 * s, starting at cumulative value C: the trapezoid area over the block is m·(C + s/2), which is
 * exactly the area under the tie-spread curve. For one block (constant prediction) the area is
 * N·(S/2)/(N·S) = 1/2 exactly, so raw is exactly 0.
 */
export function weightedGiniRaw(blocks: TieBlocks, actual: Float64Array, weights: Float64Array): number {
  const { order, starts } = blocks;
  let total = 0,
    mass = 0,
    area = 0,
    cum = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    let m = 0,
      s = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) {
      const i = order[k];
      m += weights[i];
      s += weights[i] * actual[i];
    }
    area += m * (cum + s / 2);
    cum += s;
    mass += m;
  }
  total = cum;
  if (total === 0 || mass === 0) return NaN;
  return (2 * area) / (mass * total) - 1;
}

/** Normalized Gini under weights, given blocks by prediction and by actual value. */
export function weightedNormalizedGini(
  byPrediction: TieBlocks,
  byActual: TieBlocks,
  actual: Float64Array,
  weights: Float64Array,
): number {
  const ideal = weightedGiniRaw(byActual, actual, weights);
  if (!(ideal !== 0)) return NaN; // NaN or exactly 0: no ordering can be rewarded
  return weightedGiniRaw(byPrediction, actual, weights) / ideal;
}

/** Unnormalized Gini (raw = 2·mean(G) − 1, ties spread evenly); NaN when Σ actual = 0. */
export function giniRaw(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('giniRaw', ['actual', 'predicted'], actual, predicted);
  return weightedGiniRaw(tieBlocks(p), a, unitWeights(a.length));
}

/**
 * Normalized Gini of `predicted` as a ranking of `actual` (1 = perfect ordering, 0 = constant
 * or random, negative = worse than random). NaN when Σ actual = 0 or all actual are equal.
 */
export function normalizedGini(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('normalizedGini', ['actual', 'predicted'], actual, predicted);
  return weightedNormalizedGini(tieBlocks(p), tieBlocks(a), a, unitWeights(a.length));
}
