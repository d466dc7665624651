// `clvlab ingest --format prepared-parquet` (issue 16 §4) through the real CLI: the script printed
// by `clvlab sql --parquet-dir` run in DuckDB writes the tables as Parquet; ingesting them gives a
// prepared dataset equal, array for array, to `clvlab ingest --format events` of the same event
// file (CDNOW sample, synthetic with 800 customers; Online Retail in sql-ingest-retail.test.ts),
// and `clvlab bench` with three baselines on the two stores writes byte-identical metrics.csv. Two
// shards' Parquet parts in one directory ingest to the same store as one run. Bad tables (one
// missing, a column missing or mistyped, NULLs, duplicate or lost events, tampered folds, parts of
// different runs) fail with one-line errors.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedDataset } from '@clvlab/sessions';
import { eventStageSql } from '../src/sql/generate-sql.ts';
import { PREPARED_TABLE_NAMES } from '../src/sql/prepared-tables.ts';
import { readPreparedParquet } from '../src/sql/read-prepared-parquet.ts';
import { runCli } from './run-cli.ts';
import { cdnowFixture, duckdbPerSuite, loadDuckDb, syntheticFixture, type SqlFixture } from './sql-fixtures.ts';
import { sqlStoresAndBench } from './sql-stores.ts';

describe('clvlab ingest --format prepared-parquet', () => {
  const db = duckdbPerSuite('clvlab-sql-ingest-');
  const dir = db.dir;

  const storesAndBench = (f: SqlFixture, window: string[]): Promise<void> =>
    sqlStoresAndBench(db.get(), dir, f, window);

  it("CDNOW sample: the SQL-prepared store equals the TypeScript one, and so does the bench's metrics.csv", async () => {
    await storesAndBench(await cdnowFixture(dir), ['--cutoff', '1997-10-01', '--horizon', '39w']);
  });

  it('synthetic (800 customers, default window): the same store and metrics.csv', async () => {
    await storesAndBench(await syntheticFixture(dir, 800), []);
  });

  describe('two shards and bad tables', () => {
    let f: SqlFixture;
    let good: string;
    let whole: Awaited<ReturnType<typeof readPreparedParquet>>;
    let multi = '',
      member = '',
      cohort = 0; // a customer with two or more events, a cohort customer, the cohort size
    beforeAll(async () => {
      f = await cdnowFixture(dir);
      good = join(dir, 'cdnow-good');
      mkdirSync(good, { recursive: true });
      await loadDuckDb(db.get(), f.csv, 'ev');
      const g = eventStageSql({ dialect: 'duckdb', inputTable: 'ev', seq: 'seq', dataset: 'cdnow', parquetDir: good });
      await db.get().run(g.sql);
      whole = await readPreparedParquet(good);
      const { log, offsets, split } = whole.prepared;
      multi = log.customerIds.find((_, c) => offsets[c + 1] - offsets[c] >= 2)!;
      member = log.customerIds[split.customers[0]];
      cohort = split.customers.length;
    });

    /** A copy of the good tables with `edit` (DuckDB statements over tables g_<name>) applied, written under a new directory. */
    const variant = async (name: string, edit: string): Promise<string> => {
      const out = join(dir, `bad-${name}`);
      for (const t of PREPARED_TABLE_NAMES)
        await db.get().run(`CREATE OR REPLACE TABLE g_${t} AS SELECT * FROM '${good}/${t}.parquet'`);
      if (edit) await db.get().run(edit.replaceAll('MULTI', multi).replaceAll('MEMBER', member));
      mkdirSync(out, { recursive: true });
      for (const t of PREPARED_TABLE_NAMES) {
        const exists = (
          await db.get().runAndReadAll(`SELECT COUNT(*) AS n FROM duckdb_tables() WHERE table_name = 'g_${t}'`)
        ).getRowObjectsJS()[0].n;
        if (Number(exists) > 0) await db.get().run(`COPY g_${t} TO '${out}/${t}.parquet' (FORMAT parquet)`);
      }
      return out;
    };
    const errorOf = async (path: string): Promise<string> => {
      try {
        await readPreparedParquet(path);
        return 'no error';
      } catch (err) {
        return (err as Error).message;
      }
    };

    it('the union of two shards (parts side by side) ingests to the same dataset as one run', async () => {
      const parts = join(dir, 'cdnow-shards');
      const attrs = whole.prepared.attributes;
      await db.get().run(`CREATE OR REPLACE TABLE ev_all AS SELECT * FROM ev`);
      for (const shard of [0, 1]) {
        await db
          .get()
          .run(
            `CREATE OR REPLACE TABLE ev_shard AS SELECT * FROM ev_all WHERE ${shard === 0 ? '' : 'NOT '}(hash(customer_id) % 2 = 0)`,
          );
        const g = eventStageSql({
          dialect: 'duckdb',
          inputTable: 'ev_shard',
          seq: 'seq',
          dataset: 'cdnow',
          prefix: `s${shard}_`,
          shard: true,
          cutoff: attrs.cutoff_ms,
          horizon: attrs.horizon_ms,
        });
        await db.get().run(g.sql);
        for (const t of PREPARED_TABLE_NAMES) {
          mkdirSync(join(parts, t), { recursive: true });
          await db.get().run(`COPY ${g.tables[t]} TO '${parts}/${t}/shard-${shard}.parquet' (FORMAT parquet)`);
        }
      }
      const union = await readPreparedParquet(parts);
      expect(union.files).toBe(2 * PREPARED_TABLE_NAMES.length);
      const strip = (p: PreparedDataset): PreparedDataset => ({
        ...p,
        attributes: { ...p.attributes, source_hash: '' },
      });
      expect(strip(union.prepared)).toEqual(strip(whole.prepared));
      expect(union.rfm).toEqual(whole.rfm);
    });

    it.each([
      [
        'a missing table',
        'DROP TABLE g_features',
        () => /no table 'features' \(expected features\.parquet, or features\/ holding Parquet parts/,
      ],
      ['a missing column', 'ALTER TABLE g_cohort DROP COLUMN fold', () => /cohort\.parquet: no column 'fold'/],
      [
        'a mistyped column',
        'ALTER TABLE g_events ALTER COLUMN t_ms TYPE DOUBLE',
        () => /events\.parquet: column 't_ms' is DOUBLE, expected an integer/,
      ],
      [
        'a NULL where none may be',
        "UPDATE g_events SET session = NULL WHERE customer_id = 'MULTI' AND k = 0",
        () => /events\.parquet: row \d+: column 'session' is NULL/,
      ],
      [
        'a duplicated event row',
        "INSERT INTO g_events SELECT * FROM g_events WHERE customer_id = 'MULTI' AND k = 0",
        () => new RegExp(`events: ${f.rows + 1} rows, but customers count ${f.rows} events`),
      ],
      [
        'two events at one (customer, k)',
        "UPDATE g_events SET k = 0 WHERE customer_id = 'MULTI' AND k = 1",
        () => new RegExp(`customer '${multi}' has two events at k = 0`),
      ],
      [
        'a lost event',
        "DELETE FROM g_events WHERE customer_id = 'MULTI' AND k = 0",
        () => new RegExp(`events: ${f.rows - 1} rows, but customers count ${f.rows} events`),
      ],
      [
        'events out of time order',
        "UPDATE g_events SET t_ms = t_ms - 86400000000 WHERE customer_id = 'MULTI' AND k = 1",
        () => new RegExp(`customer '${multi}' k = 1 is earlier than k = 0`),
      ],
      [
        'sessions that do not follow the gap',
        "UPDATE g_events SET session = session + 1 WHERE customer_id = 'MULTI'",
        () => new RegExp(`customer '${multi}' k = 0 has session 1, the gap of 1800000 ms gives 0`),
      ],
      [
        'a tampered fold',
        "UPDATE g_cohort SET fold = (fold + 1) % 3 WHERE customer_id = 'MEMBER'",
        () => new RegExp(`cohort: customer '${member}' has fold \\d, the hash gives \\d`),
      ],
      [
        'a features row outside the cohort',
        "INSERT INTO g_features SELECT * REPLACE ('nobody' AS customer_id) FROM g_features LIMIT 1",
        () => new RegExp(`features: ${cohort + 1} rows for a cohort of ${cohort}`),
      ],
      [
        'parts of different runs',
        'INSERT INTO g_meta SELECT * REPLACE (7 AS seed) FROM g_meta',
        () => /meta: the parts disagree on seed \(1 vs 7\)/,
      ],
      ['a cutoff outside the data', 'UPDATE g_meta SET cutoff_ms = 1e15', () => /cutoff .* is outside the data/],
    ])('%s', async (what, edit, error) => {
      expect(await errorOf(await variant(what.replace(/\W+/g, '-'), edit))).toMatch(error());
    });

    it('the CLI refuses a directory that is not one, options the SQL fixed, and reports bad tables in one line', async () => {
      const bad = await variant('cli-missing-column', 'ALTER TABLE g_cohort DROP COLUMN fold');
      const out = join(dir, 'never.zarr');
      for (const [args, error] of [
        [['--input', join(dir, 'nope')], /no such directory/],
        [
          ['--input', good, '--cutoff', '1997-10-01'],
          /--cutoff does not apply to --format prepared-parquet: the tables were prepared by clvlab sql/,
        ],
        [['--input', bad], /cohort\.parquet: no column 'fold'/],
      ] as const) {
        const r = await runCli(['ingest', '--format', 'prepared-parquet', ...args, '--out', out]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(error);
      }
    });
  });
});
