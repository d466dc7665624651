// Customer attributes for the `+cov` models (issue 15 §7): a CSV with one row per customer, the
// customer id in the first column (any name: `customer_id`, CLVTools' `Id`) and one column per
// attribute (apparelStaticCov.csv: Id,Gender,Channel). Read through @clvlab/events' Tokenizer
// (RFC 4180 quoting, BOM, CRLF, blank lines; `.gz` allowed). A column whose every cell is a
// finite number is numeric; any other column, and every column named in `categorical`, is
// categorical and becomes k − 1 dummies `column.level` against its first level in sorted order
// (baselines' covariateMatrix, CLVTools' convention), levels taken over the cohort. Attributes are
// static, so they are known at any cutoff: one table serves both label windows.
// Joined to the cohort in split order (the order of the BTYD histories) by covariateMatrix; a
// cohort customer missing from the file, a duplicated id, a constant column, a bad cell or a
// row with the wrong number of fields is a one-line error naming the file (and line).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { covariateMatrix, type CovariateTable } from '@clvlab/baselines';
import { Tokenizer, type RowView } from '@clvlab/events';
import type { CustomerAttributeTable, Split } from '@clvlab/sessions';

/** A parsed attribute file: the table covariateMatrix joins, and what the record says about it. */
export interface CustomerAttributeFile {
  readonly path: string;
  readonly sha256: string;
  /** Header name of the id column (the first). */
  readonly idColumn: string;
  /** Attribute columns in file order, and which of them are categorical. */
  readonly columns: readonly string[];
  readonly categorical: readonly string[];
  readonly rows: number;
  readonly table: CovariateTable;
}

const decoder = new TextDecoder('utf-8');
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Field k of a tokenized row as text (doubled quotes undone). */
function field(row: RowView, k: number): string {
  const text = decoder.decode(row.buf.subarray(row.start[k], row.end[k]));
  return row.quoted[k] === 2 ? text.replaceAll('""', '"') : text;
}

/** Reads the attribute file at `path`; `categorical` forces columns with numeric codes to be categorical. */
export function readCustomerAttributes(path: string, categorical: readonly string[] = []): CustomerAttributeFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new Error(`${path}: no such file (customer attributes)`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  let header: string[] | undefined;
  const ids: string[] = [],
    cells: string[][] = [],
    lines: number[] = [];
  const tokenizer = new Tokenizer('comma', (row) => {
    const at = (k: number): number => row.start[k] - row.lineStart + 1;
    if (!header) {
      header = Array.from({ length: row.count }, (_, k) => field(row, k).trim());
      if (header.length < 2)
        throw new Error(
          `${path}:${row.line}:1: expected a header customer_id,<attribute>,… with at least one attribute column, got '${header.join(',')}'`,
        );
      header.forEach((name, k) => {
        if (name === '') throw new Error(`${path}:${row.line}:${at(k)}: expected a column name, got an empty one`);
        if (header!.indexOf(name) !== k)
          throw new Error(`${path}:${row.line}:${at(k)}: column '${name}' appears twice`);
      });
      return;
    }
    if (row.count !== header.length)
      throw new Error(
        `${path}:${row.line}:1: expected ${header.length} comma-separated fields (${header.join(',')}), got ${row.count}`,
      );
    for (let k = 0; k < row.count; k++) {
      if (row.quoted[k] === 3)
        throw new Error(`${path}:${row.line}:${at(k)}: malformed quoting in column '${header[k]}'`);
      if (field(row, k).trim() === '')
        throw new Error(
          `${path}:${row.line}:${at(k)}: expected a value for column '${header[k]}', got an empty cell (missing attributes are not supported)`,
        );
    }
    ids.push(field(row, 0).trim());
    cells.push(Array.from({ length: row.count - 1 }, (_, k) => field(row, k + 1).trim()));
    lines.push(row.line);
  });
  tokenizer.feed(bytes);
  tokenizer.end();
  if (!header) throw new Error(`${path}: empty file (expected a header customer_id,<attribute>,…)`);
  if (ids.length === 0) throw new Error(`${path}: no customer rows after the header`);
  const seen = new Map<string, number>();
  ids.forEach((id, r) => {
    const first = seen.get(id);
    if (first !== undefined)
      throw new Error(`${path}:${lines[r]}:1: duplicate customer id '${id}' (first on line ${first})`);
    seen.set(id, lines[r]);
  });
  const columns = header.slice(1);
  for (const c of categorical)
    if (!columns.includes(c))
      throw new Error(
        `${path}: --categorical column '${c}' is not an attribute column (the file has ${columns.join(', ')})`,
      );
  const forced = new Set(categorical);
  const kinds = columns.map((c, j) =>
    forced.has(c) || cells.some((row) => !NUMBER.test(row[j])) ? 'categorical' : 'numeric',
  );
  const table: CovariateTable = {
    ids,
    columns: Object.fromEntries(
      columns.map((c, j) => [
        c,
        kinds[j] === 'numeric' ? Float64Array.from(cells, (row) => Number(row[j])) : cells.map((row) => row[j]),
      ]),
    ),
  };
  return Object.freeze({
    path,
    sha256,
    idColumn: header[0],
    columns: Object.freeze(columns),
    categorical: Object.freeze(columns.filter((_, j) => kinds[j] === 'categorical')),
    rows: ids.length,
    table,
  });
}

/**
 * The attribute file joined to the cohort (rows follow split.customers) as the covariates of the
 * `+cov` models, with its `source` facts: file, sha256, rows, cohort coverage and, per categorical
 * column, its levels, reference level and dummy names.
 */
export function customerCovariates(
  file: CustomerAttributeFile,
  customerIds: readonly string[],
  split: Pick<Split, 'customers'>,
): CustomerAttributeTable {
  const cohortIds = Array.from(split.customers, (c) => customerIds[c]);
  let m;
  try {
    m = covariateMatrix(cohortIds, file.table, { columns: file.columns, categorical: file.categorical });
  } catch (err) {
    throw new Error(`${file.path}: ${(err as Error).message.replace(/^baselines\/covariateMatrix: /, '')}`);
  }
  const k = m.names.length;
  const columns = m.names.map((_, j) => Float64Array.from({ length: m.customers }, (_, i) => m.values[i * k + j]));
  const inCohort = new Set(cohortIds);
  const coding = Object.fromEntries(
    file.categorical.map((c) => {
      const labels = file.table.columns[c] as readonly string[];
      const row = new Map(file.table.ids.map((id, r) => [id, r]));
      const levels = [...new Set(cohortIds.map((id) => labels[row.get(id)!]))].sort();
      return [c, { levels, reference: levels[0], dummies: levels.slice(1).map((l) => `${c}.${l}`) }];
    }),
  );
  return Object.freeze({
    names: Object.freeze([...m.names]),
    columns: Object.freeze(columns),
    source: Object.freeze({
      file: basename(file.path),
      sha256: file.sha256,
      id_column: file.idColumn,
      rows: file.rows,
      rows_not_in_cohort: file.table.ids.filter((id) => !inCohort.has(id)).length,
      attributes: [...file.columns],
      numeric: file.columns.filter((c) => !file.categorical.includes(c)),
      categorical: coding,
    }),
  });
}
