// Gain (cumulative value / Lorenz-type) curve: the share of total actual value held by the
// top fraction x of customers ranked by prediction, for the report's gain chart, and the
// top-x capture that is one point of it. A block of tied predictions is spread evenly, so the
// curve is linear across it (the same curve whose area defines the normalized Gini).

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/** A gain curve sampled at evenly spaced customer shares. */
export interface GainCurve {
  /** Share of customers (top by prediction), 0 .. 1 evenly spaced. */
  readonly customerShare: Float64Array;
  /** Share of total actual value held by those customers (0 .. 1 when actual ≥ 0). */
  readonly valueShare: Float64Array;
}

/**
 * Writes G(xs[j]) into out[j] for ascending fractions xs in [0, 1], under weights. NaN when
 * the total actual value is 0. O(n + xs.length).
 */
export function weightedGainAt(
  blocks: TieBlocks,
  actual: Float64Array,
  weights: Float64Array,
  xs: ArrayLike<number>,
  out: Float64Array,
): void {
  const { order, starts } = blocks;
  let mass = 0,
    total = 0;
  for (let i = 0; i < actual.length; i++) {
    mass += weights[i];
    total += weights[i] * actual[i];
  }
  if (total === 0 || mass === 0) {
    out.fill(NaN, 0, xs.length);
    return;
  }
  let j = 0,
    c = 0,
    cum = 0;
  for (let b = 0; b + 1 < starts.length && j < xs.length; b++) {
    let m = 0,
      s = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) {
      const i = order[k];
      m += weights[i];
      s += weights[i] * actual[i];
    }
    if (m === 0) continue;
    while (j < xs.length && xs[j] * mass <= c + m) {
      out[j] = (cum + (s * (xs[j] * mass - c)) / m) / total;
      j++;
    }
    c += m;
    cum += s;
  }
  for (; j < xs.length; j++) out[j] = cum / total; // only x = 1 can land here (rounding)
}

/**
 * Gain curve of `predicted` as a ranking of `actual`, sampled at `points` customer shares
 * 0, 1/(points−1), ..., 1. valueShare is NaN throughout when Σ actual = 0. The ideal curve is
 * gainCurve(actual, actual); the diagonal is the random ranking.
 */
export function gainCurve(actual: NumericArray, predicted: NumericArray, points = 101): GainCurve {
  const [a, p] = toFinitePair('gainCurve', ['actual', 'predicted'], actual, predicted);
  if (!Number.isInteger(points) || points < 2)
    throw new Error(`metrics/gainCurve: points must be an integer ≥ 2, got ${points}`);
  const xs = new Float64Array(points);
  for (let j = 0; j < points; j++) xs[j] = j / (points - 1);
  const ys = new Float64Array(points);
  weightedGainAt(tieBlocks(p), a, unitWeights(a.length), xs, ys);
  return Object.freeze({ customerShare: xs, valueShare: ys });
}
