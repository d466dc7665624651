// Two-sided bootstrap p-value of "the difference is 0" from the B replicates d*_1..d*_B of a
// paired difference (Efron & Tibshirani 1993, ch. 16, the achieved significance level read
// off the bootstrap distribution; the +1 convention of Monte Carlo p-values, Davison & Hinkley
// 1997, ch. 4):
//   p = min(1, 2 · min((1 + #{d* ≤ 0}) / (1 + B), (1 + #{d* ≥ 0}) / (1 + B))),
// over the B valid (non-NaN) replicates. It is the smallest α for which the equal-tailed
// percentile interval at level 1 − α just reaches 0, up to the +1 counts (which keep p ≥
// 2/(B + 1) > 0, since B resamples cannot show a smaller tail). So p < 1 − level goes with
// `significant` (the interval excludes 0) except at the margin of a few replicates. Replicates
// exactly 0 count in both tails: identical models give p = 1. NaN when no replicate is valid.

/** p-value of replicates[offset + r·stride], r < count, dropping NaN. */
export function bootstrapPValue(replicates: Float64Array, count: number, offset: number, stride: number): number {
  let valid = 0,
    below = 0,
    above = 0;
  for (let r = 0; r < count; r++) {
    const v = replicates[offset + r * stride];
    if (Number.isNaN(v)) continue;
    valid++;
    if (v <= 0) below++;
    if (v >= 0) above++;
  }
  if (valid === 0) return NaN;
  return Math.min(1, (2 * (1 + Math.min(below, above))) / (1 + valid));
}
