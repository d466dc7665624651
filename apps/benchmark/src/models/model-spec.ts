// A `--models` item: a registered model name with optional config overrides,
// `name[:key=value[:key=value…]]` (e.g. `transformer:useRfm=false`, `gru:dModel=32:blocks=2`).
// Each spec is its own benchmark row, named by the spec as written, with its resolved config.

export interface ModelSpec {
  /** The spec as written: the row's name. */
  readonly spec: string;
  /** The registered model it configures. */
  readonly base: string;
  /** Config overrides as given (strings; each model family coerces them to its defaults' types). */
  readonly overrides: Readonly<Record<string, string>>;
}

/** Parses `name[:k=v…]`; a malformed override is a one-line error. */
export function parseModelSpec(spec: string): ModelSpec {
  const [base, ...parts] = spec.split(':');
  const overrides: Record<string, string> = {};
  for (const part of parts) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/.exec(part);
    if (!m) throw new Error(`benchmark/models: '${spec}': expected name:key=value[:key=value], got '${part}'`);
    if (Object.hasOwn(overrides, m[1])) throw new Error(`benchmark/models: '${spec}': key '${m[1]}' given twice`);
    overrides[m[1]] = m[2];
  }
  if (!base) throw new Error(`benchmark/models: '${spec}': missing model name before ':'`);
  return Object.freeze({ spec, base, overrides: Object.freeze(overrides) });
}
