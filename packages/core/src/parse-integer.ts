// The CLI's one integer parser (`--seeds 5`, `--workers 0`, `--customers 2000`), so every
// command accepts the same text and fails with the same wording. Stricter than Number():
// decimal digits with an optional sign only (no '1e3', '0x10', '', ' 5' or '2.0'), and a safe
// integer. Pure: browser-safe.

export interface IntegerRange {
  readonly min?: number;
  readonly max?: number;
  /** Prefix of the error: the option (`--seeds`) or `package/file`. */
  readonly where?: string;
}

/** The integer written in `text`, within [min, max]; throws `<where>: expected an integer …, got '<text>'`. */
export function parseInteger(text: string, range: IntegerRange = {}): number {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER, where = 'core/parse-integer' } = range;
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max))
    throw new Error(`${where}: expected ${describe(min, max)}, got '${text}'`);
  return n;
}

function describe(min: number, max: number): string {
  const low = min > Number.MIN_SAFE_INTEGER,
    high = max < Number.MAX_SAFE_INTEGER;
  if (low && high) return `an integer in [${min}, ${max}]`;
  if (low) return min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`;
  if (high) return `an integer ≤ ${max}`;
  return 'an integer';
}
