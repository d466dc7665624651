// Logs for the engineered-feature tests: a hand-built one with views, carts, returns, items,
// categories, quantities and times of day (values worked out by hand in
// engineered-features.test.ts; 2020 is a leap year), and a seeded random browsing log with
// events on both sides of the cutoff (the cutoff property test).
import { createRng } from '@clvlab/core';
import { createEventLog, customerOffsets, EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { splitSessions } from '@clvlab/sessions';
import type { EngineeredSource } from '../src/index.ts';

export const ENGINEERED_END = Date.UTC(2020, 3, 1); // 2020-04-01 00:00, last feature day 2020-03-31
export const ENGINEERED_START = Date.UTC(2019, 0, 1);

const { view: V, cart: C, purchase: P, return: R } = EventType;
type Row = [
  customer: number,
  at: string,
  type: number,
  item: number,
  category: number,
  amount: number,
  quantity: number,
];

// a: sessions (30 min) s0 12-01 10:00–10:20 {view, cart, purchase}, s1 01-10 20:00–20:06 {view, 2 purchases},
//    s2 01-10 23:00 {return}, s3 03-07 09:00–09:10 {view, cart: abandoned}, s4 03-20 13:00 {purchase},
//    s5 03-28 15:00 {view}, s6 03-31 23:50 {view} which continues after the cutoff (truncated);
// b: 03-30 08:00–08:05 {view, cart: abandoned}, 03-31 12:00 {purchase}; c: nothing before the cutoff.
const ROWS: readonly Row[] = [
  [0, '2019-12-01T10:00', V, -1, -1, 0, 1],
  [0, '2019-12-01T10:10', C, 1, 0, 0, 1],
  [0, '2019-12-01T10:20', P, 1, 0, 40, 2],
  [0, '2020-01-10T20:00', V, 2, 1, 0, 1],
  [0, '2020-01-10T20:05', P, 2, 1, 10, 1],
  [0, '2020-01-10T20:06', P, 1, 0, 20, 1],
  [0, '2020-01-10T23:00', R, 2, 1, -5, 1],
  [0, '2020-03-07T09:00', V, 3, 1, 0, 1],
  [0, '2020-03-07T09:10', C, 3, 1, 0, 1],
  [0, '2020-03-20T13:00', P, 3, 1, 30, 3],
  [0, '2020-03-28T15:00', V, 0, 0, 0, 1],
  [0, '2020-03-31T23:50', V, 0, 0, 0, 1],
  [0, '2020-04-01T00:10', C, 0, 0, 0, 1],
  [0, '2020-04-02T12:00', P, 0, 0, 99, 1],
  [1, '2020-03-30T08:00', V, 4, 2, 0, 1],
  [1, '2020-03-30T08:05', C, 4, 2, 0, 1],
  [1, '2020-03-31T12:00', P, 4, 2, 15, 1],
  [2, '2020-04-05T12:00', P, 1, 0, 25, 1],
];

/** The hand-built log (see ROWS); `count` gives it a count target (purchases worth 1). */
export function engineeredLog(valueTarget: 'revenue' | 'count' = 'revenue'): EventLog {
  return createEventLog({
    customer: Int32Array.from(ROWS, (r) => r[0]),
    t: Float64Array.from(ROWS, (r) => Date.parse(`${r[1]}:00Z`)),
    type: Uint8Array.from(ROWS, (r) => r[2]),
    item: Int32Array.from(ROWS, (r) => r[3]),
    category: Int32Array.from(ROWS, (r) => r[4]),
    amount: Float64Array.from(ROWS, (r) => r[5]),
    quantity: Float64Array.from(ROWS, (r) => r[6]),
    customerIds: ['a', 'b', 'c'],
    itemIds: ['i0', 'i1', 'i2', 'i3', 'i4'],
    categoryIds: ['k0', 'k1', 'k2'],
    valueTarget,
  });
}

/** An engineeredFeatures source over `log`: every customer, sessions split at 30 minutes. */
export function sourceOf(log: EventLog, start = ENGINEERED_START, withSessions = true): EngineeredSource {
  const customers = Int32Array.from(log.customerIds, (_, c) => c);
  return {
    log,
    offsets: customerOffsets(log),
    ...(withSessions ? { session: splitSessions(log) } : {}),
    split: { customers, start },
  };
}

/** A seeded browsing log: 300 customers, sessions of 1–6 events over 2019-06 .. 2020-06. */
export function browsingLog(seed: number): EventLog {
  const rng = createRng(seed);
  const customer: number[] = [],
    t: number[] = [],
    type: number[] = [],
    item: number[] = [],
    amount: number[] = [],
    quantity: number[] = [];
  const from = Date.UTC(2019, 5, 1),
    span = Date.UTC(2020, 5, 1) - from;
  for (let c = 0; c < 300; c++) {
    const sessions = 1 + rng.int(12);
    for (let s = 0; s < sessions; s++) {
      let at = from + Math.floor(rng.next() * span);
      for (let e = 0, len = 1 + rng.int(6); e < len; e++, at += rng.int(20 * 60_000)) {
        const u = rng.next(),
          k = u < 0.55 ? V : u < 0.7 ? C : u < 0.9 ? P : u < 0.95 ? R : EventType.other;
        const it = rng.int(50),
          q = 1 + rng.int(3);
        customer.push(c);
        t.push(at);
        type.push(k);
        item.push(rng.next() < 0.1 ? -1 : it);
        quantity.push(q);
        amount.push(k === P ? q * (1 + rng.int(40)) : k === R ? -(1 + rng.int(40)) : 0);
      }
    }
  }
  return createEventLog({
    customer: Int32Array.from(customer),
    t: Float64Array.from(t),
    type: Uint8Array.from(type),
    item: Int32Array.from(item),
    category: Int32Array.from(item, (i) => (i < 0 ? -1 : i % 7)),
    amount: Float64Array.from(amount),
    quantity: Float64Array.from(quantity),
    customerIds: Array.from({ length: 300 }, (_, c) => `u${c}`),
    itemIds: Array.from({ length: 50 }, (_, i) => `i${i}`),
    categoryIds: Array.from({ length: 7 }, (_, k) => `k${k}`),
  });
}

/** Column `name` of a feature table (throws when absent, so a test names what is missing). */
export function column(table: { names: readonly string[]; columns: readonly Float64Array[] }, name: string): number[] {
  const k = table.names.indexOf(name);
  if (k < 0) throw new Error(`no column '${name}' (have ${table.names.join(', ')})`);
  return Array.from(table.columns[k]);
}
