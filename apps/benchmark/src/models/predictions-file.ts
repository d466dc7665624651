// Bring your own predictions (issue 13 §2): `bench --predictions NAME=FILE.csv` scores a file of
// `customer_id,predicted_value[,repurchase_score][,seed]` as model NAME, on clvlab's own split
// (`clvlab split` wrote it), with the same metrics, intervals, paired comparisons and report rows
// as a built-in model. Nothing is trained: the runner builds the cell straight from the file.
// Rules, checked before any cell runs (one-line errors `FILE:LINE: …`):
//   - with a `seed` column, the rows of seed s must be exactly the test customers of seed s;
//   - without one, the rows apply to every seed and must cover each seed's test customers; a row
//     for a customer in no seed's test fold is an error (the file is for test customers only);
//   - unknown customers, duplicates, NaN, infinite or negative values are errors;
//   - repurchase_score defaults to predicted_value (AUC then ranks by value).
// Valid-fold scores of such a row are meaningless (the file has no valid customers), so it is
// never a candidate for the best baseline or the primary comparison (family 'external').
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Fold } from '@clvlab/sessions';

/** A bad predictions file or row: its message is the whole one-line reason (`FILE:LINE:COL: …`). */
export class PredictionsError extends Error {
  override readonly name = 'PredictionsError';
}

export interface PredictionsFile {
  readonly name: string;
  readonly path: string;
  readonly sha256: string;
  /** Rows: customer id, value, repurchase score, seed (0 = every seed), line number. */
  readonly rows: readonly {
    readonly id: string;
    readonly value: number;
    readonly repurchase: number;
    readonly seed: number;
    readonly line: number;
  }[];
  readonly seeded: boolean;
}

/** Parses `NAME=FILE` and the file (header, numbers, duplicates); dataset checks come in predictionsFor. */
export function readPredictionsFile(spec: string): PredictionsFile {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1)
    throw new PredictionsError(`--predictions: expected NAME=FILE.csv, got '${spec}'`);
  const name = spec.slice(0, eq),
    file = spec.slice(eq + 1);
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name))
    throw new PredictionsError(`--predictions: model name '${name}' must be letters, digits, '.', '_' or '-'`);
  const path = resolve(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new PredictionsError(`${file}: no such file`);
  }
  const lines = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const col = (h: string): number => header.indexOf(h);
  for (const required of ['customer_id', 'predicted_value']) {
    if (col(required) < 0)
      throw new PredictionsError(
        `${file}:1:1: expected a header with customer_id,predicted_value[,repurchase_score][,seed], got '${lines[0] ?? ''}'`,
      );
  }
  const unknown = header.filter((h) => !['customer_id', 'predicted_value', 'repurchase_score', 'seed'].includes(h));
  if (unknown.length > 0)
    throw new PredictionsError(
      `${file}:1:1: unexpected column '${unknown[0]}' (expected customer_id,predicted_value[,repurchase_score][,seed])`,
    );
  const iId = col('customer_id'),
    iValue = col('predicted_value'),
    iRep = col('repurchase_score'),
    iSeed = col('seed');
  const rows: PredictionsFile['rows'][number][] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    const line = i + 1;
    if (cells.length !== header.length)
      throw new PredictionsError(`${file}:${line}:1: expected ${header.length} columns, got ${cells.length}`);
    const at = (c: number): number => cells.slice(0, c).reduce((s, x) => s + x.length + 1, 1);
    const num = (c: number, what: string, integer = false): number => {
      const text = cells[c].trim(),
        v = Number(text);
      if (text === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
        throw new PredictionsError(
          `${file}:${line}:${at(c)}: expected ${integer ? 'an integer' : 'a finite number'} for ${what}, got '${cells[c]}'`,
        );
      if (v < 0 || (integer && v < 1))
        throw new PredictionsError(
          `${file}:${line}:${at(c)}: expected ${integer ? 'a seed ≥ 1' : `${what} ≥ 0`}, got ${v}`,
        );
      return v;
    };
    const id = cells[iId].trim();
    if (id === '') throw new PredictionsError(`${file}:${line}:${at(iId)}: expected a customer_id, got an empty cell`);
    const value = num(iValue, 'predicted_value');
    const repurchase = iRep >= 0 ? num(iRep, 'repurchase_score') : value;
    const seed = iSeed >= 0 ? num(iSeed, 'seed', true) : 0;
    const key = `${seed}\u0000${id}`;
    const first = seen.get(key);
    if (first !== undefined)
      throw new PredictionsError(
        `${file}:${line}:${at(iId)}: duplicate customer '${id}'${seed ? ` for seed ${seed}` : ''} (first on line ${first})`,
      );
    seen.set(key, line);
    rows.push({ id, value, repurchase, seed, line });
  }
  if (rows.length === 0) throw new PredictionsError(`${file}: no prediction rows`);
  return Object.freeze({
    name,
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    rows,
    seeded: iSeed >= 0,
  });
}

/**
 * The cohort-aligned value and repurchase arrays of a file for one seed's folds (test rows from
 * the file, every other row 0); throws `FILE:LINE: …` for an unknown, non-test or missing customer.
 */
export function predictionsFor(
  p: PredictionsFile,
  customerIds: readonly string[],
  cohort: Int32Array,
  folds: readonly Uint8Array[],
  seed: number,
): { value: Float64Array; repurchase: Float64Array } {
  const rowOf = new Map<string, number>();
  for (let r = 0; r < cohort.length; r++) rowOf.set(customerIds[cohort[r]], r);
  const fold = folds[seed - 1];
  const testInAnySeed = (r: number): boolean => folds.some((f) => f[r] === Fold.test);
  const value = new Float64Array(cohort.length),
    repurchase = new Float64Array(cohort.length);
  const filled = new Uint8Array(cohort.length);
  for (const row of p.rows) {
    if (p.seeded && row.seed !== seed) continue;
    const r = rowOf.get(row.id);
    if (r === undefined)
      throw new PredictionsError(`${p.path}:${row.line}:1: unknown customer '${row.id}' (not in the dataset's cohort)`);
    if (fold[r] !== Fold.test) {
      if (p.seeded || !testInAnySeed(r))
        throw new PredictionsError(
          `${p.path}:${row.line}:1: customer '${row.id}' is not a test customer${p.seeded ? ` of seed ${seed}` : ''} (score only the test fold of \`clvlab split\`)`,
        );
      continue;
    }
    value[r] = row.value;
    repurchase[r] = row.repurchase;
    filled[r] = 1;
  }
  let missing = 0,
    example = '';
  for (let r = 0; r < cohort.length; r++)
    if (fold[r] === Fold.test && !filled[r]) {
      if (missing++ === 0) example = customerIds[cohort[r]];
    }
  if (missing > 0)
    throw new PredictionsError(
      `${p.path}: ${missing} test customer(s) of seed ${seed} have no prediction (first: '${example}')`,
    );
  return { value, repurchase };
}
