// Customer lifetime value = expected discounted revenue over a finite horizon (Fader, Hardie
// & Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4),
// discrete version as in lifetimes' customer_lifetime_value):
//   CLV = E[M] · Σ_{k=1..K} (E[Y(t_k)] − E[Y(t_{k−1})]) / (1 + d)^{t_k / 1 year}
// with t_k the end of step k (the last step may be partial), E[Y(·)] the conditional
// expected purchases of the purchase model (BG/NBD or Pareto/NBD), E[M] the Gamma-Gamma
// expected average spend (or a given spend per purchase), and d the ANNUAL discount rate.
// All time units are explicit: the horizon and the step in any TimeUnit, the fit in its own.
import { conditionalExpectedPurchases } from './conditional-expected-purchases.ts';
import { expectedAverageSpend } from './expected-average-spend.ts';
import { convertTime } from '@clvlab/features';
import { resolveOptions } from '@clvlab/core';
import type { CustomerHistory } from './customer-arrays.ts';
import type { GammaGammaFit, PurchaseFit } from './fit-types.ts';
import type { TimeUnit } from '@clvlab/features';

export const DEFAULT_CLV: Readonly<{
  horizon: number;
  horizonUnit: TimeUnit;
  fitUnit: TimeUnit;
  discountRate: number;
  step: TimeUnit;
}> = Object.freeze({
  /** Horizon length, in `horizonUnit` (12 months is the usual business horizon). */
  horizon: 12,
  horizonUnit: 'month' as TimeUnit,
  /** Unit the purchase model was fitted in (the published CDNOW fits are weekly). */
  fitUnit: 'week' as TimeUnit,
  /** Annual discount rate d (10% is a common cost-of-capital placeholder). */
  discountRate: 0.1,
  /** Discounting step: cash flows are grouped and discounted per month. */
  step: 'month' as TimeUnit,
});
export type ClvOptions = Partial<typeof DEFAULT_CLV>;

/** Expected discounted revenue per customer over the horizon (see header). */
export function customerLifetimeValue(
  fit: PurchaseFit,
  spend: GammaGammaFit | number,
  history: CustomerHistory & { readonly monetary?: ArrayLike<number> | number },
  options: ClvOptions = {},
): Float64Array {
  const where = 'baselines/customerLifetimeValue';
  const o = resolveOptions(where, DEFAULT_CLV, options);
  if (!(o.horizon > 0 && Number.isFinite(o.horizon)))
    throw new Error(`${where}: expected horizon > 0, got ${o.horizon}`);
  if (!(o.discountRate > -1)) throw new Error(`${where}: expected discountRate > -1 (annual), got ${o.discountRate}`);
  const horizonSteps = convertTime(o.horizon, o.horizonUnit, o.step);
  const K = Math.ceil(horizonSteps - 1e-9);
  let perPurchase: Float64Array;
  if (typeof spend === 'number') {
    const n = typeof history.frequency === 'number' ? 1 : history.frequency.length;
    perPurchase = new Float64Array(n).fill(spend);
  } else {
    if (history.monetary === undefined) throw new Error(`${where}: a Gamma-Gamma spend fit needs history.monetary`);
    perPurchase = expectedAverageSpend(spend, { frequency: history.frequency, monetary: history.monetary });
  }
  const value = new Float64Array(perPurchase.length);
  let previous: Float64Array = new Float64Array(perPurchase.length);
  for (let k = 1; k <= K; k++) {
    const tSteps = Math.min(k, horizonSteps);
    const tFit = convertTime(tSteps, o.step, o.fitUnit);
    const cumulative = conditionalExpectedPurchases(fit, tFit, history);
    const discount = Math.pow(1 + o.discountRate, -convertTime(tSteps, o.step, 'year'));
    for (let i = 0; i < value.length; i++) value[i] += (cumulative[i] - previous[i]) * perPurchase[i] * discount;
    previous = cumulative;
  }
  return value;
}
