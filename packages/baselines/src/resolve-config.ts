// Resolves a benchmark model's config against its frozen defaults (docs/architecture.md §Models):
// unknown keys and values of the wrong type are errors, so a typo in `--set` never silently runs
// defaults. Values may arrive as strings (the CLI's `name:key=value`, `--set k=v`): a string is
// coerced to the default's type when the default is a number ('0.5' → 0.5; finite numbers only) or
// a boolean ('true' / 'false'); anything else that does not match the default's type throws.

function coerce(where: string, key: string, value: unknown, like: unknown): unknown {
  if (typeof value === 'string' && typeof like === 'number') {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(n)) throw new Error(`${where}: config '${key}' must be a number, got ${JSON.stringify(value)}`);
    return n;
  }
  if (typeof value === 'string' && typeof like === 'boolean') {
    if (value === 'true' || value === 'false') return value === 'true';
    throw new Error(`${where}: config '${key}' must be a boolean (true or false), got ${JSON.stringify(value)}`);
  }
  if (typeof value !== typeof like) throw new Error(`${where}: config '${key}' must be a ${typeof like}, got ${JSON.stringify(value)}`);
  return value;
}

/** `{...defaults, ...config}` after checking every key exists in `defaults` and coercing it to the default's type. */
export function resolveConfig<T extends Record<string, unknown>>(where: string, defaults: T, config: Record<string, unknown> = {}): Readonly<T> {
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(`${where}: unknown config key '${key}' (expected one of ${Object.keys(defaults).join(', ') || 'none'})`);
    }
    if (value !== undefined) resolved[key] = coerce(where, key, value, defaults[key]);
  }
  return Object.freeze(resolved) as Readonly<T>;
}
