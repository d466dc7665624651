// Seeded writer of the ingest perf suite's input: a realistic generic `events` CSV sorted by
// customer then time, as synthetic logs are. ~100 events per customer on average (gamma-
// distributed activity, so a heavy tail), sessions of views/carts/purchases seconds to
// minutes apart, days between sessions, numeric item and category ids, prices on purchases.
import { createRng } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';

export const PERF_HEADER = 'customer_id,timestamp,event_type,item_id,category,amount,quantity';

/** Writes `events` rows to `path` atomically (core's writeFileAtomic). Returns the customer count. */
export async function writePerfEvents(path: string, events: number, seed = 20_26): Promise<number> {
  writeFileAtomic(path, perfRows(events, seed));
  return customersFor(events);
}

/** ~100 events per customer. */
const customersFor = (events: number): number => Math.max(1, Math.round(events / 100));

/** The CSV text in ~1 MiB blocks, header first. */
function* perfRows(events: number, seed: number): Generator<string> {
  const rng = createRng(seed);
  const customers = customersFor(events);
  const weight = new Float64Array(customers);
  let total = 0;
  for (let c = 0; c < customers; c++) total += weight[c] = rng.gamma(0.8);
  const counts = new Int32Array(customers);
  let assigned = 0;
  for (let c = 0; c < customers; c++) assigned += counts[c] = Math.floor((events * weight[c]) / total);
  for (let c = 0; assigned < events; c = (c + 1) % customers) {
    counts[c]++;
    assigned++;
  }
  let buf = `${PERF_HEADER}\n`;
  const start = Date.UTC(2024, 0, 1);
  for (let c = 0; c < customers; c++) {
    const id = 1_000_000 + c;
    let t = start + Math.floor(rng.next() * 30 * 86_400_000);
    for (let k = 0; k < counts[c]; k++) {
      // 1 in 8 events opens a new session (hours to days later), the rest follow within minutes.
      t +=
        rng.next() < 0.125
          ? Math.floor(3_600_000 + rng.exponential() * 2 * 86_400_000)
          : Math.floor(5_000 + rng.exponential() * 60_000);
      const u = rng.next();
      const item = rng.int(200_000),
        category = item % 500;
      if (u < 0.8) buf += `${id},${t},view,${item},${category},,\n`;
      else if (u < 0.93) buf += `${id},${t},cart,${item},${category},,\n`;
      else
        buf += `${id},${t},purchase,${item},${category},${(1 + rng.int(20_000) / 100).toFixed(2)},${1 + rng.int(3)}\n`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
  }
  yield buf;
}
