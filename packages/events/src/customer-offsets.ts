// Per-customer event ranges of a sorted EventLog: customer c owns events
// [offsets[c], offsets[c + 1]). Stored as `offsets` in a prepared dataset
// (docs/architecture.md §Prepared dataset).
import type { EventLog } from './event-log.ts';

/** Offsets of each customer's first event, length customers + 1 (customers with no events get an empty range). */
export function customerOffsets(log: Pick<EventLog, 'length' | 'customer' | 'customerIds'>): Int32Array {
  const nCustomers = log.customerIds.length;
  const offsets = new Int32Array(nCustomers + 1);
  const customer = log.customer;
  for (let i = 0; i < log.length; i++) {
    const c = customer[i];
    if (i > 0 && c < customer[i - 1]) {
      throw new Error(`events/customer-offsets: log is not sorted by customer at event ${i}`);
    }
    offsets[c + 1]++;
  }
  for (let c = 0; c < nCustomers; c++) offsets[c + 1] += offsets[c];
  return offsets;
}
