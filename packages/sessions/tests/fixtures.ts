// Small hand-built event logs for tests: events given as rows, sorted here by customer then
// time exactly as the EventLog contract requires (tests of unsorted input use createEventLog).
import { EventType, type EventLog, type ValueTarget } from '@clvlab/events';

export interface Row {
  customer: string;
  t: number | string;
  type?: keyof typeof EventType;
  amount?: number;
}

export function logOf(rows: readonly Row[], valueTarget: ValueTarget = 'revenue'): EventLog {
  const ids = [...new Set(rows.map((r) => r.customer))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const ms = (t: number | string): number => (typeof t === 'number' ? t : Date.parse(t));
  const sorted = [...rows].sort((a, b) => index.get(a.customer)! - index.get(b.customer)! || ms(a.t) - ms(b.t));
  const n = sorted.length;
  return {
    length: n,
    customer: Int32Array.from(sorted, (r) => index.get(r.customer)!),
    t: Float64Array.from(sorted, (r) => ms(r.t)),
    type: Uint8Array.from(sorted, (r) => EventType[r.type ?? 'purchase']),
    item: new Int32Array(n).fill(-1),
    category: new Int32Array(n).fill(-1),
    amount: Float64Array.from(sorted, (r) => r.amount ?? 0),
    quantity: new Float64Array(n).fill(1),
    customerIds: ids,
    itemIds: [],
    categoryIds: [],
    valueTarget,
  };
}
