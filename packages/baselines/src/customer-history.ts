// Per-cohort-customer purchase history at a feature cut-off, in one pass over each
// customer's event range: what the RFM features, lifecycle stages and BTYD models read.
// Conventions (shared with @clvlab/sessions btydSummary so BTYD numbers agree):
//   - time in whole UTC calendar days, day(t) = floor(t / 86 400 000); the same day bought
//     twice is one purchase occasion; frequency = purchase days − 1 (repeat purchase days);
//   - recency (BTYD) = last − first purchase day; T = last feature day − first purchase day,
//     where the last feature day holds featureEnd − 1 ms; both divided by the unit's days.
// Returns and zero spend (the one policy of this package, see gamma-gamma.ts): spend of a
// purchase day is the net of its purchases and of returns dated that same day; returns on
// days without a purchase lower `revenue` (net calibration revenue) but no purchase day.
// `monetary` = mean net spend over repeat purchase days (first day excluded, lifetimes'
// convention); it may be ≤ 0, and such customers are then excluded from Gamma-Gamma.
// For a count target (no prices) spend is the number of purchase events that day.
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

/** Histories of `customers` (indices into log) from events with start ≤ t < featureEnd. */
export function customerHistory(
  log: EventLog,
  offsets: Int32Array,
  customers: Int32Array,
  start: number,
  featureEnd: number,
  unit: TimeUnit = 'week',
): CustomerHistoryTable {
  const n = customers.length;
  const cols = () => new Float64Array(n);
  const frequency = cols(), recency = cols(), T = cols(), monetary = cols(), purchaseDays = cols(), revenue = cols();
  const daysSinceLast = cols(), tenureDays = cols(), daysSinceFirst = cols(), lastGapDays = cols();
  const scale = DAYS_PER_UNIT[unit];
  const lastDay = Math.floor((featureEnd - 1) / DAY_MS);
  const count = log.valueTarget === 'count';
  const { t, type, amount } = log;
  for (let r = 0; r < n; r++) {
    const c = customers[r];
    let firstEvent = NaN, first = NaN, last = NaN, prev = NaN, days = 0, daySpend = 0, repeatSpend = 0, rev = 0;
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
        if (days > 0) prev = last; else first = day;
        last = day; days++; daySpend = 0; dayOpen = true;
      }
      if (day === last) daySpend += value; // returns count only on a purchase day
    }
    if (dayOpen && days > 1) repeatSpend += daySpend;
    purchaseDays[r] = days;
    revenue[r] = rev;
    tenureDays[r] = Number.isNaN(firstEvent) ? 0 : (featureEnd - firstEvent) / DAY_MS;
    if (days === 0) { daysSinceLast[r] = NaN; daysSinceFirst[r] = NaN; lastGapDays[r] = NaN; continue; }
    frequency[r] = days - 1;
    recency[r] = (last - first) / scale;
    T[r] = (lastDay - first) / scale;
    monetary[r] = days > 1 ? repeatSpend / (days - 1) : 0;
    daysSinceLast[r] = lastDay - last;
    daysSinceFirst[r] = lastDay - first;
    lastGapDays[r] = days > 1 ? last - prev : NaN;
  }
  return Object.freeze({ unit, frequency, recency, T, monetary, purchaseDays, revenue, daysSinceLast, tenureDays, daysSinceFirst, lastGapDays });
}
