// Checks of the fitters' options after @clvlab/core's resolveOptions (which rejects unknown
// keys): a library caller's value of another type than its default is a one-line error (no
// coercion: a string '10' for rounds is a bug in the caller), and the range checks.

import { resolveOptions } from '@clvlab/core';

/** `resolveOptions` with the fitters' type check: every given value has its default's type (null defaults take a number). */
export function resolveTyped<T extends object>(where: string, defaults: T, options: object = {}): Readonly<T> {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || !Object.hasOwn(defaults, key)) continue; // unknown keys: resolveOptions' error
    const like = (defaults as Record<string, unknown>)[key];
    const ok = like === null ? value === null || typeof value === 'number' : typeof value === typeof like;
    if (!ok)
      throw new Error(
        `${where}: option '${key}' must be a ${like === null ? 'number or null' : typeof like}, got ${JSON.stringify(value)}`,
      );
  }
  return resolveOptions(where, defaults, options);
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInteger(
  where: string,
  name: string,
  value: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new Error(
      `${where}: ${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got ${value}`,
    );
  }
}

/** Throws unless `value` is a finite number in [min, max] (open at `min` when `openMin`). */
export function checkRange(
  where: string,
  name: string,
  value: number,
  min: number,
  max: number,
  openMin = false,
): void {
  const okMin = openMin ? value > min : value >= min;
  if (!(Number.isFinite(value) && okMin && value <= max)) {
    throw new Error(
      `${where}: ${name} must be a number in ${openMin ? '(' : '['}${min}, ${max === Infinity ? '∞)' : `${max}]`}, got ${value}`,
    );
  }
}
