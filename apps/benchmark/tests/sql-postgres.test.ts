// `clvlab sql --dialect postgres` on real PostgreSQL 15 servers (throwaway, initdb'd in a temp
// directory on a loopback port, tests/postgres-server.ts): on one server the script's tables equal
// the TypeScript pipeline's arrays for CDNOW (sample), the synthetic generator (defaults, 2,000
// customers) and half of Online Retail's customers; on two servers holding the events
// hash-partitioned by customer, run with the same explicit window, the union of the two outputs
// equals the single server's output row for row, and the shards' meta agree. Bad input fails in
// one line on PostgreSQL too.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashUnit } from '@clvlab/core';
import { eventStageSql } from '../src/sql/generate-sql.ts';
import { PREPARED_TABLE_NAMES } from '../src/sql/prepared-tables.ts';
import { postgresUnavailable, startPostgres, type PostgresServer } from './postgres-server.ts';
import {
  cdnowFixture,
  compareWithTypeScript,
  loadPostgres,
  onlineRetailFixture,
  pgTables,
  syntheticFixture,
  type Row,
  type SqlFixture,
} from './sql-fixtures.ts';

// PostgreSQL 15 is a test dependency (tools/run-tests.ts installs Debian's postgresql when it is
// missing): without it this file fails with the reason instead of skipping silently.
const unavailable = postgresUnavailable();
if (unavailable)
  throw new Error(`sql-postgres.test.ts: PostgreSQL 15 is needed (apt-get install postgresql): ${unavailable}`);

/** Rows as a sorted list of canonical JSON strings (a multiset). */
const canonical = (rows: readonly Row[]): string[] =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, r[k]]),
      ),
    )
    .sort();

const portOpen = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });

describe('the SQL event stage on PostgreSQL 15', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-sql-pg-'));
  let a: PostgresServer, b: PostgresServer;
  let ca: pg.Client, cb: pg.Client;

  beforeAll(async () => {
    [a, b] = await Promise.all([startPostgres(), startPostgres()]);
    [ca, cb] = await Promise.all([a.connect(), b.connect()]);
  });
  afterAll(() => {
    a?.stop();
    b?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the helper: a temp directory owned by the server user, loopback only, stopped and removed by stop()', async () => {
    const s = await startPostgres();
    try {
      if (process.getuid?.() === 0) expect(statSync(s.dir).uid).not.toBe(0); // initdb refuses root: the postgres user runs it
      const c = await s.connect();
      expect((await c.query('SHOW listen_addresses')).rows[0].listen_addresses).toBe('127.0.0.1');
      expect((await c.query("SELECT current_setting('server_version_num')::int / 10000 AS major")).rows[0].major).toBe(
        15,
      );
      await c.end();
      expect(await portOpen(s.port)).toBe(true);
    } finally {
      s.stop();
    }
    expect(existsSync(s.dir)).toBe(false);
    expect(await portOpen(s.port)).toBe(false);
  });

  const shardOf = (id: string): number => (hashUnit(id, 2024) < 0.5 ? 0 : 1);

  const singleAndShards = async (f: SqlFixture): Promise<void> => {
    const text = readFileSync(f.csv, 'utf8');
    // one server, the whole table
    await loadPostgres(ca, a.serverFile(`${f.name}.csv`, text), 'ev');
    const one = eventStageSql({ dialect: 'postgres', inputTable: 'ev', prefix: 'one_', ...f.sql });
    await ca.query(one.sql);
    const single = await pgTables([ca], one.tables);
    expect(single.events).toHaveLength(f.rows);
    expect(compareWithTypeScript(single, f.prepared)).toEqual([]);

    // two servers, events hash-partitioned by customer; the window is given (a shard cannot see the other's span)
    const [header, ...lines] = text.trimEnd().split('\n');
    const parts: string[][] = [[header], [header]];
    for (const line of lines) parts[shardOf(line.slice(0, line.indexOf(',')))].push(line);
    expect(parts[0].length > 1 && parts[1].length > 1).toBe(true);
    await Promise.all([
      loadPostgres(ca, a.serverFile(`${f.name}-0.csv`, parts[0].join('\n') + '\n'), 'ev_shard'),
      loadPostgres(cb, b.serverFile(`${f.name}-1.csv`, parts[1].join('\n') + '\n'), 'ev_shard'),
    ]);
    const attrs = f.prepared.attributes;
    const shard = eventStageSql({
      dialect: 'postgres',
      inputTable: 'ev_shard',
      prefix: 'shard_',
      ...f.sql,
      cutoff: attrs.cutoff_ms,
      horizon: attrs.horizon_ms,
      shard: true,
    });
    await Promise.all([ca.query(shard.sql), cb.query(shard.sql)]);
    const union = await pgTables([ca, cb], shard.tables);
    for (const t of PREPARED_TABLE_NAMES.filter((t) => t !== 'meta' && t !== 'items' && t !== 'categories')) {
      expect(canonical(union[t]), t).toEqual(canonical(single[t]));
    }
    // items and categories span shards: the reader keeps the smallest first_seq / first_t_ms per id
    for (const [t, id] of [
      ['items', 'item_id'],
      ['categories', 'category'],
    ] as const) {
      const merged = new Map<unknown, Row>();
      for (const r of union[t]) {
        const m = merged.get(r[id]);
        merged.set(
          r[id],
          m === undefined
            ? r
            : {
                [id]: r[id],
                first_seq: Math.min(Number(m.first_seq), Number(r.first_seq)),
                first_t_ms: Math.min(Number(m.first_t_ms), Number(r.first_t_ms)),
              },
        );
      }
      expect(canonical([...merged.values()]), t).toEqual(canonical(single[t]));
    }
    const [m0, m1] = union.meta,
      m = single.meta[0];
    for (const key of ['cutoff_ms', 'horizon_ms', 'gap_ms', 'seed', 'value_target', 'dataset', 'unit', 'last_events']) {
      expect([m0[key], m1[key]], key).toEqual([m[key], m[key]]);
    }
    for (const key of ['events', 'customers', 'sessions', 'cohort'])
      expect(Number(m0[key]) + Number(m1[key]), key).toBe(Number(m[key]));
    expect(Math.min(Number(m0.start_ms), Number(m1.start_ms))).toBe(Number(m.start_ms));
  };

  it('CDNOW sample: one server equals the TypeScript pipeline; the union of two shards equals one server', async () => {
    await singleAndShards(await cdnowFixture(dir));
  });

  it('synthetic (defaults, 2,000 customers): one server and two shards', async () => {
    await singleAndShards(await syntheticFixture(dir, 2000));
  });

  it('Online Retail (half of the customers): one server and two shards', async () => {
    await singleAndShards(await onlineRetailFixture(dir, 0.5));
  });

  it.each([
    [
      'a missing column',
      'SELECT customer_id, "timestamp", event_type, item_id, category, amount, seq FROM good',
      'seq',
      /column "quantity" does not exist/,
    ],
    [
      'a timestamp as text',
      'SELECT customer_id, CAST("timestamp" AS TEXT) AS "timestamp", event_type, item_id, category, amount, quantity, seq FROM good',
      'seq',
      /column timestamp of bad has type text, expected a TIMESTAMP/,
    ],
    [
      'an amount as text',
      'SELECT customer_id, "timestamp", event_type, item_id, category, CAST(amount AS TEXT) AS amount, quantity, seq FROM good',
      'seq',
      /column amount of bad has type text, expected a numeric type/,
    ],
    [
      'duplicate (customer, time) rows without --seq',
      'SELECT * FROM good UNION ALL SELECT * FROM good',
      null,
      /3 \(customer_id, timestamp\) pairs of bad occur in more than one row \(e\.g\. customer "c1"\)/,
    ],
    [
      'a repeated seq',
      'SELECT * FROM good UNION ALL SELECT * FROM good',
      'seq',
      /the --seq column seq is not unique: 3 rows repeat a value/,
    ],
  ])('bad input on PostgreSQL: %s', async (_what, select, seq, error) => {
    await ca.query(`DROP TABLE IF EXISTS good; CREATE TABLE good AS SELECT * FROM (VALUES
      ('c1', TIMESTAMP '2024-01-01 10:00', 'purchase', 'i1', CAST(NULL AS TEXT), CAST(5 AS DOUBLE PRECISION), CAST(1 AS DOUBLE PRECISION), CAST(1 AS BIGINT)),
      ('c2', TIMESTAMP '2024-02-01 10:00', 'purchase', 'i2', NULL, 3, 1, 2),
      ('c1', TIMESTAMP '2024-03-01 10:00', 'purchase', 'i1', NULL, 2, 1, 3)) v(customer_id, "timestamp", event_type, item_id, category, amount, quantity, seq);
      DROP TABLE IF EXISTS bad; CREATE TABLE bad AS ${select}`);
    const g = eventStageSql({ dialect: 'postgres', inputTable: 'bad', prefix: 'bad_', seq });
    await expect(ca.query(g.sql)).rejects.toThrow(error);
  });
});
