// Input checking shared by every decision function. Errors are one line,
// `decisions/<function>: <what> ..., expected <what>`. Every vector is copied into a
// Float64Array once, so the loops below run on one concrete array type whatever the caller
// passed (number[], Float32Array, ...). The checks are this package's own: the metrics
// package keeps its validators internal.

import type { NumericArray } from '@clvlab/metrics';

/**
 * Copies `values` into a Float64Array: throws when it is not an array, is empty, has a length
 * other than `n` (when given: one entry per customer, like `like`), or holds a NaN or infinity.
 */
export function finiteVector(fn: string, name: string, values: NumericArray, n?: number, like?: string): Float64Array {
  if (values == null || typeof values.length !== 'number')
    throw new Error(`decisions/${fn}: ${name} must be an array of numbers`);
  const len = values.length;
  if (len === 0) throw new Error(`decisions/${fn}: ${name} is empty, expected one number per customer`);
  if (n !== undefined && len !== n)
    throw new Error(`decisions/${fn}: ${like ?? 'the first input'} and ${name} differ in length (${n} vs ${len})`);
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(
        `decisions/${fn}: ${name}[${i}] is ${Number.isNaN(v) ? 'NaN' : String(v)}, expected a finite number`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** 0/1 treatment flags of length n with both groups present (a randomized campaign). */
export function treatmentFlags(fn: string, treated: Uint8Array, n: number): Uint8Array {
  if (!(treated instanceof Uint8Array)) throw new Error(`decisions/${fn}: treated must be a Uint8Array of 0/1 flags`);
  if (treated.length !== n)
    throw new Error(`decisions/${fn}: score and treated differ in length (${n} vs ${treated.length})`);
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (treated[i] > 1)
      throw new Error(`decisions/${fn}: treated[${i}] is ${treated[i]}, expected 0 (control) or 1 (treated)`);
    t += treated[i];
  }
  if (t === 0 || t === n)
    throw new Error(
      `decisions/${fn}: the ${t === 0 ? 'treatment' : 'control'} group is empty, expected customers in both groups`,
    );
  return treated;
}

/** A finite number ≥ 0 (> 0 with `strict`). */
export function nonNegative(fn: string, name: string, v: number, strict = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (strict && v === 0)) {
    throw new Error(`decisions/${fn}: ${name} must be a finite number ${strict ? '> 0' : '≥ 0'}, got ${String(v)}`);
  }
  return v;
}

/** A fraction in (0, 1]. */
export function unitFraction(fn: string, name: string, v: number): number {
  if (typeof v !== 'number' || !(v > 0 && v <= 1))
    throw new Error(`decisions/${fn}: ${name} must be in (0, 1], got ${String(v)}`);
  return v;
}

/** A positive integer (at most `max` when given). */
export function positiveInteger(fn: string, name: string, v: number, max?: number): number {
  if (!Number.isInteger(v) || v < 1 || (max !== undefined && v > max)) {
    throw new Error(`decisions/${fn}: ${name} must be an integer in [1, ${max ?? '∞'}], got ${String(v)}`);
  }
  return v;
}

/**
 * Row indices into a table of `count` rows: non-empty, integers in [0, count), no repeats;
 * returned as an Int32Array in the given order.
 */
export function rowIndices(fn: string, name: string, rows: ArrayLike<number>, count: number): Int32Array {
  if (rows == null || typeof rows.length !== 'number' || rows.length === 0)
    throw new Error(`decisions/${fn}: ${name} is empty, expected row indices`);
  const out = new Int32Array(rows.length);
  const seen = new Uint8Array(count);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (!Number.isInteger(r) || r < 0 || r >= count)
      throw new Error(`decisions/${fn}: ${name}[${k}] is ${String(r)}, expected a row index in [0, ${count})`);
    if (seen[r]) throw new Error(`decisions/${fn}: ${name} lists row ${r} twice`);
    seen[r] = 1;
    out[k] = r;
  }
  return out;
}

/** Throws when two row lists share a row (a train row scored as test would leak). */
export function disjointRows(fn: string, a: Int32Array, b: Int32Array, count: number): void {
  const mark = new Uint8Array(count);
  for (const r of a) mark[r] = 1;
  for (let k = 0; k < b.length; k++) {
    if (mark[b[k]])
      throw new Error(`decisions/${fn}: row ${b[k]} is in both trainRows and testRows, expected disjoint folds`);
  }
}

/** A row-major matrix of `d` finite columns (Float32Array or Float64Array); returns its row count. */
export function matrixRows(fn: string, name: string, data: Float32Array | Float64Array, d: number): number {
  if (!(data instanceof Float32Array || data instanceof Float64Array))
    throw new Error(`decisions/${fn}: ${name} must be a Float32Array or Float64Array (rows × d, row-major)`);
  positiveInteger(fn, 'd', d);
  if (data.length === 0 || data.length % d !== 0)
    throw new Error(`decisions/${fn}: ${name} has ${data.length} numbers, expected a non-empty multiple of d = ${d}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]))
      throw new Error(
        `decisions/${fn}: ${name}[${i}] (row ${Math.floor(i / d)}, column ${i % d}) is ${data[i]}, expected a finite number`,
      );
  }
  return data.length / d;
}

/**
 * `defaults` overridden by the options that are defined: an explicit `undefined` (an unset CLI
 * flag passed through) keeps the default instead of failing a check.
 */
export function withDefaults<T extends object>(defaults: T, options: Partial<T>): T {
  const out = { ...defaults };
  for (const key of Object.keys(options) as (keyof T)[])
    if (options[key] !== undefined) out[key] = options[key] as T[keyof T];
  return out;
}
