// Timestamps of the playground's CSV, as the generic event reader of @clvlab/events takes them:
// ISO 8601 `YYYY-MM-DD`, optionally `T` or a space, `HH:MM`, `:SS`, `.fraction`, and `Z` or
// `±HH:MM` / `±HHMM` (no offset = UTC wall clock); also the compact `YYYYMMDD` of CDNOW.
// Returns epoch ms, or NaN for anything else (including impossible dates like 1997-02-30).

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

export function parseTimestamp(text: string): number {
  const m = ISO.exec(text) ?? COMPACT.exec(text);
  if (m === null) return NaN;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  const day = new Date(0).setUTCFullYear(y, mo - 1, d); // not Date.UTC: it maps years 0–99 to 1900–1999
  if (new Date(day).getUTCDate() !== d) return NaN; // day past the month's end
  const fraction = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  return day + ((h * 60 + mi) * 60 + s) * 1000 + fraction - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
  return zone[0] === '-' ? -minutes : minutes;
}
