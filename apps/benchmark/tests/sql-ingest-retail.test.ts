// `clvlab ingest --format prepared-parquet` on UCI Online Retail (a quarter of the customers, by a
// hash of the id; its own file to keep each test file near a minute on two busy cores): the store
// from the SQL tables equals `clvlab ingest --format events` of the same event file, and `clvlab
// bench` gives the same metrics.csv on both (sql-stores.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { onlineRetailFixture } from './sql-fixtures.ts';
import { sqlStoresAndBench } from './sql-stores.ts';

describe('clvlab ingest --format prepared-parquet on Online Retail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-sql-retail-'));
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  afterAll(() => { conn?.closeSync(); instance?.closeSync(); rmSync(dir, { recursive: true, force: true }); });

  it('a quarter of the customers: the same store and metrics.csv as the TypeScript ingest', async () => {
    await sqlStoresAndBench(conn, dir, await onlineRetailFixture(dir, 0.25), ['--cutoff', '2011-09-01']);
  });
});
