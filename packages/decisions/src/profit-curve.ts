// Profit curve of a contact campaign in the KDD Cup 98 framing (the direct-mail net-profit
// objective of KDD-Cup-98, one of the data sets of the ZILN paper, Wang, Liu & Miao 2019, "A
// Deep Probabilistic Model for Customer Lifetime Value Prediction"): value is realised only
// from the customers who are contacted. Contact the top k of the test customers by predicted
// value; with c(k) customers contacted (contact-order.ts: ⌈k·n⌉, ties by index) and V(k) their
// actual holdout value,
//   profit(k) = margin · V(k) − contactCost · c(k).
// The best k is the k of the grid with the largest profit (ties: the smaller k, the same
// profit for fewer contacts); the best profit may be negative when no k pays for its contacts.
// Contacting nobody (profit 0) is not on the grid: compare bestProfit with 0 for that.
//
// The contact cost is a business constant, so it is fixed once per test set (from all
// customers), never re-derived on a bootstrap resample.

import type { NumericArray } from '@clvlab/metrics';
import { contactCount, descendingOrder } from './contact-order.ts';
import { finiteVector, nonNegative, unitFraction, withDefaults } from './validate-inputs.ts';

/** Settings of a profit curve (docs: packages/decisions/README.md). */
export interface ProfitSettings {
  readonly margin: number;
  readonly contactCostShare: number;
  readonly ks: readonly number[];
}

/** Profit defaults. */
export const DEFAULT_PROFIT: Readonly<ProfitSettings> = Object.freeze({
  /**
   * 1: the holdout value is taken as margin already (KDD Cup 98 donations are); for revenue
   * pass the gross margin, e.g. 0.3.
   */
  margin: 1,
  /**
   * Without an explicit contactCost, a contact costs this share of the mean actual holdout
   * value of the test customers. 0.86 is KDD-Cup-98's ratio: $0.68 per mail piece against
   * ≈ $0.79 donated per mailed donor (≈ 5.1% responders × ≈ $15.6; Rosset & Inger report a net
   * ≈ $0.11 per donor for "mail to all"). The rule is free of dataset, currency and value
   * target: at margin 1 contacting everyone returns 14% of the value, and a contact pays off
   * for a customer worth more than 0.86 × the mean (0.86 × mean / margin in general).
   */
  contactCostShare: 0.86,
  /** 1%, 2%, ..., 100% of the test customers: a curve fine enough to read the best k. */
  ks: Object.freeze(Array.from({ length: 100 }, (_, j) => (j + 1) / 100)),
});

/** Any subset of DEFAULT_PROFIT, plus an explicit cost per contact (overrides the share). */
export type ProfitOptions = Partial<ProfitSettings> & {
  /** Cost of one contact in value units (≥ 0); default contactCostShare × mean(actual). */
  readonly contactCost?: number;
};

/** A profit curve over the k grid. */
export interface ProfitCurve {
  /** The fractions of customers contacted (the grid, ascending). */
  readonly k: Float64Array;
  /** Customers contacted at each k: ⌈k·n⌉, at least 1. */
  readonly contacts: Int32Array;
  /** Actual holdout value of the contacted customers at each k. */
  readonly value: Float64Array;
  /** margin · value − contactCost · contacts. */
  readonly profit: Float64Array;
  readonly bestK: number;
  readonly bestContacts: number;
  readonly bestProfit: number;
  /** The margin and cost per contact used (after resolving the defaults). */
  readonly margin: number;
  readonly contactCost: number;
}

/** Resolved settings: margin, cost per contact, the k grid. */
export interface ResolvedProfit {
  readonly margin: number;
  readonly contactCost: number;
  readonly ks: Float64Array;
}

/** Checks the options and resolves the default cost from `actual` (all test customers). */
export function resolveProfit(fn: string, options: ProfitOptions, actual: Float64Array): ResolvedProfit {
  const o = withDefaults<ProfitSettings>(DEFAULT_PROFIT, options);
  const margin = nonNegative(fn, 'margin', o.margin, true);
  let contactCost: number;
  if (options.contactCost !== undefined) contactCost = nonNegative(fn, 'contactCost', options.contactCost);
  else {
    const share = nonNegative(fn, 'contactCostShare', o.contactCostShare);
    let mean = 0;
    for (let i = 0; i < actual.length; i++) mean += actual[i] / actual.length;
    if (!(mean >= 0))
      throw new Error(
        `decisions/${fn}: mean actual value is ${mean}, expected ≥ 0 to derive the contact cost; pass contactCost`,
      );
    contactCost = share * mean;
  }
  const ks = o.ks;
  if (ks == null || typeof ks.length !== 'number' || ks.length === 0)
    throw new Error(`decisions/${fn}: ks must be a non-empty array of fractions in (0, 1]`);
  const grid = new Float64Array(ks.length);
  for (let j = 0; j < ks.length; j++) {
    grid[j] = unitFraction(fn, `ks[${j}]`, ks[j]);
    if (j > 0 && !(grid[j] > grid[j - 1]))
      throw new Error(`decisions/${fn}: ks must be strictly increasing, got ${grid[j - 1]} then ${grid[j]}`);
  }
  return { margin, contactCost, ks: grid };
}

/**
 * Contacts, value and profit at every k under weights (customer multiplicities of total
 * `mass`): walks the contact list once, taking whole copies of each customer until ⌈k·mass⌉
 * are contacted (a customer drawn twice fills two places). Returns the index of the best k.
 */
export function profitsUnderWeights(
  order: Int32Array,
  actual: Float64Array,
  weights: Float64Array,
  mass: number,
  p: ResolvedProfit,
  contacts: Int32Array,
  value: Float64Array,
  profit: Float64Array,
): number {
  let pos = 0,
    taken = 0,
    count = 0,
    sum = 0,
    best = 0;
  for (let j = 0; j < p.ks.length; j++) {
    const target = contactCount(p.ks[j], mass);
    while (count < target) {
      const i = order[pos],
        left = weights[i] - taken,
        need = target - count;
      if (left <= need) {
        count += left;
        sum += left * actual[i];
        pos++;
        taken = 0;
      } else {
        count += need;
        sum += need * actual[i];
        taken += need;
      }
    }
    contacts[j] = count;
    value[j] = sum;
    profit[j] = p.margin * sum - p.contactCost * count;
    if (profit[j] > profit[best]) best = j;
  }
  return best;
}

/**
 * Profit of contacting the top k of customers by `predicted`, for every k of the grid (default
 * 1%..100%), with the best k. Throws `decisions/profitCurve: ...` on a length mismatch, NaN,
 * a negative cost or margin ≤ 0, or k outside (0, 1].
 */
export function profitCurve(predicted: NumericArray, actual: NumericArray, options: ProfitOptions = {}): ProfitCurve {
  const pred = finiteVector('profitCurve', 'predicted', predicted);
  const act = finiteVector('profitCurve', 'actual', actual, pred.length, 'predicted');
  const p = resolveProfit('profitCurve', options, act);
  const m = p.ks.length;
  const contacts = new Int32Array(m),
    value = new Float64Array(m),
    profit = new Float64Array(m);
  const best = profitsUnderWeights(
    descendingOrder(pred),
    act,
    new Float64Array(act.length).fill(1),
    act.length,
    p,
    contacts,
    value,
    profit,
  );
  return Object.freeze({
    k: p.ks,
    contacts,
    value,
    profit,
    bestK: p.ks[best],
    bestContacts: contacts[best],
    bestProfit: profit[best],
    margin: p.margin,
    contactCost: p.contactCost,
  });
}
