// Test helper for the SQL event stage: the three datasets as one event table each (an events
// CSV with a `seq` column, written in time order as an event stream would arrive), the
// TypeScript pipeline's prepared dataset of that same file (readEventLog `events` +
// prepareDataset, as `clvlab ingest --format events` builds it), loaders into DuckDB and
// PostgreSQL, and the table-by-table comparison of an engine's output with the TypeScript
// arrays: every column of every table, numbers compared exactly (===, NaN as NULL).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import type pg from 'pg';
import { hashUnit } from '@clvlab/core';
import { EVENT_TYPES, type EventLog } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { customerHistory } from '@clvlab/features';
import { prepareDataset, sessionTable, type PreparedDataset } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import { PREPARED_TABLE_NAMES, type PreparedTableName } from '../src/sql/prepared-tables.ts';
import type { SqlOptions } from '../src/sql/sql-options.ts';

export const SHARED = '../shared/data';
export const CDNOW_SAMPLE = `${SHARED}/cdnow/CDNOW_sample.txt.gz`;
export const ONLINE_RETAIL = `${SHARED}/online_retail/online_retail.csv.gz`;

export type Row = Record<string, unknown>;
export type Tables = Record<PreparedTableName, Row[]>;

export interface SqlFixture {
  readonly name: string;
  /** The events CSV (customer_id,timestamp,event_type,item_id,category,amount,quantity,seq; timestamp in epoch ms). */
  readonly csv: string;
  readonly rows: number;
  /** Options for eventStageSql besides dialect and table. */
  readonly sql: Partial<SqlOptions>;
  /** The TypeScript pipeline on the same CSV. */
  readonly prepared: PreparedDataset;
}

const HEADER = 'customer_id,timestamp,event_type,item_id,category,amount,quantity,seq';

/** Writes `log` (optionally only customers passing `keep`) as an events CSV in time order (ties: log order). */
export function writeEventsCsv(path: string, log: EventLog, keep: (id: string) => boolean = () => true): number {
  const order: number[] = [];
  for (let i = 0; i < log.length; i++) if (keep(log.customerIds[log.customer[i]])) order.push(i);
  order.sort((a, b) => log.t[a] - log.t[b] || a - b);
  const lines = [HEADER];
  const text = (s: string): string => {
    if (/[",\n\r]/.test(s)) throw new Error(`sql-fixtures: id ${JSON.stringify(s)} needs CSV quoting`);
    return s;
  };
  order.forEach((i, seq) => {
    const item = log.item[i] < 0 ? '' : text(log.itemIds[log.item[i]]);
    const category = log.category[i] < 0 ? '' : text(log.categoryIds[log.category[i]]);
    lines.push(
      `${text(log.customerIds[log.customer[i]])},${log.t[i]},${EVENT_TYPES[log.type[i]]},${item},${category},${log.amount[i]},${log.quantity[i]},${seq}`,
    );
  });
  writeFileSync(path, lines.join('\n') + '\n');
  return order.length;
}

async function fixture(
  name: string,
  dir: string,
  log: EventLog,
  sql: Partial<SqlOptions>,
  keep?: (id: string) => boolean,
): Promise<SqlFixture> {
  const csv = join(dir, `${name}.csv`);
  const rows = writeEventsCsv(csv, log, keep);
  const ts = (await readEventLog(csv, { format: 'events', strict: true })).log;
  const prepared = prepareDataset(ts, {
    dataset: sql.dataset ?? 'events',
    cutoff: sql.cutoff ?? undefined,
    horizon: sql.horizon ?? undefined,
    seed: sql.seed,
    gapMs: sql.gapMs,
  });
  return { name, csv, rows, sql: { seq: 'seq', ...sql }, prepared };
}

/** CDNOW sample (6,919 purchases), the published window (dataset cdnow: cutoff 1997-10-01, 39 weeks). */
export async function cdnowFixture(dir: string): Promise<SqlFixture> {
  const { log } = await readEventLog(CDNOW_SAMPLE, { format: 'cdnow' });
  return fixture('cdnow', dir, log, { dataset: 'cdnow' });
}

/** UCI Online Retail as the reader keeps it (purchases and returns), `share` of the customers by a hash of the id. */
export async function onlineRetailFixture(dir: string, share = 1): Promise<SqlFixture> {
  const { log } = await readEventLog(ONLINE_RETAIL, { format: 'online-retail' });
  return fixture(
    share === 1 ? 'online-retail' : 'online-retail-slice',
    dir,
    log,
    { dataset: 'online-retail' },
    share === 1 ? undefined : (id) => hashUnit(id, 77) < share,
  );
}

/** The synthetic generator at its defaults (optionally fewer customers); the default window (75% of the span, to the end of data). */
export async function syntheticFixture(dir: string, customers?: number): Promise<SqlFixture> {
  const { log } = generateSynthetic(customers === undefined ? {} : { customers });
  return fixture('synthetic', dir, log, {});
}

/** CREATE TABLE `table` in DuckDB from the fixture's CSV with the event table's types. */
export async function loadDuckDb(conn: DuckDBConnection, csv: string, table: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE TABLE ${table} AS SELECT customer_id, make_timestamp(timestamp * 1000) AS timestamp, event_type,
    NULLIF(item_id, '') AS item_id, NULLIF(category, '') AS category, amount, quantity, seq
    FROM read_csv('${csv}', header = true, auto_detect = false, columns = {
      'customer_id': 'VARCHAR', 'timestamp': 'BIGINT', 'event_type': 'VARCHAR', 'item_id': 'VARCHAR', 'category': 'VARCHAR',
      'amount': 'DOUBLE', 'quantity': 'DOUBLE', 'seq': 'BIGINT'})`);
}

/** The same table in PostgreSQL (COPY from a file the server can read). */
export async function loadPostgres(client: pg.Client, serverCsv: string, table: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${table}_raw; DROP TABLE IF EXISTS ${table};
    CREATE TABLE ${table}_raw (customer_id TEXT, ts_ms BIGINT, event_type TEXT, item_id TEXT, category TEXT, amount DOUBLE PRECISION, quantity DOUBLE PRECISION, seq BIGINT);
    COPY ${table}_raw FROM '${serverCsv}' WITH (FORMAT csv, HEADER true);
    CREATE TABLE ${table} AS SELECT customer_id, TIMESTAMP '1970-01-01 00:00:00' + ts_ms * INTERVAL '1 millisecond' AS "timestamp", event_type,
      NULLIF(item_id, '') AS item_id, NULLIF(category, '') AS category, amount, quantity, seq FROM ${table}_raw;
    DROP TABLE ${table}_raw;`);
}

const js = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);

/** Every output table from DuckDB. */
export async function duckTables(
  conn: DuckDBConnection,
  names: Readonly<Record<PreparedTableName, string>>,
): Promise<Tables> {
  const out = {} as Tables;
  for (const t of PREPARED_TABLE_NAMES) {
    const r = await conn.runAndReadAll(`SELECT * FROM ${names[t]}`);
    out[t] = r.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, js(v)])));
  }
  return out;
}

/** Every output table from PostgreSQL clients (one per shard: rows concatenated). */
export async function pgTables(
  clients: readonly pg.Client[],
  names: Readonly<Record<PreparedTableName, string>>,
): Promise<Tables> {
  const out = {} as Tables;
  for (const t of PREPARED_TABLE_NAMES) {
    out[t] = [];
    for (const c of clients)
      for (const row of (await c.query(`SELECT * FROM ${names[t]}`)).rows as Row[]) out[t].push(row);
  }
  return out;
}

/** Same value: numbers with ===, NaN ↔ null (SQL NULL) and undefined ↔ null. */
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => (v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : v);
  return norm(a) === norm(b);
}

/** Compares rows keyed by `key`; returns mismatch descriptions (at most 5, plus counts). */
function compareRows(table: string, got: readonly Row[], want: readonly Row[], key: (r: Row) => string): string[] {
  const problems: string[] = [];
  if (got.length !== want.length) problems.push(`${table}: ${got.length} rows, expected ${want.length}`);
  const byKey = new Map<string, Row>();
  for (const r of got) {
    const k = key(r);
    if (byKey.has(k)) problems.push(`${table}: key ${k} twice`);
    byKey.set(k, r);
  }
  let bad = 0;
  for (const w of want) {
    const g = byKey.get(key(w));
    if (g === undefined) {
      if (bad++ < 5) problems.push(`${table}: no row ${key(w)}`);
      continue;
    }
    for (const [col, value] of Object.entries(w)) {
      if (!same(g[col], value)) {
        if (bad++ < 5) problems.push(`${table} ${key(w)}: ${col} = ${String(g[col])}, expected ${String(value)}`);
        break;
      }
    }
  }
  if (bad > 5) problems.push(`${table}: ${bad} mismatches in all`);
  return problems;
}

/** First index in [lo, hi) with t ≥ end. */
function upperBound(t: Float64Array, lo: number, hi: number, end: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Compares every output table with the TypeScript pipeline's arrays; returns the mismatches (empty = equal). */
export function compareWithTypeScript(
  tables: Tables,
  prepared: PreparedDataset,
  lastEvents = 32,
  options: { meta?: boolean } = {},
): string[] {
  const { log, session, offsets, split } = prepared;
  const ids = log.customerIds;
  const item = (i: number): string | null => (i < 0 ? null : log.itemIds[i]);
  const category = (i: number): string | null => (i < 0 ? null : log.categoryIds[i]);
  const problems: string[] = [];
  const key2 =
    (a: string, b: string) =>
    (r: Row): string =>
      `${String(r[a])}/${String(r[b])}`;

  const events: Row[] = [];
  for (let i = 0; i < log.length; i++) {
    const c = log.customer[i],
      k = i - offsets[c];
    events.push({
      customer_id: ids[c],
      k,
      t_ms: log.t[i],
      type: log.type[i],
      item_id: item(log.item[i]),
      category: category(log.category[i]),
      amount: log.amount[i],
      quantity: log.quantity[i],
      session: session[i],
      gap_ms: k === 0 ? null : log.t[i] - log.t[i - 1],
    });
  }
  problems.push(...compareRows('events', tables.events, events, key2('customer_id', 'k')));

  // dictionaries: ordered by first appearance (first_seq), they are the TypeScript dictionaries
  const bySeq = (rows: Row[]): Row[] => [...rows].sort((a, b) => Number(a.first_seq) - Number(b.first_seq));
  const customers = bySeq(tables.customers);
  if (customers.map((r) => r.customer_id).join('\n') !== ids.join('\n'))
    problems.push('customers: ids in first_seq order differ from the TypeScript dictionary');
  problems.push(
    ...compareRows(
      'customers',
      tables.customers,
      ids.map((cid, c) => ({
        customer_id: cid,
        first_t_ms: log.t[offsets[c]],
        events: offsets[c + 1] - offsets[c],
        sessions: session[offsets[c + 1] - 1] + 1,
      })),
      (r) => String(r.customer_id),
    ),
  );
  if (
    bySeq(tables.items)
      .map((r) => r.item_id)
      .join('\n') !== log.itemIds.join('\n')
  )
    problems.push('items: ids in first_seq order differ from the TypeScript dictionary');
  if (
    bySeq(tables.categories)
      .map((r) => r.category)
      .join('\n') !== log.categoryIds.join('\n')
  )
    problems.push('categories: ids in first_seq order differ from the TypeScript dictionary');

  const st = sessionTable(log, session);
  const sessions: Row[] = [];
  for (let r = 0; r < st.length; r++) {
    sessions.push({
      customer_id: ids[st.customer[r]],
      session: st.session[r],
      start_ms: st.start[r],
      end_ms: st.end[r],
      events: st.events[r],
      purchases: st.purchases[r],
      revenue: st.revenue[r],
    });
  }
  problems.push(...compareRows('sessions', tables.sessions, sessions, key2('customer_id', 'session')));

  const seed = prepared.attributes.seed;
  const cohort = Array.from(split.customers, (c, r) => ({
    customer_id: ids[c],
    hash: hashUnit(ids[c], seed) * 4294967296,
    fold: split.fold[r],
    target: split.score.target[r],
    repurchase: split.score.repurchase[r],
    fit_target: split.fit.target[r],
    fit_repurchase: split.fit.repurchase[r],
  }));
  problems.push(...compareRows('cohort', tables.cohort, cohort, (r) => String(r.customer_id)));

  const h = customerHistory(log, offsets, split.customers, split.start, split.score.featureEnd, 'week');
  const features = Array.from(split.customers, (c, r) => ({
    customer_id: ids[c],
    frequency: h.frequency[r],
    recency: h.recency[r],
    big_t: h.T[r],
    monetary: h.monetary[r],
    purchase_days: h.purchaseDays[r],
    revenue: h.revenue[r],
    days_since_last: h.daysSinceLast[r],
    tenure_days: h.tenureDays[r],
    days_since_first: h.daysSinceFirst[r],
    last_gap_days: h.lastGapDays[r],
  }));
  problems.push(...compareRows('features', tables.features, features, (r) => String(r.customer_id)));

  const sequences: Row[] = [];
  for (const c of split.customers) {
    const lo = offsets[c],
      hi = upperBound(log.t, lo, offsets[c + 1], split.score.featureEnd);
    for (let e = hi - 1, position = 0; e >= lo && position < lastEvents; e--, position++) {
      sequences.push({
        customer_id: ids[c],
        position,
        k: e - lo,
        t_ms: log.t[e],
        type: log.type[e],
        item_id: item(log.item[e]),
        category: category(log.category[e]),
        amount: log.amount[e],
        session: session[e],
        gap_ms: e === lo ? null : log.t[e] - log.t[e - 1],
      });
    }
  }
  problems.push(...compareRows('sequences', tables.sequences, sequences, key2('customer_id', 'position')));

  if (options.meta !== false) {
    const a = prepared.attributes;
    problems.push(
      ...compareRows(
        'meta',
        tables.meta,
        [
          {
            dataset: a.dataset,
            value_target: a.value_target,
            protocol: a.protocol,
            start_ms: a.start_ms,
            cutoff_ms: a.cutoff_ms,
            horizon_ms: a.horizon_ms,
            gap_ms: a.gap_ms,
            seed: a.seed,
            events: a.events,
            customers: a.customers,
            sessions: a.sessions,
            cohort: a.cohort,
            last_t_ms: log.t.reduce((m, t) => Math.max(m, t), -Infinity),
            last_events: lastEvents,
          },
        ],
        () => 'meta',
      ),
    );
  }
  return problems;
}

/**
 * A describe block's DuckDB connection and temp folder: an in-memory instance opened before
 * its tests, and both closed and removed after them. `get()` reads the live connection.
 */
export function duckdbPerSuite(prefix: string): { dir: string; get: () => DuckDBConnection } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let instance: DuckDBInstance | undefined, conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  afterAll(() => {
    conn?.closeSync();
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, get: () => conn! };
}
