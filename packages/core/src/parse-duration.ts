// Duration strings for the CLI and configs (`--gap 30m`, `--horizon 39w`), the one parser every
// command uses (with parseInteger, the CLI's numbers): a number followed by one unit. Pure:
// browser-safe. Hand-written: the grammar is six units, and a library such as `ms`
// accepts bare numbers and long unit names we do not want to promise.
//
// A bare number ("30") is rejected rather than read as milliseconds: `--gap 30` is far more
// likely to mean thirty minutes than thirty milliseconds, so we make the caller say which.

const UNIT_MS: Readonly<Record<string, number>> = Object.freeze({
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
});

const PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)\s*$/;

/**
 * Milliseconds in a duration such as `30m`, `1h`, `90s`, `500ms`, `7d`, `39w` or `1.5h`.
 * Units: ms, s, m (minutes), h, d (24 h), w (7 d). Non-negative; a unit is required.
 * Throws `<where>: expected a duration like …` on anything else (`where` names the option, e.g. `--gap`).
 */
export function parseDuration(text: string, where = 'core/parse-duration'): number {
  const match = PATTERN.exec(text);
  if (!match) {
    const hint = /^\s*\d+(\.\d+)?\s*$/.test(text) ? ' (a unit is required: a bare number is ambiguous)' : '';
    throw new Error(`${where}: expected a duration like 30m, 1h, 90s, 500ms, 7d or 39w, got '${text}'${hint}`);
  }
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  if (!Number.isFinite(ms)) throw new Error(`${where}: duration '${text}' is too large`);
  return ms;
}

/** Formats milliseconds back to the largest exact unit (`1800000` -> `30m`), for records and logs. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`core/parse-duration: cannot format duration ${ms}`);
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    const size = UNIT_MS[unit];
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
