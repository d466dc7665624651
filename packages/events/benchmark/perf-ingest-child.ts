// One measured run of the ingest perf suite in its own process, so that the peak RSS
// (process.resourceUsage().maxRSS) is that of this engine alone. Prints one JSON line.
//   node --import tsx perf-ingest-child.ts clvlab|duckdb|duckdb-table FILE
// Each engine's modules are loaded before the clock starts and timed apart (loadSeconds):
// the suite measures throughput, and DuckDB's native module takes 0.13–0.32 s to load here
// against ~0.05 s for @clvlab/sessions (2-core EPYC VM), which had counted in its time.
import { availableParallelism } from 'node:os';
import type { EventLog } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';

const GAP_MS = 30 * 60 * 1000;
const [engine, file] = process.argv.slice(2);
const baseline = process.memoryUsage().rss;
const tLoad = performance.now();
// Sessions live in @clvlab/sessions, which depends on this package: importing it by a
// computed name keeps the package graph one-way (this file is a benchmark, not src/).
let sessionizer = 'splitSessions + countSessions from @clvlab/sessions';
let split: (log: EventLog, gap: number) => Int32Array = (l, gap) => {
  const s = new Int32Array(l.length);
  for (let i = 1; i < l.length; i++)
    s[i] = l.customer[i] !== l.customer[i - 1] ? 0 : s[i - 1] + (l.t[i] - l.t[i - 1] > gap ? 1 : 0);
  return s;
};
let count = (l: EventLog, s: Int32Array): number => {
  let sessions = 0;
  for (let i = 0; i < l.length; i++)
    if (i === 0 || l.customer[i] !== l.customer[i - 1] || s[i] !== s[i - 1]) sessions++;
  return sessions;
};
let duckdb: typeof import('@duckdb/node-api') | undefined;
if (engine === 'clvlab') {
  try {
    const name = '@clvlab/sessions';
    ({ splitSessions: split, countSessions: count } = (await import(name)) as {
      splitSessions: typeof split;
      countSessions: typeof count;
    });
  } catch {
    sessionizer = 'own gap loop (@clvlab/sessions not available)';
  }
} else if (engine === 'duckdb' || engine === 'duckdb-table') duckdb = await import('@duckdb/node-api');
const loadSeconds = (performance.now() - tLoad) / 1000;
const t0 = performance.now();
let result: Record<string, unknown>;

if (engine === 'clvlab') {
  // workers 0: one thread per core (at least 64 MiB each), each parsing a byte range (read-ranges.ts).
  const { log, report } = await readEventLog(file, { format: 'events', workers: 0 });
  const tRead = performance.now();
  const sessions = count(log, split(log, GAP_MS));
  result = {
    events: log.length,
    customers: log.customerIds.length,
    rejected: report.rejected,
    sessions,
    sessionizer,
    threads: `readEventLog workers 0 (${availableParallelism()} cores)`,
    readSeconds: (tRead - t0) / 1000,
    sessionSeconds: (performance.now() - tRead) / 1000,
  };
} else if (duckdb !== undefined) {
  // duckdb: the sessions query straight over read_csv, which reads the two columns it needs
  // (projection pushdown) and keeps no table. duckdb-table: the file loaded into a table of
  // all seven columns first (what readEventLog builds), then the same query over the table.
  const { DuckDBInstance } = duckdb;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  let src = `read_csv('${file.replace(/'/g, "''")}', header = true, columns = {customer_id: 'BIGINT', timestamp: 'BIGINT', event_type: 'VARCHAR', item_id: 'BIGINT', category: 'BIGINT', amount: 'DOUBLE', quantity: 'BIGINT'})`;
  if (engine === 'duckdb-table') {
    await con.run(`CREATE TABLE events AS SELECT * FROM ${src}`);
    src = 'events';
  }
  const reader = await con.runAndReadAll(`
    SELECT count(*) AS events, count(DISTINCT customer_id) AS customers,
           sum(CASE WHEN prev IS NULL OR timestamp - prev > ${GAP_MS} THEN 1 ELSE 0 END) AS sessions
    FROM (SELECT customer_id, timestamp, lag(timestamp) OVER (PARTITION BY customer_id ORDER BY timestamp) AS prev FROM ${src})`);
  const [row] = reader.getRowObjectsJS() as Record<string, unknown>[];
  result = {
    events: Number(row.events),
    customers: Number(row.customers),
    sessions: Number(row.sessions),
    threads: 'duckdb default (all cores)',
    query: engine === 'duckdb' ? 'sessions over read_csv' : 'CREATE TABLE AS read_csv (7 columns), then sessions',
  };
  con.closeSync();
  db.closeSync();
} else {
  throw new Error(`events/perf-ingest-child: engine must be clvlab, duckdb or duckdb-table, got '${engine}'`);
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({ engine, seconds, loadSeconds, baselineRssBytes: baseline, peakRssBytes: process.resourceUsage().maxRSS * 1024, ...result })}\n`,
);
