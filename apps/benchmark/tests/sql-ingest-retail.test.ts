// `clvlab ingest --format prepared-parquet` on UCI Online Retail (a quarter of the customers, by a
// hash of the id; its own file to keep each test file near a minute on two busy cores): the store
// from the SQL tables equals `clvlab ingest --format events` of the same event file, and `clvlab
// bench` gives the same metrics.csv on both (sql-stores.ts).
import { describe, it } from 'vitest';
import { duckdbPerSuite, onlineRetailFixture } from './sql-fixtures.ts';
import { sqlStoresAndBench } from './sql-stores.ts';

describe('clvlab ingest --format prepared-parquet on Online Retail', () => {
  const db = duckdbPerSuite('clvlab-sql-retail-');
  const dir = db.dir;

  it('a quarter of the customers: the same store and metrics.csv as the TypeScript ingest', async () => {
    await sqlStoresAndBench(db.get(), dir, await onlineRetailFixture(dir, 0.25), ['--cutoff', '2011-09-01']);
  });
});
