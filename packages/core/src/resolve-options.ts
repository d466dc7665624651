// The one resolver of options objects and configs (docs/architecture.md §Style): options are a
// Partial of a frozen defaults object, and every package resolves them here, so that an
// unknown key is always an error, always with the same wording, and a typo never silently
// runs with defaults. A key given as `undefined` keeps its default.
//
// `coerce` is for values that may arrive as text (the CLI's `name:key=value`, `--set k=v`, a
// saved config): a string becomes a number when the default is a number (finite only) or a
// boolean when the default is a boolean ('true' / 'false'), and a value whose type differs
// from a number, boolean or string default is an error naming the key and the value. Defaults
// of other types (null, arrays, objects) are taken as given; their users check them.

export interface ResolveSettings {
  /** Coerce strings to the default's type and reject values of another type (configs, CLI). */
  readonly coerce?: boolean;
}

/** `{...defaults, ...given}`, frozen, after checking every given key exists in `defaults`. */
export function resolveOptions<T extends object>(
  where: string,
  defaults: T,
  given: object | undefined = {},
  settings: ResolveSettings = {},
): Readonly<T> {
  const resolved = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!Object.hasOwn(defaults, key)) {
      throw new Error(
        `${where}: unknown option '${key}' (expected one of ${Object.keys(defaults).join(', ') || 'none'})`,
      );
    }
    if (value === undefined) continue;
    resolved[key] = settings.coerce ? coerce(where, key, value, (defaults as Record<string, unknown>)[key]) : value;
  }
  return Object.freeze(resolved) as Readonly<T>;
}

function coerce(where: string, key: string, value: unknown, like: unknown): unknown {
  const bad = (expected: string): Error =>
    new Error(`${where}: option '${key}' must be ${expected}, got ${JSON.stringify(value)}`);
  if (typeof like === 'number') {
    const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value)) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw bad('a number');
    return n;
  }
  if (typeof like === 'boolean') {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw bad('a boolean (true or false)');
  }
  if (typeof like === 'string' && typeof value !== 'string') throw bad('a string');
  return value;
}
