// Spearman's rank correlation (Spearman 1904): Pearson's correlation of average ranks, the
// tie convention of scipy.stats.spearmanr. NaN when either input is constant.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import { descendingRanks } from './rank.ts';
import type { NumericArray } from './validate-inputs.ts';
import { toFinitePair, unitWeights } from './validate-inputs.ts';

/**
 * Spearman's rho under weights (customer multiplicities), using scratch arrays `ra`, `rb` of
 * length n. Ranks are descending for both variables, which leaves the correlation unchanged.
 * Both rank vectors have weighted mean (N + 1) / 2.
 */
export function weightedSpearman(
  blocksA: TieBlocks,
  blocksB: TieBlocks,
  weights: Float64Array,
  ra: Float64Array,
  rb: Float64Array,
): number {
  descendingRanks(blocksA, weights, ra);
  descendingRanks(blocksB, weights, rb);
  let mass = 0;
  for (let i = 0; i < weights.length; i++) mass += weights[i];
  const mid = (mass + 1) / 2;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const da = ra[i] - mid,
      db = rb[i] - mid;
    sab += w * da * db;
    saa += w * da * da;
    sbb += w * db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Spearman's rank correlation of `a` and `b` with average ranks for ties. */
export function spearman(a: NumericArray, b: NumericArray): number {
  const [x, y] = toFinitePair('spearman', ['a', 'b'], a, b);
  const n = x.length;
  return weightedSpearman(tieBlocks(x), tieBlocks(y), unitWeights(n), new Float64Array(n), new Float64Array(n));
}
