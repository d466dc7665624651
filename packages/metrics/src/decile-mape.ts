// Decile MAPE (docs/architecture.md §Metrics): mean absolute percentage error between mean
// predicted and mean actual value per decile of prediction (decile-table.ts: groups, ties),
//   decile_mape = mean over deciles g with meanActual_g ≠ 0 of |meanPred_g − meanActual_g| / |meanActual_g|,
// reported as a fraction (0.25 = 25%). Deciles whose mean actual value is exactly 0 (every
// customer in it had no holdout value) have no defined percentage error and are SKIPPED; the
// decile table still shows them. NaN when every decile is skipped. decileMapeDeciles() says
// how many deciles entered the mean (10 minus the skipped ones), so that a report can flag a
// MAPE averaged over few deciles (e.g. a mostly-zero holdout).

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
  return {
    count: new Float64Array(DECILES),
    sumActual: new Float64Array(DECILES),
    sumPredicted: new Float64Array(DECILES),
  };
}

/** Whether decile g has a defined percentage error (mean actual ≠ 0, non-empty). */
function entersMape(scratch: DecileScratch, g: number): boolean {
  return scratch.sumActual[g] !== 0 && scratch.count[g] !== 0;
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
  let total = 0,
    used = 0;
  for (let g = 0; g < DECILES; g++) {
    if (!entersMape(scratch, g)) continue;
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

/**
 * Number of deciles (0..10) that enter decileMape(actual, predicted): those whose mean actual
 * value is not 0. decileMape is NaN exactly when this is 0.
 */
export function decileMapeDeciles(actual: NumericArray, predicted: NumericArray): number {
  const [a, p] = toFinitePair('decileMapeDeciles', ['actual', 'predicted'], actual, predicted);
  const scratch = decileScratch();
  weightedDecileSums(tieBlocks(p), a, p, unitWeights(a.length), scratch.count, scratch.sumActual, scratch.sumPredicted);
  let used = 0;
  for (let g = 0; g < DECILES; g++) if (entersMape(scratch, g)) used++;
  return used;
}
