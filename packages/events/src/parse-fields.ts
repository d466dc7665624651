// Field parsers that read numbers and dates straight from bytes (no string per field), for
// the ingest hot path. Each returns NaN when the field is not valid, and the format reader
// turns NaN into a counted reject (or an IngestError in strict mode).
//
// Decimal fast path (Clinger 1990, "How to read floating point numbers accurately"): with at
// most 15 significant digits the mantissa m and 10^k are exact doubles, so m / 10^k is the
// correctly rounded value — identical to Number(text). Longer or exponent forms fall back to
// Number() on the decoded text.

export const POW10: readonly number[] = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MS_PER_DAY = 86_400_000;

/** A finite decimal number (optional sign, point, exponent), else NaN. */
export function parseDecimal(buf: Uint8Array, s: number, e: number): number {
  let p = s,
    neg = false;
  if (p < e && (buf[p] === 45 || buf[p] === 43)) {
    neg = buf[p] === 45;
    p++;
  }
  let m = 0,
    digits = 0,
    frac = 0,
    dot = false;
  for (; p < e; p++) {
    const c = buf[p];
    if (c >= 48 && c <= 57) {
      if (digits === 15) return slowDecimal(buf, s, e);
      m = m * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else return slowDecimal(buf, s, e);
  }
  if (digits === 0) return NaN;
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
}

function slowDecimal(buf: Uint8Array, s: number, e: number): number {
  const text = latin1(buf, s, e);
  if (!DECIMAL.test(text)) return NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}

/** An unsigned decimal integer of up to 15 digits, else NaN. */
export function parseUnsigned(buf: Uint8Array, s: number, e: number): number {
  if (e <= s || e - s > 15) return NaN;
  let v = 0;
  for (let p = s; p < e; p++) {
    const c = buf[p];
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of a valid calendar date-time (UTC wall clock), else NaN. */
export function utcMs(y: number, mo: number, d: number, h: number, mi: number, sec: number): number {
  if (!(mo >= 1 && mo <= 12 && d >= 1 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec < 60)) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = mo === 2 ? (leap ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (d > dim) return NaN;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
}

/** `YYYYMMDD` (CDNOW) as epoch ms at UTC midnight, else NaN. */
export function parseCompactDate(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 8) return NaN;
  const v = parseUnsigned(buf, s, e);
  if (Number.isNaN(v)) return NaN;
  return utcMs(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100, 0, 0, 0);
}

/**
 * ISO 8601 date or date-time: `YYYY-MM-DD`, then optionally `T` or space, `HH:MM`, `:SS`,
 * `.fraction`, and `Z` or `±HH:MM`/`±HHMM`. Without an offset the wall clock is read as UTC.
 */
export function parseIsoDate(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NaN;
  const y = parseUnsigned(buf, s, s + 4),
    mo = parseUnsigned(buf, s + 5, s + 7),
    d = parseUnsigned(buf, s + 8, s + 10);
  let p = s + 10,
    h = 0,
    mi = 0,
    sec = 0,
    offsetMin = 0;
  if (p < e && (buf[p] === 84 || buf[p] === 32) && p + 6 <= e && buf[p + 3] === 58) {
    h = parseUnsigned(buf, p + 1, p + 3);
    mi = parseUnsigned(buf, p + 4, p + 6);
    p += 6;
    if (p < e && buf[p] === 58) {
      sec = parseUnsigned(buf, p + 1, p + 3);
      p += 3;
    }
    if (p < e && (buf[p] === 46 || buf[p] === 44)) {
      let q = p + 1,
        scale = 0.1;
      for (; q < e && buf[q] >= 48 && buf[q] <= 57; q++) {
        sec += (buf[q] - 48) * scale;
        scale /= 10;
      }
      if (q === p + 1) return NaN;
      p = q;
    }
  }
  if (p < e) {
    const c = buf[p];
    if (c === 90 && p + 1 === e) p++;
    else if ((c === 43 || c === 45) && (e - p === 6 || e - p === 5 || e - p === 3)) {
      const oh = parseUnsigned(buf, p + 1, p + 3);
      const om = e - p === 3 ? 0 : parseUnsigned(buf, e - 2, e);
      if (e - p === 6 && buf[p + 3] !== 58) return NaN;
      offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
      p = e;
    } else return NaN;
  }
  const ms = utcMs(y, mo, d, h, mi, Math.floor(sec));
  return ms + Math.round((sec - Math.floor(sec)) * 1000) - offsetMin * 60_000;
}

/** Slash date parts `A/B/YYYY[ H:MM[:SS]]` written into `out` ([a, b, y, h, mi, s]); false if malformed. */
export function parseSlashParts(buf: Uint8Array, s: number, e: number, out: Int32Array): boolean {
  let p = s,
    k = 0,
    v = -1;
  const seps = [47, 47, 32, 58, 58];
  for (; p <= e; p++) {
    const c = p < e ? buf[p] : -1;
    if (c >= 48 && c <= 57) {
      v = (v < 0 ? 0 : v * 10) + (c - 48);
      if (v > 9999) return false;
      continue;
    }
    if (v < 0) return false;
    out[k++] = v;
    v = -1;
    if (c === -1) break;
    if (k > 5 || c !== seps[k - 1]) return false;
  }
  if (k !== 3 && k !== 5 && k !== 6) return false;
  if (k < 6) out[5] = 0;
  if (k < 5) {
    out[3] = 0;
    out[4] = 0;
  }
  return true;
}

function latin1(buf: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let p = s; p < e; p++) out += String.fromCharCode(buf[p]);
  return out;
}
