// The summary files of `clvlab btyd`: small headed CSVs of numbers (lifetimes'
// cdnow_customers_summary.csv, donations.csv, a survival table). Columns are found by header
// name; every bad cell, short row or missing column is a one-line CliError `file:line:col:
// expected …`, and each kept row remembers its file line, so a fitter's `row i` error can be
// reported at the line it came from.
import { readFileSync } from 'node:fs';
import { asCliError } from '../cli-input.ts';
import { CliError } from '../command.ts';

export interface NumericCsv {
  /** Header names as written (trimmed). */
  readonly header: readonly string[];
  /** The requested columns present in the file, by the name asked for. */
  readonly columns: Readonly<Record<string, number[]>>;
  /** File line (1-based) of each data row. */
  readonly lines: readonly number[];
}

/**
 * Reads `path`: every `required` column must be in the header (else `expectHeader` is shown as
 * what was expected); of each `optional` group of synonyms the first present is read under the
 * group's first name. `extra` names further columns to read by their position in the header.
 */
export function readNumericCsv(
  path: string,
  required: readonly string[],
  expectHeader: string,
  optional: readonly (readonly string[])[] = [],
  extra: readonly string[] = [],
): NumericCsv {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw asCliError(err);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  for (const name of required) {
    if (!header.includes(name))
      throw new CliError(`${path}:1:1: expected a header with columns ${expectHeader} (got '${lines[0] ?? ''}')`);
  }
  const wanted: [string, number][] = required.map((name) => [name, header.indexOf(name)]);
  for (const group of optional) {
    const at = group.map((g) => header.indexOf(g)).find((k) => k >= 0);
    if (at !== undefined) wanted.push([group[0], at]);
  }
  for (const name of extra)
    if (!wanted.some(([, k]) => k === header.indexOf(name))) wanted.push([name, header.indexOf(name)]);
  const columns: Record<string, number[]> = Object.fromEntries(wanted.map(([name]) => [name, []]));
  const rows: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    if (cells.length !== header.length)
      throw new CliError(`${path}:${i + 1}:1: expected ${header.length} columns, got ${cells.length}`);
    for (const [name, c] of wanted) {
      const v = Number(cells[c]);
      if (cells[c].trim() === '' || !Number.isFinite(v)) {
        const at = cells.slice(0, c).reduce((s, x) => s + x.length + 1, 1);
        throw new CliError(`${path}:${i + 1}:${at}: expected a number for ${header[c]}, got '${cells[c]}'`);
      }
      columns[name].push(v);
    }
    rows.push(i + 1);
  }
  return { header, columns, lines: rows };
}
