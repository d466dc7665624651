// Input checking shared by every metric: equal lengths, non-empty, finite numbers.
// Every metric copies its inputs into Float64Array once (one pass), so the hot loops
// below work on one concrete array type whatever the caller passed (number[] or typed).

/** Any array-like of numbers: number[], Float64Array, Float32Array, Int32Array, ... */
export type NumericArray = ArrayLike<number>;

/**
 * Copies `values` into a Float64Array, throwing `metrics/<fn>: <name>[i] is NaN` (or not
 * finite) on the first bad entry and `metrics/<fn>: <name> is empty` on empty input.
 */
export function toFiniteArray(fn: string, name: string, values: NumericArray): Float64Array {
  if (values == null || typeof values.length !== 'number') {
    throw new Error(`metrics/${fn}: ${name} must be an array of numbers`);
  }
  const n = values.length;
  if (n === 0) throw new Error(`metrics/${fn}: ${name} is empty`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(
        `metrics/${fn}: ${name}[${i}] is ${Number.isNaN(v) ? 'NaN' : `not a finite number (${String(v)})`}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** Checks that every named array has the length of the first one. */
export function checkSameLength(fn: string, arrays: Readonly<Record<string, NumericArray>>): void {
  const names = Object.keys(arrays);
  const first = names[0];
  const n = arrays[first].length;
  for (const name of names.slice(1)) {
    if (arrays[name].length !== n) {
      throw new Error(`metrics/${fn}: ${first} and ${name} differ in length (${n} vs ${arrays[name].length})`);
    }
  }
}

/** Validates a pair (actual-like, predicted-like) and returns both as Float64Array. */
export function toFinitePair(
  fn: string,
  names: readonly [string, string],
  a: NumericArray,
  b: NumericArray,
): [Float64Array, Float64Array] {
  const x = toFiniteArray(fn, names[0], a);
  const y = toFiniteArray(fn, names[1], b);
  checkSameLength(fn, { [names[0]]: a, [names[1]]: b });
  return [x, y];
}

/** Validates 0/1 labels (a repurchase indicator) and returns them as Float64Array. */
export function toLabels(fn: string, name: string, labels: NumericArray): Float64Array {
  const out = toFiniteArray(fn, name, labels);
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== 0 && out[i] !== 1) throw new Error(`metrics/${fn}: ${name}[${i}] must be 0 or 1, got ${out[i]}`);
  }
  return out;
}

/** A weight vector of ones (the un-resampled data set). */
export function unitWeights(n: number): Float64Array {
  return new Float64Array(n).fill(1);
}
