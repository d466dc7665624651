// Discrete-time histories for the BG/BB (Fader, Hardie & Shang 2010) from an event log: time
// before the cutoff is cut into whole periods of `periodMs` counted back from the cutoff (period
// 0 = [cutoff − P, cutoff), period 1 the one before, …), so every transaction opportunity is a
// whole period and a partial period can only be the oldest one, where customers are born. A
// customer's first purchase falls in period b₀ (the "birth" period, not an opportunity); the n =
// b₀ later periods are the opportunities; a period with ≥ 1 purchase event in it is one
// transaction (incidence, as the model counts it); x = such periods among the n, t_x = the
// opportunity index of the last of them (b₀ − its period), 0 when x = 0. Only purchase events
// with start ≤ t < cutoff are read (the customer-history kernel's window; returns are no
// purchases). Customers without a purchase in the window have no history: an error naming one.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';

/** BG/BB histories (bg-bb-input.ts) of `customers`, in their order. */
export interface PeriodHistory {
  readonly frequency: Int32Array;
  readonly recency: Int32Array;
  readonly periods: Int32Array;
  /** Purchase periods per customer including the birth period (x + 1). */
  readonly purchasePeriods: Int32Array;
  readonly periodMs: number;
}

/** Histories of `customers` (indices into `offsets`) from purchases with start ≤ t < cutoff, in periods of `periodMs` counted back from the cutoff (see header). */
export function periodHistory(
  log: Pick<EventLog, 't' | 'type'>, offsets: ArrayLike<number>, customers: ArrayLike<number>, start: number, cutoff: number, periodMs: number,
): PeriodHistory {
  const where = 'baselines/periodHistory';
  if (!(Number.isFinite(periodMs) && periodMs > 0)) throw new Error(`${where}: expected a period > 0 ms, got ${periodMs}`);
  if (!Number.isFinite(cutoff)) throw new Error(`${where}: expected a finite cutoff (epoch ms), got ${cutoff}`);
  const n = customers.length;
  const frequency = new Int32Array(n), recency = new Int32Array(n), periods = new Int32Array(n), purchasePeriods = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = customers[i];
    let birth = -1, last = Number.MAX_SAFE_INTEGER, prev = -1, x = 0;
    // events are sorted by time, so back-indices fall: the first purchase holds the birth period
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const t = log.t[e];
      if (t < start || t >= cutoff || log.type[e] !== EventType.purchase) continue;
      const b = Math.floor((cutoff - 1 - t) / periodMs);
      if (birth < 0) { birth = b; prev = b; continue; }
      if (b !== prev) { x++; last = b; prev = b; }
    }
    if (birth < 0) throw new Error(`${where}: customer ${c} (row ${i + 1}) has no purchase in [start, cutoff): not in the cohort`);
    periods[i] = birth;
    frequency[i] = x;
    recency[i] = x > 0 ? birth - last : 0;
    purchasePeriods[i] = x + 1;
  }
  return Object.freeze({ frequency, recency, periods, purchasePeriods, periodMs });
}
