// Resolves a benchmark model's config against its frozen defaults (DESIGN §4): unknown keys
// and values of the wrong type are errors, so a typo in `--set` never silently runs defaults.

/** `{...defaults, ...config}` after checking every key exists in `defaults` with the same type. */
export function resolveConfig<T extends Record<string, unknown>>(where: string, defaults: T, config: Record<string, unknown> = {}): Readonly<T> {
  for (const [key, value] of Object.entries(config)) {
    if (!(key in defaults)) {
      throw new Error(`${where}: unknown config key '${key}' (expected one of ${Object.keys(defaults).join(', ') || 'none'})`);
    }
    const want = typeof defaults[key];
    if (value !== undefined && typeof value !== want) {
      throw new Error(`${where}: config '${key}' must be a ${want}, got ${JSON.stringify(value)}`);
    }
  }
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) if (value !== undefined) resolved[key] = value;
  return Object.freeze(resolved) as Readonly<T>;
}
