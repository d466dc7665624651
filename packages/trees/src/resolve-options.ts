// Options of every fitter are a Partial of a frozen DEFAULT_* object (docs/architecture.md
// §Style). This resolves one against its defaults: unknown keys and values of another type are
// one-line errors naming the fitter, so a typo never silently trains with defaults.

/** `{...defaults, ...options}` after checking every key exists in `defaults` and has the default's type. */
export function resolveOptions<T extends object>(where: string, defaults: T, options: object = {}): T {
  const resolved: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(`${where}: unknown option '${key}' (expected one of ${Object.keys(defaults).join(', ')})`);
    }
    const like = (defaults as Record<string, unknown>)[key];
    // null defaults ("fitted from the data") accept a number; objects are checked by their users
    const ok = like === null ? value === null || typeof value === 'number' : typeof value === typeof like;
    if (!ok) throw new Error(`${where}: option '${key}' must be a ${like === null ? 'number or null' : typeof like}, got ${JSON.stringify(value)}`);
    resolved[key] = value;
  }
  return resolved as T;
}

/** Throws unless `value` is an integer in [min, max]. */
export function checkInteger(where: string, name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new Error(`${where}: ${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got ${value}`);
  }
}

/** Throws unless `value` is a finite number in [min, max] (open at `min` when `openMin`). */
export function checkRange(where: string, name: string, value: number, min: number, max: number, openMin = false): void {
  const okMin = openMin ? value > min : value >= min;
  if (!(Number.isFinite(value) && okMin && value <= max)) {
    throw new Error(`${where}: ${name} must be a number in ${openMin ? '(' : '['}${min}, ${max === Infinity ? '∞)' : `${max}]`}, got ${value}`);
  }
}
