// The per-customer BTYD summary (frequency, recency, T, monetary) used by BG/NBD, Pareto/NBD
// and Gamma-Gamma: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way",
// Marketing Science 24(2), §2 (x, t_x, T); Fader, Hardie & Lee (2005), "RFM and CLV",
// JMR 42(4) (m_x). Conventions, chosen to reproduce lifetimes' cdnow_customers_summary.csv
// exactly (see tests/btyd-summary.test.ts):
//   - time is counted in whole UTC calendar days: day(t) = floor(t / 86 400 000);
//   - purchases on the same day are one purchase occasion (the same day bought twice is 1);
//   - frequency = distinct purchase days in [start, calibrationEnd) − 1 (repeat purchase days);
//   - recency = last purchase day − first purchase day;
//   - T = last calibration day − first purchase day, where the last calibration day is the
//     day holding calibrationEnd − 1 ms (cutoff 1997-10-01 -> 1997-09-30, so T = 272 days =
//     38.86 weeks for a first purchase on 1997-01-01);
//   - recency and T are divided by 7 for unit 'week';
//   - monetary = mean purchase amount per repeat purchase day (the first day excluded, returns
//     excluded: Gamma-Gamma needs positive spend), 0 when frequency is 0.
import { EventType, type EventLog } from '@clvlab/events';

export interface BtydSummaryOptions {
  /** Epoch ms, exclusive end of calibration (the cutoff). */
  calibrationEnd: number;
  /** Unit of recency and T. Default 'week' (the published CDNOW numbers). */
  unit?: 'day' | 'week';
  /** Customers to summarise (ascending indices); default: all with a purchase in calibration. */
  customers?: Int32Array;
  /** Epoch ms, inclusive start of calibration. Default: no lower bound. */
  start?: number;
}

export interface BtydSummary {
  readonly unit: 'day' | 'week';
  readonly calibrationEnd: number;
  readonly customer: Int32Array;
  /** Repeat purchase days in calibration. */
  readonly frequency: Int32Array;
  /** First to last purchase day, in `unit`. */
  readonly recency: Float64Array;
  /** First purchase day to the last calibration day, in `unit`. */
  readonly T: Float64Array;
  /** Mean spend per repeat purchase day (0 when frequency is 0). */
  readonly monetary: Float64Array;
}

const DAY_MS = 86_400_000;

/** Summarises each customer's calibration purchases for BTYD models (conventions above). */
export function btydSummary(log: EventLog, options: BtydSummaryOptions): BtydSummary {
  const { calibrationEnd, unit = 'week', start = -Infinity } = options;
  if (!Number.isFinite(calibrationEnd)) throw new Error(`sessions/btyd-summary: calibrationEnd must be finite ms, got ${calibrationEnd}`);
  if (unit !== 'day' && unit !== 'week') throw new Error(`sessions/btyd-summary: unit must be 'day' or 'week', got '${String(unit)}'`);
  const nCustomers = log.customerIds.length;
  const firstDay = new Float64Array(nCustomers).fill(NaN);
  const lastDay = new Float64Array(nCustomers).fill(NaN);
  const days = new Int32Array(nCustomers);
  const repeatSpend = new Float64Array(nCustomers);
  const { customer, t, type, amount } = log;
  // Events are sorted by customer then time, so a customer's purchase days arrive in order
  // and "new day" is a comparison with the previous purchase day of the same customer.
  for (let i = 0; i < log.length; i++) {
    if (type[i] !== EventType.purchase) continue;
    const ti = t[i];
    if (ti < start || ti >= calibrationEnd) continue;
    const c = customer[i];
    const day = Math.floor(ti / DAY_MS);
    if (Number.isNaN(firstDay[c])) {
      firstDay[c] = day;
      lastDay[c] = day;
      days[c] = 1;
      continue;
    }
    if (day < lastDay[c]) throw new Error(`sessions/btyd-summary: event log not sorted by customer then time at event ${i}`);
    if (day > lastDay[c]) {
      lastDay[c] = day;
      days[c]++;
    }
    if (day > firstDay[c]) repeatSpend[c] += amount[i];
  }
  let customers = options.customers;
  if (!customers) {
    let size = 0;
    for (let c = 0; c < nCustomers; c++) if (days[c] > 0) size++;
    customers = new Int32Array(size);
    for (let c = 0, r = 0; c < nCustomers; c++) if (days[c] > 0) customers[r++] = c;
  }
  const lastCalibrationDay = Math.floor((calibrationEnd - 1) / DAY_MS);
  const scale = unit === 'week' ? 7 : 1;
  const n = customers.length;
  const frequency = new Int32Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const c = customers[r];
    if (!(days[c] > 0)) {
      throw new Error(`sessions/btyd-summary: customer '${log.customerIds[c]}' has no purchase in calibration (before ${new Date(calibrationEnd).toISOString()})`);
    }
    frequency[r] = days[c] - 1;
    recency[r] = (lastDay[c] - firstDay[c]) / scale;
    T[r] = (lastCalibrationDay - firstDay[c]) / scale;
    monetary[r] = frequency[r] > 0 ? repeatSpend[c] / frequency[r] : 0;
  }
  return Object.freeze({ unit, calibrationEnd, customer: customers, frequency, recency, T, monetary });
}
