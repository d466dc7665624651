// Labels of one window (docs/architecture.md §Evaluation split): per cohort customer, the value in
// [featureEnd, labelEnd) — revenue (purchases plus returns, returns negative, floored at 0) when
// the log carries money, else the number of purchase events — and repurchase (any purchase in the
// window). One pass over all events with a customer -> cohort-row map, so no offsets are needed.
import { EventType, type EventLog } from '@clvlab/events';
import type { LabelWindow } from './model-task.ts';

/** The columns labelWindow reads. */
export type LabelEvents = Pick<
  EventLog,
  'length' | 'customer' | 't' | 'type' | 'amount' | 'customerIds' | 'valueTarget'
>;

/** Row of each customer in `customers` (ascending cohort), -1 for customers outside it. */
export function cohortRows(log: Pick<EventLog, 'customerIds'>, customers: Int32Array): Int32Array {
  const rows = new Int32Array(log.customerIds.length).fill(-1);
  for (let r = 0; r < customers.length; r++) rows[customers[r]] = r;
  return rows;
}

/** Computes the labels of `customers` for events with featureEnd ≤ t < labelEnd. */
export function labelWindow(
  log: LabelEvents,
  customers: Int32Array,
  featureEnd: number,
  labelEnd: number,
  rows: Int32Array = cohortRows(log, customers),
): LabelWindow {
  const target = new Float64Array(customers.length);
  const repurchase = new Uint8Array(customers.length);
  const revenue = log.valueTarget === 'revenue';
  const { customer, t, type, amount } = log;
  for (let i = 0; i < log.length; i++) {
    const ti = t[i];
    if (ti < featureEnd || ti >= labelEnd) continue;
    const r = rows[customer[i]];
    if (r < 0) continue;
    const k = type[i];
    if (k === EventType.purchase) {
      repurchase[r] = 1;
      target[r] += revenue ? amount[i] : 1;
    } else if (k === EventType.return && revenue) {
      target[r] += amount[i];
    }
  }
  if (revenue) for (let r = 0; r < target.length; r++) if (target[r] < 0) target[r] = 0;
  return Object.freeze({ featureEnd, labelEnd, target, repurchase });
}
