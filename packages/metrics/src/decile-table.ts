// Decile table: customers ranked by prediction (decile 1 = highest predictions) cut into 10
// groups of exactly equal size n/10 on the customer axis, mean predicted vs mean actual per
// group, for the report's decile chart and the decile MAPE.
//
// Ties and non-multiples of 10: a block of tied predictions is spread evenly over its width
// (as for the normalized Gini), and a customer or tie block straddling a cut at k·n/10 is
// split pro rata between the two deciles. So counts may be fractional, every decile has count
// exactly n/10, and the table does not depend on the order in which customers are listed.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/** Number of groups in a decile table. */
export const DECILES = 10;

/** One row of the decile table. */
export interface DecileRow {
  /** 1 = the 10% of customers with the highest predictions, 10 = the lowest. */
  readonly decile: number;
  /** Customers in the decile (n/10; fractional when n is not a multiple of 10). */
  readonly count: number;
  readonly meanPredicted: number;
  readonly meanActual: number;
}

/**
 * Per-decile weighted count, Σ actual and Σ predicted, written into the three length-10
 * arrays. A block [c, c + m) on the customer axis adds its sums to each decile it overlaps in
 * proportion to the overlap.
 */
export function weightedDecileSums(
  blocks: TieBlocks,
  actual: Float64Array,
  predicted: Float64Array,
  weights: Float64Array,
  count: Float64Array,
  sumActual: Float64Array,
  sumPredicted: Float64Array,
): void {
  const { order, starts } = blocks;
  count.fill(0);
  sumActual.fill(0);
  sumPredicted.fill(0);
  let mass = 0;
  for (let i = 0; i < weights.length; i++) mass += weights[i];
  let g = 0,
    c = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    let m = 0,
      s = 0,
      p = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) {
      const i = order[k],
        w = weights[i];
      m += w;
      s += w * actual[i];
      p += w * predicted[i];
    }
    if (m === 0) continue;
    const hi = c + m;
    let lo = c;
    for (;;) {
      const end = g === DECILES - 1 ? Infinity : ((g + 1) * mass) / DECILES;
      const stop = Math.min(hi, end),
        part = stop - lo;
      if (part > 0) {
        count[g] += part;
        sumActual[g] += (s * part) / m;
        sumPredicted[g] += (p * part) / m;
      }
      if (hi <= end) break;
      lo = end;
      g++;
    }
    c = hi;
  }
}

/** The 10-row decile table of `predicted` against `actual`. */
export function decileTable(actual: NumericArray, predicted: NumericArray): readonly DecileRow[] {
  const [a, p] = toFinitePair('decileTable', ['actual', 'predicted'], actual, predicted);
  const count = new Float64Array(DECILES),
    sa = new Float64Array(DECILES),
    sp = new Float64Array(DECILES);
  weightedDecileSums(tieBlocks(p), a, p, unitWeights(a.length), count, sa, sp);
  const rows: DecileRow[] = [];
  for (let g = 0; g < DECILES; g++) {
    rows.push(
      Object.freeze({ decile: g + 1, count: count[g], meanPredicted: sp[g] / count[g], meanActual: sa[g] / count[g] }),
    );
  }
  return Object.freeze(rows);
}
