// The customer-history kernel (issue 11: one history, one set of rules): every per-customer
// summary of purchase history in clvlab — the BTYD summary (btyd-summary.ts), the RFM features
// of the baselines and of the encoders' static inputs (rfm-features.ts), calibration-frequency,
// lifecycle stages and RFM tiers — is a view of this one table. One pass over each customer's
// event range (events sorted by customer, then time). The rules (docs/architecture.md §Customer
// history; HISTORY_COLUMNS names every column):
//   - window: events with start ≤ t < end (the feature cutoff); nothing at or after `end` is read;
//   - time in whole UTC calendar days, day(t) = floor(t / 86 400 000); purchases on the same day
//     are one purchase occasion: frequencies count purchase DAYS, never purchase events;
//   - BTYD triple (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", §2):
//     frequency x = purchase days − 1, recency t_x = last − first purchase day, T = last feature
//     day − first purchase day (the last feature day holds end − 1 ms), divided by the unit's days;
//   - returns, netted by purchase day: a purchase day's spend is its purchases minus the returns
//     dated that same day; a return on a day without a purchase lowers `revenue` (net value) but
//     is no purchase occasion. `monetary` = mean net spend over repeat purchase days (first day
//     excluded, lifetimes' convention; Fader, Hardie & Lee 2005, "RFM and CLV", m_x); it may be
//     ≤ 0, and Gamma-Gamma then excludes the customer (baselines gamma-gamma.ts);
//   - a count target (no prices): a purchase event's value is 1 and a return's 0.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { DAYS_PER_UNIT } from './time-units.ts';
import type { TimeUnit } from './time-units.ts';

const DAY_MS = 86_400_000;

export interface CustomerHistoryTable {
  readonly unit: TimeUnit;
  /** BTYD triple in `unit` (frequency = repeat purchase days). */
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Mean net spend per repeat purchase day (0 without repeats). */
  readonly monetary: Float64Array;
  /** Distinct purchase days before featureEnd (0 = no purchase yet). */
  readonly purchaseDays: Float64Array;
  /** Net value before featureEnd (revenue, or purchase count for a count target). */
  readonly revenue: Float64Array;
  /** Days from the last purchase day to the last feature day (NaN without purchase). */
  readonly daysSinceLast: Float64Array;
  /** Days from the first event of any kind to featureEnd (customer age). */
  readonly tenureDays: Float64Array;
  /** Days from the first purchase day to the last feature day (NaN without purchase). */
  readonly daysSinceFirst: Float64Array;
  /** Gap in days between the last two purchase days (NaN with < 2 purchase days). */
  readonly lastGapDays: Float64Array;
}

/** What the kernel reads of an event log (a whole log, or a store block's slice of one). */
export type HistoryEvents = Pick<EventLog, 't' | 'type' | 'amount' | 'valueTarget'>;

/** Every column of CustomerHistoryTable with its meaning: the one column-name table. */
export const HISTORY_COLUMNS: Readonly<Record<Exclude<keyof CustomerHistoryTable, 'unit'>, string>> = Object.freeze({
  frequency: 'repeat purchase days (purchase days − 1; 0 without purchase)',
  recency: 'last − first purchase day, in the unit (BTYD t_x)',
  T: 'last feature day − first purchase day, in the unit (BTYD T)',
  monetary: 'mean net spend per repeat purchase day (0 without repeats)',
  purchaseDays: 'distinct purchase days (the RFM frequency)',
  revenue: 'net value: purchases − returns, or purchase events for a count target (the RFM monetary)',
  daysSinceLast: 'last feature day − last purchase day (the RFM recency; NaN without purchase)',
  tenureDays: 'end − first event of any kind, in days (0 without events)',
  daysSinceFirst: 'last feature day − first purchase day (NaN without purchase)',
  lastGapDays: 'days between the last two purchase days (NaN with < 2)',
});

/** Histories of `customers` (indices into the log's offsets) from events with start ≤ t < featureEnd. */
export function customerHistory(
  log: HistoryEvents,
  offsets: ArrayLike<number>,
  customers: Int32Array,
  start: number,
  featureEnd: number,
  unit: TimeUnit = 'week',
): CustomerHistoryTable {
  const n = customers.length;
  const cols = () => new Float64Array(n);
  const frequency = cols(),
    recency = cols(),
    T = cols(),
    monetary = cols(),
    purchaseDays = cols(),
    revenue = cols();
  const daysSinceLast = cols(),
    tenureDays = cols(),
    daysSinceFirst = cols(),
    lastGapDays = cols();
  const scale = DAYS_PER_UNIT[unit];
  const lastDay = Math.floor((featureEnd - 1) / DAY_MS);
  const count = log.valueTarget === 'count';
  const { t, type, amount } = log;
  for (let r = 0; r < n; r++) {
    const c = customers[r];
    let firstEvent = NaN,
      first = NaN,
      last = NaN,
      prev = NaN,
      days = 0,
      daySpend = 0,
      repeatSpend = 0,
      rev = 0;
    let dayOpen = false; // daySpend belongs to a purchase day not yet added
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const ti = t[i];
      if (ti < start || ti >= featureEnd) continue;
      if (Number.isNaN(firstEvent)) firstEvent = ti;
      const k = type[i];
      if (k !== EventType.purchase && k !== EventType.return) continue;
      const value = count ? (k === EventType.purchase ? 1 : 0) : amount[i];
      rev += value;
      const day = Math.floor(ti / DAY_MS);
      if (k === EventType.purchase && day !== last) {
        if (dayOpen && days > 1) repeatSpend += daySpend;
        if (days > 0) prev = last;
        else first = day;
        last = day;
        days++;
        daySpend = 0;
        dayOpen = true;
      }
      if (day === last) daySpend += value; // returns count only on a purchase day
    }
    if (dayOpen && days > 1) repeatSpend += daySpend;
    purchaseDays[r] = days;
    revenue[r] = rev;
    tenureDays[r] = Number.isNaN(firstEvent) ? 0 : (featureEnd - firstEvent) / DAY_MS;
    if (days === 0) {
      daysSinceLast[r] = NaN;
      daysSinceFirst[r] = NaN;
      lastGapDays[r] = NaN;
      continue;
    }
    frequency[r] = days - 1;
    recency[r] = (last - first) / scale;
    T[r] = (lastDay - first) / scale;
    monetary[r] = days > 1 ? repeatSpend / (days - 1) : 0;
    daysSinceLast[r] = lastDay - last;
    daysSinceFirst[r] = lastDay - first;
    lastGapDays[r] = days > 1 ? last - prev : NaN;
  }
  return Object.freeze({
    unit,
    frequency,
    recency,
    T,
    monetary,
    purchaseDays,
    revenue,
    daysSinceLast,
    tenureDays,
    daysSinceFirst,
    lastGapDays,
  });
}
