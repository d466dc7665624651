// Actual value of each cohort customer in the window [from, to): purchases plus returns
// (returns negative), floored at 0, on a revenue log; the number of purchases on a count log.
// The rule of the benchmark's labels (packages/sessions/src/label-window.ts), which the
// playground does not depend on.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';

export function holdoutValue(log: EventLog, customers: Int32Array, from: number, to: number): Float64Array {
  const row = new Int32Array(log.customerIds.length).fill(-1);
  for (let r = 0; r < customers.length; r++) row[customers[r]] = r;
  const value = new Float64Array(customers.length);
  const revenue = log.valueTarget === 'revenue';
  for (let i = 0; i < log.length; i++) {
    const r = row[log.customer[i]];
    if (r < 0 || log.t[i] < from || log.t[i] >= to) continue;
    if (log.type[i] === EventType.purchase) value[r] += revenue ? log.amount[i] : 1;
    else if (log.type[i] === EventType.return && revenue) value[r] += log.amount[i];
  }
  for (let r = 0; r < value.length; r++) if (value[r] < 0) value[r] = 0;
  return value;
}
