// Decile MAPE (DESIGN §5): mean absolute percentage error between mean predicted and mean
// actual value per decile of prediction (see decile-table.ts for the groups and ties),
//   decile_mape = mean over deciles g with meanActual_g ≠ 0 of |meanPred_g − meanActual_g| / |meanActual_g|,
// reported as a fraction (0.25 = 25%). Deciles whose mean actual value is exactly 0 (every
// customer in it had no holdout value) have no defined percentage error and are SKIPPED; the
// decile table still shows them. NaN when every decile is skipped.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import { DECILES, weightedDecileSums } from './decile-table.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/** Scratch space for weightedDecileMape (reused across bootstrap resamples). */
export interface DecileScratch {
  readonly count: Float64Array;
  readonly sumActual: Float64Array;
  readonly sumPredicted: Float64Array;
}

/** Allocates the scratch arrays for weightedDecileMape. */
export function decileScratch(): DecileScratch {
  return { count: new Float64Array(DECILES), sumActual: new Float64Array(DECILES), sumPredicted: new Float64Array(DECILES) };
}

/** Decile MAPE under weights (customer multiplicities). */
export function weightedDecileMape(
  blocks: TieBlocks,
  actual: Float64Array,
  predicted: Float64Array,
  weights: Float64Array,
  scratch: DecileScratch = decileScratch(),
): number {
  const { count, sumActual, sumPredicted } = scratch;
  weightedDecileSums(blocks, actual, predicted, weights, count, sumActual, sumPredicted);
  let total = 0, used = 0;
  for (let g = 0; g < DECILES; g++) {
    if (sumActual[g] === 0 || count[g] === 0) continue;
    // The count cancels in the ratio of means: |Σp − Σa| / |Σa|.
    total += Math.abs(sumPredicted[g] - sumActual[g]) / Math.abs(sumActual[g]);
    used++;
  }
  return used === 0 ? NaN : total / used;
}

/** Decile MAPE of `predicted` against `actual` as a fraction; NaN if every decile has mean 0. */
export function decileMape(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('decileMape', ['actual', 'predicted'], actual, predicted);
  return weightedDecileMape(tieBlocks(p), a, p, unitWeights(a.length));
}
