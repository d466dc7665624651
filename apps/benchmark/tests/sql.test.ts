// `clvlab sql` (issue 16 §3) on DuckDB (embedded): the generated SQL run on CDNOW (sample, the
// published window), the synthetic generator (its defaults, the default window) and
// UCI Online Retail (all of it, the published window) gives every prepared table equal to the
// TypeScript pipeline's arrays (sessions per event, dictionaries, sessions, cohort, hash and fold,
// labels, history columns, last-L events, meta; numbers compared with ===). Also: the hash's SQL
// arithmetic against hashUnit for ASCII, non-ASCII and astral ids; bad input failing with one-line
// errors; the Spark dialect kept in a golden file; the CLI.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashUnit } from '@clvlab/core';
import { DEFAULT_ENCODER_CONFIG } from '@clvlab/behavior-encoder';
import { eventStageSql } from '../src/sql/generate-sql.ts';
import { SQL_DIALECTS } from '../src/sql/sql-dialects.ts';
import { DEFAULT_SQL_OPTIONS } from '../src/sql/sql-options.ts';
import { foldCutPoints, hashSeedBasis } from '../src/sql/split-hash-sql.ts';
import { runCli } from './run-cli.ts';
import {
  cdnowFixture,
  compareWithTypeScript,
  duckdbPerSuite,
  duckTables,
  loadDuckDb,
  onlineRetailFixture,
  syntheticFixture,
  type SqlFixture,
} from './sql-fixtures.ts';

const GOLDEN = fileURLToPath(new URL('./sql-spark.golden.sql', import.meta.url));

/** The generated SQL's hash arithmetic, step for step, in BigInt (BIGINT semantics). */
function sqlHash(id: string, seed: number): number {
  const M = 4294967295n,
    P = 16777619n;
  const step = (h: bigint, c: bigint, m: bigint): bigint => ((h ^ c) * m) & M;
  let h = BigInt(hashSeedBasis(seed));
  for (const ch of id) {
    // code points, as SQL substr walks them
    const cp = BigInt(ch.codePointAt(0)!);
    const astral = cp > 65535n;
    h = step(h, astral ? 55296n + ((cp - 65536n) >> 10n) : cp, P);
    h = step(h, astral ? 56320n + ((cp - 65536n) & 1023n) : 0n, astral ? P : 1n);
  }
  const imul = (x: bigint, k: number): bigint =>
    (x * BigInt(k % 65536) + ((x * BigInt(Math.floor(k / 65536))) & 65535n) * 65536n) & M;
  h ^= h >> 16n;
  h = imul(h, 0x85ebca6b);
  h ^= h >> 13n;
  h = imul(h, 0xc2b2ae35);
  h ^= h >> 16n;
  return Number(h);
}

const ODD_IDS = [
  'a',
  '',
  'é',
  'naïve café',
  '日本語の顧客',
  '😀',
  'x😀y🎉z',
  'a b,c',
  '0001',
  'c'.repeat(64),
  '\u00ff\u0100\uffff',
];

describe('the split hash in SQL arithmetic', () => {
  it('equals hashUnit × 2^32 for ASCII, non-ASCII and astral ids and any seed', () => {
    for (const seed of [1, 2, 7, -3, 2 ** 31 + 5]) {
      for (const id of ODD_IDS) expect(sqlHash(id, seed), `${id} / ${seed}`).toBe(hashUnit(id, seed) * 4294967296);
      for (let i = 0; i < 300; i++) {
        const id = Array.from({ length: 1 + (i % 40) }, (_, j) =>
          String.fromCodePoint(32 + ((i * 7919 + j * 104729) % (i % 3 === 0 ? 95 : 0x1f000))),
        ).join('');
        if (/[\ud800-\udfff]/.test(id.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) continue; // lone surrogates are not text
        expect(sqlHash(id, seed), JSON.stringify(id)).toBe(hashUnit(id, seed) * 4294967296);
      }
    }
  });

  it('cuts folds where u = h / 2^32 crosses the fractions', () => {
    const [a, b] = foldCutPoints([0.6, 0.2, 0.2]);
    expect((a - 1) / 2 ** 32 < 0.6 && a / 2 ** 32 >= 0.6).toBe(true);
    expect((b - 1) / 2 ** 32 < 0.6 + 0.2 && b / 2 ** 32 >= 0.6 + 0.2).toBe(true);
    expect(DEFAULT_SQL_OPTIONS.lastEvents).toBe(DEFAULT_ENCODER_CONFIG.maxEvents);
  });
});

describe('the SQL event stage on DuckDB', () => {
  const db = duckdbPerSuite('clvlab-sql-duckdb-');
  const dir = db.dir;

  const equalOn = async (f: SqlFixture): Promise<void> => {
    await loadDuckDb(db.get(), f.csv, 'ev');
    const g = eventStageSql({ dialect: 'duckdb', inputTable: 'ev', ...f.sql });
    await db.get().run(g.sql);
    const tables = await duckTables(db.get(), g.tables);
    expect(tables.events).toHaveLength(f.rows); // nothing dropped
    expect(compareWithTypeScript(tables, f.prepared)).toEqual([]);
  };

  it('CDNOW sample: every table equals the TypeScript pipeline', async () => {
    const f = await cdnowFixture(dir);
    expect(f.prepared.attributes.cutoff).toBe('1997-10-01T00:00:00.000Z');
    await equalOn(f);
  });

  it('synthetic (the generator defaults: 10,000 customers; default window): every table equals the TypeScript pipeline', async () => {
    const f = await syntheticFixture(dir);
    expect(f.prepared.log.customerIds).toHaveLength(10_000);
    await equalOn(f);
  });

  it('Online Retail (399,659 events): every table equals the TypeScript pipeline', async () => {
    const f = await onlineRetailFixture(dir);
    expect(f.rows).toBe(399_659);
    await equalOn(f);
  });

  it('hashes non-ASCII and astral ids (and the empty-string-free rest) as hashUnit does', async () => {
    const ids = ODD_IDS.filter((id) => id !== '');
    await db.get()
      .run(`CREATE OR REPLACE TABLE odd AS SELECT * FROM (VALUES ${ids.map((id, i) => `('${id}', TIMESTAMP '2024-01-01' + INTERVAL ${i} DAY, 'purchase', CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), 1.0, 1.0)`).join(', ')}) v(customer_id, timestamp, event_type, item_id, category, amount, quantity)
      UNION ALL SELECT 'a', TIMESTAMP '2024-03-01', 'purchase', NULL, NULL, 1.0, 1.0`);
    for (const seed of [1, 5]) {
      const g = eventStageSql({ dialect: 'duckdb', inputTable: 'odd', seed, cutoff: Date.UTC(2024, 1, 1) });
      await db.get().run(g.sql);
      const rows = (await db.get().runAndReadAll(`SELECT customer_id, hash FROM ${g.tables.cohort}`)).getRowObjectsJS();
      expect(rows).toHaveLength(ids.length);
      for (const r of rows)
        expect(Number(r.hash), String(r.customer_id)).toBe(hashUnit(String(r.customer_id), seed) * 4294967296);
    }
  });

  describe('bad input fails with a one-line error, nothing silently dropped', () => {
    const base =
      "SELECT 'c1' AS customer_id, TIMESTAMP '2024-01-01 10:00:00' AS timestamp, 'purchase' AS event_type, 'i1' AS item_id, CAST(NULL AS VARCHAR) AS category, 5.0::DOUBLE AS amount, 1.0::DOUBLE AS quantity, 1::BIGINT AS seq";
    const more =
      "SELECT 'c2', TIMESTAMP '2024-02-01 10:00:00', 'purchase', 'i2', NULL, 3.0, 1.0, 2 UNION ALL SELECT 'c1', TIMESTAMP '2024-03-01 10:00:00', 'purchase', 'i1', NULL, 2.0, 1.0, 3";
    const run = async (table: string, options: Record<string, unknown> = {}): Promise<string> => {
      await db.get().run(`CREATE OR REPLACE TABLE bad AS ${table}`);
      const g = eventStageSql({ dialect: 'duckdb', inputTable: 'bad', seq: 'seq', ...options });
      try {
        await db.get().run(g.sql);
        return 'no error';
      } catch (err) {
        return (err as Error).message.split('\n')[0];
      }
    };
    it.each([
      [
        'a missing column',
        `SELECT customer_id, timestamp, event_type, item_id, category, amount, seq FROM (${base} UNION ALL ${more})`,
        {},
        /"quantity" not found/,
      ],
      [
        'a timestamp as text',
        `SELECT customer_id, CAST(timestamp AS VARCHAR) AS timestamp, event_type, item_id, category, amount, quantity, seq FROM (${base} UNION ALL ${more})`,
        {},
        /column timestamp of bad has type varchar, expected a TIMESTAMP/,
      ],
      [
        'an amount as text',
        `SELECT customer_id, timestamp, event_type, item_id, category, CAST(amount AS VARCHAR) AS amount, quantity, seq FROM (${base} UNION ALL ${more})`,
        {},
        /column amount of bad has type varchar, expected a numeric type/,
      ],
      [
        'a non-integer seq',
        `SELECT customer_id, timestamp, event_type, item_id, category, amount, quantity, CAST(seq AS DOUBLE) AS seq FROM (${base} UNION ALL ${more})`,
        {},
        /column seq of bad has type double, expected an integer type/,
      ],
      [
        'duplicate (customer, time) rows without --seq',
        `${base} UNION ALL ${base} UNION ALL ${more}`,
        { seq: null },
        /1 \(customer_id, timestamp\) pairs of bad occur in more than one row \(e\.g\. customer "c1"\): give --seq COLUMN/,
      ],
      [
        'a repeated seq',
        `${base} UNION ALL ${base} UNION ALL ${more}`,
        {},
        /the --seq column seq is not unique: 1 rows repeat a value/,
      ],
      [
        'an unknown event type',
        `${base} UNION ALL ${more} UNION ALL SELECT 'c3', TIMESTAMP '2024-01-05', 'bought', NULL, NULL, 1.0, 1.0, 9`,
        {},
        /1 rows of bad have an event_type that is not view, cart, purchase, return, other or a synonym \(e\.g\. "bought"\)/,
      ],
      [
        'a row without a customer',
        `${base} UNION ALL ${more} UNION ALL SELECT NULL, TIMESTAMP '2024-01-05', 'view', NULL, NULL, NULL, NULL, 9`,
        {},
        /1 rows of bad have no customer_id/,
      ],
      [
        'a row without a timestamp',
        `${base} UNION ALL ${more} UNION ALL SELECT 'c3', NULL, 'view', NULL, NULL, NULL, NULL, 9`,
        {},
        /1 rows of bad have no timestamp/,
      ],
      [
        'a NaN amount',
        `${base} UNION ALL ${more} UNION ALL SELECT 'c3', TIMESTAMP '2024-01-05', 'purchase', NULL, NULL, 'NaN'::DOUBLE, 1.0, 9`,
        {},
        /1 rows of bad have a non-finite amount/,
      ],
      ['an empty table', `${base} LIMIT 0`, {}, /the event table bad has no rows/],
      [
        'a cutoff after the data',
        `${base} UNION ALL ${more}`,
        { cutoff: Date.UTC(2025, 0, 1) },
        /cutoff 1735689600000.* ms is outside the data/,
      ],
      [
        'a holdout past the data',
        `${base} UNION ALL ${more}`,
        { cutoff: Date.UTC(2024, 1, 15), horizon: 60 * 86_400_000 },
        /ends after the data .*labels would be truncated/,
      ],
      [
        'an id longer than --max-id-length',
        `${base} UNION ALL ${more}`,
        { maxIdLength: 1 },
        /the longest customer_id has 2 characters, more than --max-id-length 1/,
      ],
    ])('%s', async (_what, table, options, error) => {
      expect(await run(table, options)).toMatch(error);
    });
  });
});

describe('dialects', () => {
  const options = {
    inputTable: 'lake.events',
    seq: 'seq',
    cutoff: Date.UTC(1997, 9, 1),
    horizon: 39 * 7 * 86_400_000,
    dataset: 'cdnow',
    parquetDir: '/data/clvlab/prepared',
  } as const;

  it('Spark SQL: the generated script equals the golden file (UPDATE_SQL_GOLDEN=1 rewrites it)', () => {
    const sql = eventStageSql({ ...options, dialect: 'spark' }).sql;
    if (process.env.UPDATE_SQL_GOLDEN === '1') writeFileSync(GOLDEN, sql);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_SQL_GOLDEN=1 and review it`).toBe(true);
    expect(sql).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('each script uses only its own dialect entries', () => {
    const marks = {
      duckdb: ['xor(', 'epoch_ms(', 'THEN error(', 'CREATE OR REPLACE TEMP TABLE', '(FORMAT parquet)'],
      postgres: [' # ', 'EXTRACT(EPOCH', 'pg_temp.clvlab_fail(', 'DOUBLE PRECISION', 'pg_typeof('],
      spark: [
        'shiftright(',
        'unix_millis(',
        'raise_error(',
        'CACHE TABLE',
        'collect_list(',
        'INSERT OVERWRITE DIRECTORY',
        ' STRING)',
      ],
    } as const;
    for (const dialect of Object.keys(SQL_DIALECTS) as (keyof typeof marks)[]) {
      const sql = eventStageSql({
        ...options,
        dialect,
        parquetDir: dialect === 'postgres' ? null : options.parquetDir,
      }).sql;
      for (const [other, tokens] of Object.entries(marks)) {
        for (const token of tokens)
          expect(sql.includes(token), `${dialect} script and ${other}'s ${token}`).toBe(other === dialect);
      }
    }
  });
});

describe('clvlab sql (CLI)', () => {
  it('prints the script, the same as the library generates', async () => {
    const r = await runCli([
      'sql',
      '--dialect',
      'postgres',
      '--input-table',
      'events',
      '--seq',
      'seq',
      '--cutoff',
      '1997-10-01',
      '--horizon',
      '39w',
      '--seed',
      '3',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      eventStageSql({
        dialect: 'postgres',
        inputTable: 'events',
        seq: 'seq',
        cutoff: Date.UTC(1997, 9, 1),
        horizon: 39 * 7 * 86_400_000,
        seed: 3,
      }).sql,
    );
  });

  it.each([
    [
      ['sql', '--dialect', 'oracle', '--input-table', 'e'],
      /^clvlab sql: --dialect: expected one of duckdb, postgres, spark, got 'oracle'$/,
    ],
    [['sql', '--dialect', 'duckdb'], /^clvlab sql: --input-table T is required/],
    [
      ['sql', '--dialect', 'duckdb', '--input-table', 'e; DROP TABLE x'],
      /^clvlab sql: benchmark\/sql: input table must be a name such as events or db\.events/,
    ],
    [
      ['sql', '--dialect', 'postgres', '--input-table', 'e', '--parquet-dir', '/tmp/x'],
      /^clvlab sql: benchmark\/sql: PostgreSQL cannot write Parquet/,
    ],
    [
      ['sql', '--dialect', 'duckdb', '--input-table', 'e', '--map', 'customer=user'],
      /^clvlab sql: benchmark\/sql: unknown --map column 'customer'/,
    ],
    [
      ['sql', '--dialect', 'duckdb', '--input-table', 'e', '--shard', '--cutoff', '2024-01-01'],
      /^clvlab sql: benchmark\/sql: a shard needs --cutoff and --horizon/,
    ],
  ])('%j fails in one line', async (args, error) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(error);
  });
});
