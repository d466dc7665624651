// Incremental profit of targeting the top k of customers by an uplift score, estimated on a
// randomized campaign (the difference-in-means estimate behind the Qini curve, Radcliffe 2007):
// target the top t = ⌈k·n⌉ customers (contact-order.ts: ties by index, a discrete list); within
// them the uplift is ȳ_T − ȳ_C (mean outcome of the targeted treated minus the targeted
// control customers), so treating all t of them is worth t·(ȳ_T − ȳ_C) incremental outcome and
//   profit = margin · t · (ȳ_T − ȳ_C) − contactCost · t.
// NaN (uplift and profit) when the targeted set holds no treated or no control customer: the
// effect is not identified there.

import type { NumericArray } from '@clvlab/metrics';
import { contactCount, descendingOrder } from './contact-order.ts';
import { finiteVector, nonNegative, treatmentFlags, unitFraction, withDefaults } from './validate-inputs.ts';

/** Incremental-profit settings. */
export interface IncrementalProfitSettings {
  readonly k: number;
  readonly margin: number;
  readonly contactCost: number;
}

/** Defaults. */
export const DEFAULT_INCREMENTAL_PROFIT: Readonly<IncrementalProfitSettings> = Object.freeze({
  /** The top 10%: the campaign size of the record's top-10% capture. */
  k: 0.1,
  /** 1: the outcome is margin already (as DEFAULT_PROFIT.margin). */
  margin: 1,
  /**
   * 0: the treatment's cost is the campaign's own datum, which no rule of the outcome gives
   * (a share of the mean outcome would swamp a small uplift), so by default the profit is the
   * incremental margin; pass the real cost per treated customer.
   */
  contactCost: 0,
});

/** Incremental value and profit of targeting the top k. */
export interface IncrementalProfit {
  readonly k: number;
  /** Customers targeted: ⌈k·n⌉, at least 1. */
  readonly targeted: number;
  readonly targetedTreated: number;
  readonly targetedControl: number;
  /** ȳ_T − ȳ_C within the targeted set (NaN when a group is absent there). */
  readonly uplift: number;
  /** targeted × uplift. */
  readonly incremental: number;
  /** margin × incremental − contactCost × targeted. */
  readonly profit: number;
  readonly margin: number;
  readonly contactCost: number;
}

/**
 * Incremental profit of treating the top k by `score`. Throws `decisions/incrementalProfit:
 * ...` on a length mismatch, NaN, flags other than 0/1, an empty treatment or control group,
 * k outside (0, 1], a margin ≤ 0 or a negative cost.
 */
export function incrementalProfit(
  score: NumericArray,
  treated: Uint8Array,
  outcome: NumericArray,
  options: Partial<IncrementalProfitSettings> = {},
): IncrementalProfit {
  const fn = 'incrementalProfit';
  const s = finiteVector(fn, 'score', score);
  const y = finiteVector(fn, 'outcome', outcome, s.length, 'score');
  const w = treatmentFlags(fn, treated, s.length);
  const o = withDefaults(DEFAULT_INCREMENTAL_PROFIT, options);
  const k = unitFraction(fn, 'k', o.k);
  const margin = nonNegative(fn, 'margin', o.margin, true);
  const contactCost = nonNegative(fn, 'contactCost', o.contactCost);
  const order = descendingOrder(s),
    targeted = contactCount(k, s.length);
  let nT = 0,
    nC = 0,
    yT = 0,
    yC = 0;
  for (let r = 0; r < targeted; r++) {
    const i = order[r];
    if (w[i] === 1) {
      nT++;
      yT += y[i];
    } else {
      nC++;
      yC += y[i];
    }
  }
  const uplift = nT > 0 && nC > 0 ? yT / nT - yC / nC : NaN;
  const incremental = targeted * uplift;
  return Object.freeze({
    k,
    targeted,
    targetedTreated: nT,
    targetedControl: nC,
    uplift,
    incremental,
    profit: margin * incremental - contactCost * targeted,
    margin,
    contactCost,
  });
}
