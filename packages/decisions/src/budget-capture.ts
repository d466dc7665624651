// Budget view of a contact list: with a fixed budget B and a cost c per contact, a model can
// contact ⌊B / c⌋ customers (with 1e-9 slack against rounding, at most all n), the top of its
// list (contact-order.ts: by prediction descending, ties by index). Reported: the actual
// holdout value of those customers, its share of the total, and the same for the ideal list
// (ordered by actual value), the most any model could capture with that budget.

import type { NumericArray } from '@clvlab/metrics';
import { descendingOrder } from './contact-order.ts';
import { DEFAULT_PROFIT } from './profit-curve.ts';
import { finiteVector, nonNegative } from './validate-inputs.ts';

/** Budget and cost per contact. */
export interface BudgetOptions {
  /** Money available for contacts (≥ 0), in the units of the cost. Required. */
  readonly budget: number;
  /** Cost of one contact (> 0); default DEFAULT_PROFIT.contactCostShare × mean(actual). */
  readonly contactCost?: number;
}

/** Value captured by a model's list within a budget. */
export interface BudgetCapture {
  readonly budget: number;
  readonly contactCost: number;
  /** Customers contacted: min(n, ⌊budget / contactCost⌋). */
  readonly contacts: number;
  /** contacts × contactCost (≤ budget). */
  readonly spent: number;
  /** Actual holdout value of the contacted customers. */
  readonly captured: number;
  /** captured / total actual value (NaN when the total is 0). */
  readonly share: number;
  /** Value captured by the ideal list (the top by actual value) with the same contacts. */
  readonly idealCaptured: number;
}

/** Sum of values[order[0..count)]. */
function topSum(order: Int32Array, values: Float64Array, count: number): number {
  let s = 0;
  for (let r = 0; r < count; r++) s += values[order[r]];
  return s;
}

/**
 * Value captured when a budget buys contacts down the list of `predicted`. Throws
 * `decisions/budgetCapture: ...` on a length mismatch, NaN, a negative budget or a cost ≤ 0.
 */
export function budgetCapture(predicted: NumericArray, actual: NumericArray, options: BudgetOptions): BudgetCapture {
  const fn = 'budgetCapture';
  const pred = finiteVector(fn, 'predicted', predicted);
  const act = finiteVector(fn, 'actual', actual, pred.length, 'predicted');
  if (options == null || options.budget === undefined)
    throw new Error(`decisions/${fn}: options.budget is required (money available for contacts)`);
  const budget = nonNegative(fn, 'budget', options.budget);
  const n = act.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += act[i];
  const derived = (DEFAULT_PROFIT.contactCostShare * total) / n;
  if (options.contactCost === undefined && !(derived > 0))
    throw new Error(
      `decisions/${fn}: the default contact cost (${DEFAULT_PROFIT.contactCostShare} × mean actual value) is ${derived}, expected > 0; pass contactCost`,
    );
  const contactCost = nonNegative(fn, 'contactCost', options.contactCost ?? derived, true);
  const contacts = Math.min(n, Math.floor(budget / contactCost + 1e-9));
  const captured = topSum(descendingOrder(pred), act, contacts);
  return Object.freeze({
    budget,
    contactCost,
    contacts,
    spent: contacts * contactCost,
    captured,
    share: total === 0 ? NaN : captured / total,
    idealCaptured: topSum(descendingOrder(act), act, contacts),
  });
}
