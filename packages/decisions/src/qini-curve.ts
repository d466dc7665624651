// The Qini curve of an uplift score on a randomized campaign (Radcliffe 2007, "Using control
// groups to target on predicted lift: building and assessing uplift models", Direct Marketing
// Analytics Journal 1:14–21; the form of scikit-uplift's qini_curve). Sort customers by score
// descending; after the top t customers, with N_T(t), N_C(t) treated and control customers
// and Y_T(t), Y_C(t) their summed outcomes,
//   Q(t) = Y_T(t) − Y_C(t) · N_T(t) / N_C(t),
// the incremental outcome among the targeted treated customers, the control sum rescaled to
// the treated group's size in the targeted set (Q = Y_T while no control customer is targeted
// yet, scikit-uplift's convention). Q(n) = N_T·(ȳ_T − ȳ_C) is the whole campaign's effect.
//
// Ties: the curve has a point only after each block of tied scores (a block is targeted as a
// unit, linear in between, as scikit-uplift's thresholds at distinct scores), so it does not
// depend on the order in which customers are listed; a constant score gives the random line.
// Area under Qini = trapezoid area over the fraction targeted x = t/n in [0, 1]; the random
// baseline is the line from (0, 0) to (1, Q(n)), area Q(n)/2; the Qini coefficient is
// area − random area (0 = no better than random targeting).

import type { NumericArray } from '@clvlab/metrics';
import { descendingOrder } from './contact-order.ts';
import { finiteVector, treatmentFlags } from './validate-inputs.ts';

/** A Qini curve with its area and random baseline. */
export interface QiniCurve {
  /** Fraction of customers targeted, 0 then after each tie block of scores, up to 1. */
  readonly fraction: Float64Array;
  /** Q at each fraction (outcome units), Q = 0 at fraction 0. */
  readonly qini: Float64Array;
  /** Trapezoid area under the curve over fraction ∈ [0, 1]. */
  readonly area: number;
  /** Area under the random-targeting line, Q(n) / 2. */
  readonly randomArea: number;
  /** area − randomArea. */
  readonly coefficient: number;
  /** Q(n) = N_T·(ȳ_T − ȳ_C): the campaign's incremental outcome on the treated group. */
  readonly incremental: number;
  readonly treated: number;
  readonly control: number;
}

/**
 * Qini curve of `score` (higher = more uplift) for 0/1 `treated` flags and `outcome` (binary
 * or continuous). Throws `decisions/qiniCurve: ...` on a length mismatch, NaN, flags other
 * than 0/1, or an empty treatment or control group.
 */
export function qiniCurve(score: NumericArray, treated: Uint8Array, outcome: NumericArray): QiniCurve {
  const fn = 'qiniCurve';
  const s = finiteVector(fn, 'score', score);
  const y = finiteVector(fn, 'outcome', outcome, s.length, 'score');
  const w = treatmentFlags(fn, treated, s.length);
  const n = s.length,
    order = descendingOrder(s);
  const xs: number[] = [0],
    qs: number[] = [0];
  let nT = 0,
    nC = 0,
    yT = 0,
    yC = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (w[i] === 1) {
      nT++;
      yT += y[i];
    } else {
      nC++;
      yC += y[i];
    }
    if (r + 1 < n && s[order[r + 1]] === s[i]) continue; // inside a tie block
    xs.push((r + 1) / n);
    qs.push(nC === 0 ? yT : yT - (yC * nT) / nC);
  }
  let area = 0;
  for (let j = 1; j < xs.length; j++) area += ((xs[j] - xs[j - 1]) * (qs[j] + qs[j - 1])) / 2;
  const incremental = qs[qs.length - 1],
    randomArea = incremental / 2;
  return Object.freeze({
    fraction: Float64Array.from(xs),
    qini: Float64Array.from(qs),
    area,
    randomArea,
    coefficient: area - randomArea,
    incremental,
    treated: nT,
    control: nC,
  });
}
