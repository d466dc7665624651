// One prepared table from Parquet (issue 16 §4): `<dir>/<table>.parquet` (DuckDB's COPY) or every
// `*.parquet` part in `<dir>/<table>/` (Spark's INSERT OVERWRITE DIRECTORY, or one file per shard),
// parts concatenated in name order. Columns are checked against the table contract
// (prepared-tables.ts) by name and physical type, NULLs in non-nullable columns are errors naming
// file, row and column, and every value is returned as a plain array (bigint → number, exact up to
// 2^53). Read with hyparquet, the Parquet decoder @clvlab/events already uses for event files.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import type { TableColumn } from './prepared-tables.ts';

export interface ParquetTable {
  readonly files: readonly string[];
  readonly rows: number;
  /** Values per column, by contract column name. */
  readonly columns: Readonly<Record<string, readonly (string | number | null)[]>>;
}

const PHYSICAL: Readonly<Record<TableColumn['type'], readonly string[]>> = Object.freeze({
  text: ['BYTE_ARRAY'],
  bigint: ['INT64', 'INT32'],
  double: ['DOUBLE', 'FLOAT'],
});

/** The Parquet files of `table` under `dir` (a file, or a directory of parts); [] when there is none. */
export function tableFiles(dir: string, table: string): string[] {
  const file = join(dir, `${table}.parquet`);
  if (existsSync(file) && statSync(file).isFile()) return [file];
  const parts = join(dir, table);
  if (!existsSync(parts) || !statSync(parts).isDirectory()) return [];
  return readdirSync(parts)
    .filter((f) => f.endsWith('.parquet') && !f.startsWith('.') && !f.startsWith('_'))
    .sort()
    .map((f) => join(parts, f));
}

/** Reads `table` under `dir` with the contract columns `spec`; throws one-line errors. */
export async function readParquetTable(
  dir: string,
  table: string,
  spec: readonly TableColumn[],
): Promise<ParquetTable> {
  const files = tableFiles(dir, table);
  if (files.length === 0) {
    throw new Error(
      `benchmark/sql: ${dir}: no table '${table}' (expected ${table}.parquet, or ${table}/ holding Parquet parts, as clvlab sql --parquet-dir writes)`,
    );
  }
  const columns: Record<string, (string | number | null)[]> = Object.fromEntries(spec.map((c) => [c.name, []]));
  let rows = 0;
  for (const path of files) {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const leaves = metadata.schema.slice(1).filter((el) => !el.num_children);
    for (const c of spec) {
      const el = leaves.find((l) => l.name === c.name);
      if (el === undefined)
        throw new Error(
          `benchmark/sql: ${path}: no column '${c.name}' (${table} needs ${spec.map((s) => s.name).join(', ')})`,
        );
      const timeLike =
        el.logical_type?.type === 'TIMESTAMP' ||
        el.logical_type?.type === 'DATE' ||
        /^(TIMESTAMP|DATE|TIME)/.test(el.converted_type ?? '');
      if (!PHYSICAL[c.type].includes(el.type ?? '') || (c.type === 'bigint' && timeLike)) {
        throw new Error(
          `benchmark/sql: ${path}: column '${c.name}' is ${el.type ?? 'a group'}${timeLike ? ` (${el.logical_type?.type ?? el.converted_type})` : ''}, expected ${c.type === 'text' ? 'a string' : c.type === 'bigint' ? 'an integer' : 'a double'}`,
        );
      }
    }
    let data: unknown[][] = [];
    await parquetRead({
      file,
      metadata,
      columns: spec.map((c) => c.name),
      rowFormat: 'array',
      onComplete: (r) => {
        data = r;
      },
    });
    spec.forEach((c, j) => {
      const out = columns[c.name];
      for (let r = 0; r < data.length; r++) {
        const v = data[r][j];
        if (v === null || v === undefined) {
          if (!c.nullable)
            throw new Error(`benchmark/sql: ${path}: row ${r + 1}: column '${c.name}' is NULL (${c.meaning})`);
          out.push(null);
        } else if (c.type === 'text') {
          out.push(String(v));
        } else {
          const n = Number(v);
          if (typeof v === 'bigint' && !Number.isSafeInteger(n))
            throw new Error(`benchmark/sql: ${path}: row ${r + 1}: column '${c.name}' = ${v} is beyond 2^53`);
          out.push(n);
        }
      }
    });
    rows += data.length;
  }
  return { files, rows, columns };
}
