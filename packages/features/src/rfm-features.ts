// RFM features per cohort customer at a feature cut-off (Hughes 1994, "Strategic Database
// Marketing"; Fader, Hardie & Lee 2005, "RFM and CLV"), a view of the history kernel
// (customer-history.ts): recency = days since the last purchase day, frequency = purchase days,
// monetary = net value before the cut-off (revenue, or purchase count when the log has no
// prices), tenure = days since the customer's first event. Customers with no purchase before the
// cut-off (possible in the temporal protocol's fit window) get recency = tenure (never
// purchased) and frequency = monetary = 0. Every model that reads "RFM" reads these four
// columns: rfm-linear, rfm-segment, historical-rate, the encoders' `+rfm` static inputs and
// calibration-frequency (tests/cross-model-rfm.test.ts in the app checks it).
import { customerOffsets } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import { customerHistory } from './customer-history.ts';
import type { CustomerHistoryTable, HistoryEvents } from './customer-history.ts';
import type { TimeUnit } from './time-units.ts';

/** What rfmFeatures reads: a ModelTask satisfies it; offsets are computed when absent. */
export interface RfmInput {
  readonly log: EventLog;
  readonly split: Split;
  readonly offsets?: Int32Array;
}

export interface RfmFeatures extends FeatureTable {
  readonly customers: Int32Array;
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  readonly tenure: Float64Array;
  /** The full history the features came from (BTYD triple, gaps...). */
  readonly history: CustomerHistoryTable;
}

export const RFM_FEATURE_NAMES = Object.freeze(['recency', 'frequency', 'monetary', 'tenure'] as const);

/** RFM + tenure per cohort customer from events in [split.start, featureEnd). */
export function rfmFeatures(
  input: RfmInput,
  featureEnd: number = input.split.score.featureEnd,
  unit: TimeUnit = 'week',
): RfmFeatures {
  const { log, split } = input;
  return rfmColumns(log, input.offsets ?? customerOffsets(log), split.customers, split.start, featureEnd, unit);
}

/** rfmFeatures over any event source (a whole log, or a store block: its offsets index `customers`). */
export function rfmColumns(
  log: HistoryEvents,
  offsets: ArrayLike<number>,
  customers: Int32Array,
  start: number,
  featureEnd: number,
  unit: TimeUnit = 'week',
): RfmFeatures {
  if (customers.length === 0) throw new Error('features/rfmFeatures: empty cohort (no customers)');
  if (!Number.isFinite(featureEnd))
    throw new Error(`features/rfmFeatures: featureEnd must be finite epoch ms, got ${featureEnd}`);
  const history = customerHistory(log, offsets, customers, start, featureEnd, unit);
  const n = customers.length;
  const recency = new Float64Array(n),
    tenure = Float64Array.from(history.tenureDays);
  for (let i = 0; i < n; i++) {
    recency[i] = history.purchaseDays[i] > 0 ? history.daysSinceLast[i] : tenure[i];
  }
  const frequency = Float64Array.from(history.purchaseDays),
    monetary = Float64Array.from(history.revenue);
  return Object.freeze({
    names: RFM_FEATURE_NAMES,
    columns: Object.freeze([recency, frequency, monetary, tenure]),
    customers,
    recency,
    frequency,
    monetary,
    tenure,
    history,
  });
}
