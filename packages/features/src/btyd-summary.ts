// The per-customer BTYD summary (frequency, recency, T, monetary) that BG/NBD, Pareto/NBD and
// Gamma-Gamma read: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way",
// Marketing Science 24(2), §2 (x, t_x, T); Fader, Hardie & Lee (2005), "RFM and CLV", JMR
// 42(4) (m_x). A view of the history kernel (customer-history.ts), so its rules are the
// kernel's: whole UTC days, same-day purchases one occasion, returns netted by purchase day.
// It reproduces lifetimes' cdnow_customers_summary.csv exactly (tests/btyd-summary.test.ts):
// cutoff 1997-10-01 -> last calibration day 1997-09-30, T = 272 days = 38.86 weeks for a first
// purchase on 1997-01-01.
import { customerOffsets } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { calibrationCohort } from './calibration-cohort.ts';
import { customerHistory } from './customer-history.ts';
import { TIME_UNITS } from './time-units.ts';
import type { TimeUnit } from './time-units.ts';

export interface BtydSummaryOptions {
  /** Epoch ms, exclusive end of calibration (the cutoff). */
  calibrationEnd: number;
  /** Unit of recency and T. Default 'week' (the published CDNOW numbers). */
  unit?: TimeUnit;
  /** Customers to summarise (ascending indices); default: all with a purchase in calibration. */
  customers?: Int32Array;
  /** Epoch ms, inclusive start of calibration. Default: no lower bound. */
  start?: number;
}

export interface BtydSummary {
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  readonly customer: Int32Array;
  /** Repeat purchase days in calibration. */
  readonly frequency: Int32Array;
  /** First to last purchase day, in `unit`. */
  readonly recency: Float64Array;
  /** First purchase day to the last calibration day, in `unit`. */
  readonly T: Float64Array;
  /** Mean net spend per repeat purchase day (0 when frequency is 0). */
  readonly monetary: Float64Array;
}

const WHERE = 'features/btydSummary';

/** Summarises each customer's calibration purchases for BTYD models (the kernel's rules). */
export function btydSummary(log: EventLog, options: BtydSummaryOptions): BtydSummary {
  const { calibrationEnd, unit = 'week', start = -Infinity } = options;
  if (!Number.isFinite(calibrationEnd))
    throw new Error(`${WHERE}: calibrationEnd must be finite ms, got ${calibrationEnd}`);
  if (!TIME_UNITS.includes(unit))
    throw new Error(`${WHERE}: unit must be one of ${TIME_UNITS.join(', ')}, got '${String(unit)}'`);
  const customers = options.customers ?? calibrationCohort(log, calibrationEnd, start, WHERE);
  const h = customerHistory(log, customerOffsets(log), customers, start, calibrationEnd, unit);
  for (let r = 0; r < customers.length; r++) {
    if (h.purchaseDays[r] === 0) {
      throw new Error(
        `${WHERE}: customer '${log.customerIds[customers[r]]}' has no purchase in calibration (before ${new Date(calibrationEnd).toISOString()})`,
      );
    }
  }
  return Object.freeze({
    unit,
    calibrationEnd,
    customer: customers,
    frequency: Int32Array.from(h.frequency),
    recency: h.recency,
    T: h.T,
    monetary: h.monetary,
  });
}
