// Throughput of the sessions package's share of the ingest path on a synthetic sorted log:
// splitSessions + countSessions, sessionTable, prepareDataset (sessions, offsets, split,
// labels) and writePreparedDataset (Zarr v3, gzip).
// Run: npx tsx packages/sessions/benchmark/split-sessions.ts [events]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventLog } from '@clvlab/events';
import { createRng, parseInteger } from '@clvlab/core';
import { countSessions, prepareDataset, sessionTable, splitSessions } from '../src/index.ts';
import { writePreparedDataset } from '../src/node.ts';

const n = parseInteger(process.argv[2] ?? '10000000', { min: 1, where: 'split-sessions: events' });
const rng = createRng(1);
const customers = Math.max(1, Math.floor(n / 100));
const customer = new Int32Array(n);
const t = new Float64Array(n);
let c = 0,
  now = 0;
for (let i = 0; i < n; i++) {
  if (i > 0 && rng.next() < customers / n) {
    c++;
    now = 0;
  }
  now += rng.next() < 0.1 ? 3_600_000 * (1 + 48 * rng.next()) : 60_000 * rng.next();
  customer[i] = Math.min(c, customers - 1);
  t[i] = 1.6e12 + now;
}
const log: EventLog = {
  length: n,
  customer,
  t,
  type: new Uint8Array(n).fill(2),
  item: new Int32Array(n).fill(-1),
  category: new Int32Array(n).fill(-1),
  amount: new Float64Array(n).fill(1),
  quantity: new Float64Array(n).fill(1),
  customerIds: Array.from({ length: customers }, (_, k) => `c${k}`),
  itemIds: [],
  categoryIds: [],
  valueTarget: 'count',
};
for (const label of ['warm-up', 'measured']) {
  const t0 = performance.now();
  const session = splitSessions(log);
  const sessions = countSessions(log, session);
  const t1 = performance.now();
  const table = sessionTable(log, session);
  const t2 = performance.now();
  const prepared = prepareDataset(log, { cutoff: 1.6e12 + 10 * 86_400_000 });
  const t3 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-bench-'));
  await writePreparedDataset(join(dir, 'ds.zarr'), prepared);
  const t4 = performance.now();
  rmSync(dir, { recursive: true, force: true });
  if (label === 'measured') {
    const rate = (ms: number): number => Math.round(n / (ms / 1000));
    console.log(
      JSON.stringify({
        events: n,
        sessions,
        table_rows: table.length,
        cohort: prepared.split.customers.length,
        split_events_per_s: rate(t1 - t0),
        table_events_per_s: rate(t2 - t1),
        prepare_events_per_s: rate(t3 - t2),
        zarr_write_events_per_s: rate(t4 - t3),
        rss_bytes_per_event: Math.round(process.memoryUsage().rss / n),
      }),
    );
  }
}
