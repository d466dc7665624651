// Test helper for `clvlab ingest --format prepared-parquet`: through the real CLI, `clvlab sql
// --parquet-dir` run in DuckDB, the two ingests of one event file (format events, and the SQL's
// Parquet tables), the stores compared array for array, then `clvlab bench` with three baselines on
// each store and the two metrics.csv compared byte for byte.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import { type PreparedDataset } from '@clvlab/sessions';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { runCli } from './run-cli.ts';
import { loadDuckDb, type SqlFixture } from './sql-fixtures.ts';

export const BENCH_MODELS = 'historical-rate,rfm-segment,bgnbd-gg';

/** The prepared dataset's own attributes: all but the source hash (a CSV's vs the Parquet tables') and the reader's accounting. */
const ATTRIBUTES = [
  'kind',
  'dataset',
  'clvlab_version',
  'value_target',
  'protocol',
  'start',
  'cutoff',
  'horizon',
  'gap',
  'start_ms',
  'cutoff_ms',
  'horizon_ms',
  'gap_ms',
  'seed',
  'fractions',
  'events',
  'customers',
  'sessions',
  'cohort',
];

/** Every array and those attributes of two stores. */
export function expectSameStore(a: PreparedDataset, b: PreparedDataset): void {
  const pick = (p: PreparedDataset): Record<string, unknown> =>
    Object.fromEntries(ATTRIBUTES.map((k) => [k, (p.attributes as unknown as Record<string, unknown>)[k]]));
  expect(pick(b)).toEqual(pick(a));
  for (const k of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const)
    expect(b.log[k], `events/${k}`).toEqual(a.log[k]);
  for (const k of ['customerIds', 'itemIds', 'categoryIds', 'valueTarget'] as const)
    expect(b.log[k], k).toEqual(a.log[k]);
  expect(b.session).toEqual(a.session);
  expect(b.offsets).toEqual(a.offsets);
  for (const k of ['protocol', 'start', 'cutoff', 'horizon', 'customers', 'fold'] as const)
    expect(b.split[k], `split.${k}`).toEqual(a.split[k]);
  for (const w of ['score', 'fit'] as const) expect(b.split[w], w).toEqual(a.split[w]);
  expect(b.rfm?.names).toEqual(a.rfm?.names);
  expect(b.rfm?.columns).toEqual(a.rfm?.columns);
}

/** `clvlab sql` (CLI) → DuckDB → Parquet under `<dir>/<name>-tables`; returns that directory. */
export async function sqlToParquet(
  conn: DuckDBConnection,
  dir: string,
  f: SqlFixture,
  name: string,
  extra: readonly string[] = [],
): Promise<string> {
  const out = join(dir, `${name}-tables`);
  mkdirSync(out, { recursive: true }); // DuckDB's COPY does not create directories
  await loadDuckDb(conn, f.csv, 'ev');
  const r = await runCli([
    'sql',
    '--dialect',
    'duckdb',
    '--input-table',
    'ev',
    '--seq',
    'seq',
    '--parquet-dir',
    out,
    ...extra,
  ]);
  expect(r.code, r.stderr).toBe(0);
  await conn.run(r.stdout);
  return out;
}

/** Both stores through the CLI, compared; then the bench on both, metrics.csv compared. `window`: the same options for both. */
export async function sqlStoresAndBench(
  conn: DuckDBConnection,
  dir: string,
  f: SqlFixture,
  window: readonly string[],
): Promise<void> {
  const tables = await sqlToParquet(conn, dir, f, f.name, window);
  const ts = join(dir, `${f.name}-ts.zarr`),
    viaSql = join(dir, `${f.name}-sql.zarr`);
  const [a, b] = await Promise.all([
    runCli(['ingest', '--format', 'events', '--input', f.csv, ...window, '--out', ts, '--json']),
    runCli(['ingest', '--format', 'prepared-parquet', '--input', tables, '--out', viaSql, '--json']),
  ]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  const ja = JSON.parse(a.stdout) as Record<string, unknown>,
    jb = JSON.parse(b.stdout) as Record<string, unknown>;
  for (const k of [
    'events',
    'customers',
    'purchases',
    'sessions',
    'cohort',
    'value_target',
    'cutoff',
    'horizon',
    'gap',
    'protocol',
  ])
    expect(jb[k], k).toEqual(ja[k]);
  expectSameStore(await readPreparedDataset(ts), await readPreparedDataset(viaSql));

  const runA = join(dir, `${f.name}-bench-ts`),
    runB = join(dir, `${f.name}-bench-sql`);
  const [ba, bb] = await Promise.all([
    runCli([
      'bench',
      '--dataset',
      ts,
      '--models',
      BENCH_MODELS,
      '--seeds',
      '1',
      '--workers',
      '1',
      '--out',
      runA,
      '--json',
    ]),
    runCli([
      'bench',
      '--dataset',
      viaSql,
      '--models',
      BENCH_MODELS,
      '--seeds',
      '1',
      '--workers',
      '1',
      '--out',
      runB,
      '--json',
    ]),
  ]);
  expect(ba.code, ba.stderr).toBe(0);
  expect(bb.code, bb.stderr).toBe(0);
  const metrics = readFileSync(join(runA, 'metrics.csv'), 'utf8');
  expect(metrics.trim().split('\n').length).toBe(1 + 2 * BENCH_MODELS.split(',').length); // header + (seed 1, mean) per model
  expect(readFileSync(join(runB, 'metrics.csv'), 'utf8')).toBe(metrics);
}
