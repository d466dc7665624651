// Time of engineeredFeatures on a synthetic browsing log (default 100k customers, ~6M events:
// sessions of views, carts, purchases and returns over a year, 100k items in 1k categories),
// built here with createRng and createEventLog (the features package does not depend on synth).
// Prints one JSON line: events, customers, kept columns, and the best of `repeats` timings of
// the whole table and of its parts (the kernel's rfmColumns, featureNeeds).
// Run: npx tsx packages/features/benchmark/engineered-features.ts [customers] [events per customer] [repeats]
import { createRng } from '@clvlab/core';
import { createEventLog, customerOffsets, EventType } from '@clvlab/events';
import { splitSessions } from '@clvlab/sessions';
import { engineeredFeatures, featureNeeds, rfmColumns } from '../src/index.ts';

const customers = Number(process.argv[2] ?? 100_000);
const perCustomer = Number(process.argv[3] ?? 60);
const repeats = Number(process.argv[4] ?? 3);
const DAY = 86_400_000,
  FROM = Date.UTC(2023, 0, 1),
  CUTOFF = Date.UTC(2023, 11, 1);
const ITEMS = 100_000,
  CATEGORIES = 1_000;

const rng = createRng(12);
const tGen = performance.now();
const capacity = Math.ceil(customers * perCustomer * 1.3) + 64;
const customer = new Int32Array(capacity),
  t = new Float64Array(capacity),
  type = new Uint8Array(capacity);
const item = new Int32Array(capacity),
  amount = new Float64Array(capacity),
  quantity = new Float64Array(capacity);
let n = 0;
for (let c = 0; c < customers && n < capacity - 64; c++) {
  // events per customer ~ exponential around perCustomer, in sessions of ~6 over a sorted set of days
  const total = Math.max(1, Math.min(Math.round(perCustomer * rng.exponential()), capacity - n - 64));
  let at = FROM + Math.floor(rng.next() * 300) * DAY;
  for (let e = 0; e < total; e++) {
    at += rng.next() < 1 / 6 ? Math.floor(rng.exponential() * 7 * DAY) : Math.floor(rng.next() * 10 * 60_000);
    const u = rng.next(),
      k =
        u < 0.7
          ? EventType.view
          : u < 0.85
            ? EventType.cart
            : u < 0.97
              ? EventType.purchase
              : u < 0.98
                ? EventType.return
                : EventType.other;
    const q = 1 + rng.int(3);
    customer[n] = c;
    t[n] = at;
    type[n] = k;
    item[n] = rng.int(ITEMS);
    quantity[n] = q;
    amount[n] = k === EventType.purchase ? q * (1 + rng.int(50)) : k === EventType.return ? -(1 + rng.int(50)) : 0;
    n++;
  }
}
const log = createEventLog({
  customer: customer.subarray(0, n),
  t: t.subarray(0, n),
  type: type.subarray(0, n),
  item: item.subarray(0, n),
  category: Int32Array.from(item.subarray(0, n), (i) => i % CATEGORIES),
  amount: amount.subarray(0, n),
  quantity: quantity.subarray(0, n),
  customerIds: Array.from({ length: customers }, (_, c) => `c${c}`),
  itemIds: Array.from({ length: ITEMS }, (_, i) => `i${i}`),
  categoryIds: Array.from({ length: CATEGORIES }, (_, k) => `k${k}`),
});
const session = splitSessions(log),
  offsets = customerOffsets(log);
const cohort = Int32Array.from({ length: customers }, (_, c) => c);
const source = { log, offsets, session, split: { customers: cohort, start: FROM } };
const generateMs = performance.now() - tGen;

const best = (f: () => unknown): number => {
  let min = Infinity;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return Math.round(min);
};
engineeredFeatures(source, CUTOFF); // warm-up
const table = engineeredFeatures(source, CUTOFF);
console.log(
  JSON.stringify({
    events: n,
    customers,
    columns: table.names.length,
    omitted: table.omitted.length,
    generate_ms: Math.round(generateMs),
    engineered_ms: best(() => engineeredFeatures(source, CUTOFF)),
    kernel_rfm_ms: best(() => rfmColumns(log, offsets, cohort, FROM, CUTOFF, 'day')),
    feature_needs_ms: best(() => featureNeeds(log, true, FROM, CUTOFF)),
    node: process.version,
  }),
);
