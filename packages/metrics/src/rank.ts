// Average ranks (ascending, 1-based), the convention of scipy.stats.rankdata(method='average')
// and of Spearman's rho with ties.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFiniteArray, unitWeights } from './validate-inputs.ts';

/**
 * Ranks `values` ascending from 1; tied values share the mean of the ranks they span
 * (e.g. [10, 20, 20, 30] -> [1, 2.5, 2.5, 4]). Throws on empty input or NaN.
 */
export function rank(values: NumericArray): Float64Array {
  const x = toFiniteArray('rank', 'values', values);
  const n = x.length;
  const out = new Float64Array(n);
  descendingRanks(tieBlocks(x), unitWeights(n), out);
  // Ascending rank = n + 1 - descending rank (exact: integers and halves).
  for (let i = 0; i < n; i++) out[i] = n + 1 - out[i];
  return out;
}

/**
 * Average ranks under weights, written into `out` (rank 1 = largest key). A block of tied
 * customers with total weight m preceded by weight c gets rank c + (m + 1) / 2, the mean of
 * the positions c+1 .. c+m its copies would occupy in the resampled data set.
 */
export function descendingRanks(blocks: TieBlocks, weights: Float64Array, out: Float64Array): void {
  const { order, starts } = blocks;
  let before = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    let m = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) m += weights[order[k]];
    const r = before + (m + 1) / 2;
    for (let k = starts[b]; k < starts[b + 1]; k++) out[order[k]] = r;
    before += m;
  }
}
