// Area under the ROC curve as the Mann–Whitney statistic (Mann & Whitney 1947; Hanley &
// McNeil 1982, eq. 2): AUC = P(score_pos > score_neg) + ½·P(score_pos = score_neg), i.e.
// U / (n_pos · n_neg) with ties counted one half. Used for the repurchase score.
// When one class is absent the AUC is undefined and NaN is returned (not thrown), so that a
// bootstrap resample or a small segment without repurchasers does not abort a benchmark.

import type { TieBlocks } from './tie-blocks.ts';
import { tieBlocks } from './tie-blocks.ts';
import type { NumericArray } from './validate-inputs.ts';
import { checkSameLength, toFiniteArray, toLabels, unitWeights } from './validate-inputs.ts';

/**
 * AUC under weights. Walking the score blocks from the highest score down, each block with
 * positive weight p and negative weight q contributes p·(negatives in lower blocks) + ½·p·q.
 */
export function weightedAuc(byScore: TieBlocks, labels: Float64Array, weights: Float64Array): number {
  const { order, starts } = byScore;
  let pos = 0,
    neg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos += weights[i];
    else neg += weights[i];
  }
  if (pos === 0 || neg === 0) return NaN;
  let negAbove = 0,
    u = 0;
  for (let b = 0; b + 1 < starts.length; b++) {
    let p = 0,
      q = 0;
    for (let k = starts[b]; k < starts[b + 1]; k++) {
      const i = order[k];
      if (labels[i] === 1) p += weights[i];
      else q += weights[i];
    }
    u += p * (neg - negAbove - q) + 0.5 * p * q;
    negAbove += q;
  }
  return u / (pos * neg);
}

/**
 * AUC of `scores` for 0/1 `labels01` (ties count ½). NaN when only one class is present;
 * throws on labels other than 0/1, NaN, empty input or a length mismatch.
 */
export function auc(labels01: NumericArray, scores: NumericArray): number {
  const labels = toLabels('auc', 'labels01', labels01);
  const s = toFiniteArray('auc', 'scores', scores);
  checkSameLength('auc', { labels01, scores });
  return weightedAuc(tieBlocks(s), labels, unitWeights(s.length));
}
