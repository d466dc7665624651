// Customer lifecycle stage at the feature cut-off, from purchase-day history. Rules, first
// match wins (g = the customer's mean gap between purchase days, from first to last):
//   new          first purchase within the last `newDays`, or no purchase yet
//   one-time     one purchase day, bought within the last `oneTimeChurnDays`
//   churned      one purchase day longer ago; or days since last > churnFactor · max(g, minGapDays)
//   at risk      days since last > atRiskFactor · max(g, minGapDays)
//   reactivated  ≥ 3 purchase days and the last gap > churnFactor · the mean earlier gap
//                (came back after what looked like churn)
//   frequent     ≥ frequentDays purchase days
//   sporadic     otherwise (2 .. frequentDays − 1 purchase days, on rhythm)
import { resolveOptions } from '@clvlab/core';
import type { CustomerHistoryTable } from './customer-history.ts';

export const LIFECYCLE_STAGES = Object.freeze([
  'new',
  'one-time',
  'sporadic',
  'frequent',
  'at risk',
  'churned',
  'reactivated',
] as const);
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const DEFAULT_LIFECYCLE: Readonly<{
  newDays: number;
  oneTimeChurnDays: number;
  atRiskFactor: number;
  churnFactor: number;
  minGapDays: number;
  frequentDays: number;
}> = Object.freeze({
  /** A month: first purchase this recent means the relationship has just begun. */
  newDays: 30,
  /** Half a year without a second purchase: most one-time buyers never return (CDNOW: ~70%). */
  oneTimeChurnDays: 180,
  /** Silent for twice the usual gap: the customer is overdue. */
  atRiskFactor: 2,
  /** Silent for four usual gaps: treat as churned (and a gap that long then a purchase = reactivated). */
  churnFactor: 4,
  /** Gaps shorter than a week are not a rhythm to measure lateness against. */
  minGapDays: 7,
  /** Four purchase days or more is a habit rather than an occasional purchase. */
  frequentDays: 4,
});
export type LifecycleOptions = Partial<typeof DEFAULT_LIFECYCLE>;

/** Stage index (into LIFECYCLE_STAGES) per customer. */
export function lifecycleStages(history: CustomerHistoryTable, options: LifecycleOptions = {}): Uint8Array {
  const o = resolveOptions('features/lifecycleStage', DEFAULT_LIFECYCLE, options);
  const n = history.purchaseDays.length;
  const out = new Uint8Array(n);
  const S = (name: LifecycleStage): number => LIFECYCLE_STAGES.indexOf(name);
  for (let i = 0; i < n; i++) {
    const days = history.purchaseDays[i],
      since = history.daysSinceLast[i],
      age = history.daysSinceFirst[i];
    if (days === 0 || age < o.newDays) {
      out[i] = S('new');
      continue;
    }
    if (days === 1) {
      out[i] = since > o.oneTimeChurnDays ? S('churned') : S('one-time');
      continue;
    }
    const gap = Math.max((age - since) / (days - 1), o.minGapDays);
    if (since > o.churnFactor * gap) {
      out[i] = S('churned');
      continue;
    }
    if (since > o.atRiskFactor * gap) {
      out[i] = S('at risk');
      continue;
    }
    if (days >= 3) {
      const earlier = (age - since - history.lastGapDays[i]) / (days - 2);
      if (history.lastGapDays[i] > o.churnFactor * Math.max(earlier, o.minGapDays)) {
        out[i] = S('reactivated');
        continue;
      }
    }
    out[i] = days >= o.frequentDays ? S('frequent') : S('sporadic');
  }
  return out;
}

/** Stage name of each customer (see header for the rules). */
export function lifecycleStage(history: CustomerHistoryTable, options: LifecycleOptions = {}): LifecycleStage[] {
  return Array.from(lifecycleStages(history, options), (k) => LIFECYCLE_STAGES[k]);
}
