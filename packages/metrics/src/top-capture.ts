// Top-fraction capture and lift: the share of total actual value held by the top `fraction`
// of customers ranked by prediction (ties spread evenly, as for the normalized Gini), and that
// share divided by the fraction (lift 1 = no better than random, 1/fraction = everything
// captured). The record reports the top 10% (docs/architecture.md §Metrics).

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import { weightedGainAt } from './gain-curve.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

function checkFraction(fn: string, fraction: number): void {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`metrics/${fn}: fraction must be in (0, 1], got ${fraction}`);
}

/** Capture of the top `fraction` under weights; `scratch` (length ≥ 1) avoids an allocation. */
export function weightedTopCapture(
  blocks: TieBlocks,
  actual: Float64Array,
  weights: Float64Array,
  fraction: number,
  scratch: Float64Array = new Float64Array(1),
): number {
  weightedGainAt(blocks, actual, weights, [fraction], scratch);
  return scratch[0];
}

/**
 * Share of total actual value captured by the top `fraction` (default 10%) of customers by
 * prediction. A tie block straddling the cut contributes its value pro rata. NaN when
 * Σ actual = 0.
 */
export function topCapture(actual: NumericArray, predicted: NumericArray, fraction = 0.1): number {
  checkFraction('topCapture', fraction);
  const [a, p] = toFinitePair('topCapture', ['actual', 'predicted'], actual, predicted);
  return weightedTopCapture(tieBlocks(p), a, unitWeights(a.length), fraction);
}

/** Lift of the top `fraction`: topCapture / fraction (1 = random ranking). */
export function lift(actual: NumericArray, predicted: NumericArray, fraction = 0.1): number {
  checkFraction('lift', fraction);
  const [a, p] = toFinitePair('lift', ['actual', 'predicted'], actual, predicted);
  return weightedTopCapture(tieBlocks(p), a, unitWeights(a.length), fraction) / fraction;
}
