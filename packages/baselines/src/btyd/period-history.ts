// Discrete-time histories for the BG/BB (Fader, Hardie & Shang 2010) from an event log: time
// before the cutoff is cut into whole periods of `periodMs` counted back from the cutoff (period
// 0 = [cutoff − P, cutoff), period 1 the one before, …), so every transaction opportunity is a
// whole period and a partial period can only be the oldest one, where customers are born. A
// customer's first purchase falls in period b₀ (the "birth" period, not an opportunity); the n =
// b₀ later periods are the opportunities; a period with ≥ 1 purchase event in it is one
// transaction (incidence, as the model counts it); x = such periods among the n, t_x = the
// opportunity index of the last of them (b₀ − its period), 0 when x = 0. The window and the
// value rules are the customer-history kernel's (features customer-history.ts) with periods in
// place of days: only events with start ≤ t < cutoff are read, returns are no purchases and
// count only in a purchase period, `monetary` = mean net value over repeat purchase periods (the
// Gamma-Gamma input), `revenue` = all net value; a count target values a purchase at 1.
// Customers without a purchase in the window have no history: an error naming one.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';

/** BG/BB histories (bg-bb-input.ts) of `customers`, in their order, with their spend. */
export interface PeriodHistory {
  readonly frequency: Int32Array;
  readonly recency: Int32Array;
  readonly periods: Int32Array;
  /** Purchase periods per customer including the birth period (x + 1). */
  readonly purchasePeriods: Float64Array;
  /** Mean net value per repeat purchase period (0 without repeats). */
  readonly monetary: Float64Array;
  /** Net value in the window. */
  readonly revenue: Float64Array;
  readonly periodMs: number;
}

/** Histories of `customers` (indices into `offsets`) from events with start ≤ t < cutoff, in periods of `periodMs` counted back from the cutoff (see header). */
export function periodHistory(
  log: Pick<EventLog, 't' | 'type' | 'amount' | 'valueTarget'>,
  offsets: ArrayLike<number>,
  customers: ArrayLike<number>,
  start: number,
  cutoff: number,
  periodMs: number,
): PeriodHistory {
  const where = 'baselines/periodHistory';
  if (!(Number.isFinite(periodMs) && periodMs > 0))
    throw new Error(`${where}: expected a period > 0 ms, got ${periodMs}`);
  if (!Number.isFinite(cutoff)) throw new Error(`${where}: expected a finite cutoff (epoch ms), got ${cutoff}`);
  const n = customers.length,
    count = log.valueTarget === 'count';
  const frequency = new Int32Array(n),
    recency = new Int32Array(n),
    periods = new Int32Array(n);
  const purchasePeriods = new Float64Array(n),
    monetary = new Float64Array(n),
    revenue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = customers[i];
    // events are sorted by time, so back-indices fall: the first purchase holds the birth period
    let birth = -1,
      last = -1,
      k = 0,
      spend = 0,
      repeatSpend = 0,
      rev = 0,
      open = false;
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const t = log.t[e],
        type = log.type[e];
      if (t < start || t >= cutoff || (type !== EventType.purchase && type !== EventType.return)) continue;
      const value = count ? (type === EventType.purchase ? 1 : 0) : log.amount[e];
      rev += value;
      const b = Math.floor((cutoff - 1 - t) / periodMs);
      if (type === EventType.purchase && b !== last) {
        if (open && k > 1) repeatSpend += spend;
        if (k === 0) birth = b;
        last = b;
        k++;
        spend = 0;
        open = true;
      }
      if (b === last) spend += value; // returns count only in a purchase period
    }
    if (birth < 0)
      throw new Error(`${where}: customer ${c} (row ${i + 1}) has no purchase in [start, cutoff): not in the cohort`);
    if (open && k > 1) repeatSpend += spend;
    periods[i] = birth;
    frequency[i] = k - 1;
    recency[i] = k > 1 ? birth - last : 0;
    purchasePeriods[i] = k;
    monetary[i] = k > 1 ? repeatSpend / (k - 1) : 0;
    revenue[i] = rev;
  }
  return Object.freeze({ frequency, recency, periods, purchasePeriods, monetary, revenue, periodMs });
}
