// The evaluation split's seeded hash in SQL (issue 16 §3): hashUnit(id, seed) of
// packages/core/src/random.ts — FNV-1a over the id's UTF-16 code units, then the murmur3 32-bit
// finaliser — in integer arithmetic every engine evaluates the same way: BIGINT values below
// 2^32, products kept below 2^63, `& 4294967295` for the mod-2^32 wrap.
//   - FNV step h' = (h XOR c) × 16777619 mod 2^32: (h XOR c) < 2^32 and the prime < 2^25, so the
//     product is below 2^57 and fits a BIGINT as is.
//   - Math.imul(x, K) for the finaliser's 32-bit K: K = K_hi·2^16 + K_lo, and
//     x·K mod 2^32 = (x·K_lo + ((x·K_hi) mod 2^16)·2^16) mod 2^32, every term below 2^49.
//   - UTF-16 code units: SQL substr() walks code points, JavaScript's charCodeAt code units. A code
//     point above U+FFFF (an emoji) is two code units, its surrogate pair, so each position applies
//     the step twice for such a character (the second step is the identity otherwise: XOR 0, × 1).
//     Ids therefore hash exactly as in TypeScript for any Unicode text.
//   - The loop over characters is unrolled to --max-id-length positions (the script checks the
//     longest id first), in stages of HASH_STEPS_PER_STAGE so that no expression nests deeply.
// The seed's start value and the fold cut points are computed here, in TypeScript, exactly:
// u = h / 2^32 < f  ⟺  h < ceil(f · 2^32) (both sides exact doubles, h an integer).
import type { SqlDialect } from './sql-dialects.ts';

export const FNV_PRIME = 0x01000193;
const MASK = '4294967295';
export const HASH_STEPS_PER_STAGE = 16;

/** The FNV state before the first character: offset basis XOR the seed's multiplier (hashUnit's h0). */
export function hashSeedBasis(seed: number): number {
  return (0x811c9dc5 ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

/** The two fold cut points on the 32-bit hash: train when h < [0], valid when h < [1], else test. */
export function foldCutPoints(fractions: readonly [number, number, number]): [number, number] {
  const [train, valid] = fractions;
  return [Math.ceil(train * 4294967296), Math.ceil((train + valid) * 4294967296)];
}

/** h' = ((h XOR c) × m) mod 2^32 as SQL. */
function fnvStep(d: SqlDialect, h: string, c: string, m: string): string {
  return `((${d.xor(h, c)} * ${m}) & ${MASK})`;
}

/**
 * The FNV-1a state after positions from..to (1-based code points) of `id`, starting from the
 * state `h`: one or two steps per code point (a surrogate pair above U+FFFF), identity past the end.
 */
export function fnvPositionsSql(d: SqlDialect, id: string, h: string, from: number, to: number): string {
  let expr = h;
  for (let k = from; k <= to; k++) {
    const cp = `ascii(substr(${id}, ${k}, 1))`;
    const here = `length(${id}) >= ${k}`;
    const astral = `${here} AND ${cp} > 65535`;
    const first = `CASE WHEN ${astral} THEN 55296 + ${d.shiftRight(`(${cp} - 65536)`, 10)} WHEN ${here} THEN ${cp} ELSE 0 END`;
    const second = `CASE WHEN ${astral} THEN 56320 + ((${cp} - 65536) & 1023) ELSE 0 END`;
    expr = fnvStep(d, expr, first, `CASE WHEN ${here} THEN ${FNV_PRIME} ELSE 1 END`);
    expr = fnvStep(d, expr, second, `CASE WHEN ${astral} THEN ${FNV_PRIME} ELSE 1 END`);
  }
  return expr;
}

/** Math.imul(x, k) >>> 0 for 0 ≤ x < 2^32 and a 32-bit constant k, as SQL. */
export function imul32Sql(x: string, k: number): string {
  const hi = Math.floor(k / 65536),
    lo = k % 65536;
  return `((${x} * ${lo} + ((${x} * ${hi}) & 65535) * 65536) & ${MASK})`;
}

/**
 * SELECT key, h FROM `from` with the murmur3 finaliser applied to column `h`: five derived
 * tables, one operation each (h ^= h >>> 16; h = imul(h, 0x85ebca6b); h ^= h >>> 13;
 * h = imul(h, 0xc2b2ae35); h ^= h >>> 16).
 */
export function murmurFinalSql(d: SqlDialect, key: string, from: string): string {
  const xs = (x: string, n: number): string => d.xor(x, d.shiftRight(x, n));
  const steps = [xs('h', 16), imul32Sql('h', 0x85ebca6b), xs('h', 13), imul32Sql('h', 0xc2b2ae35), xs('h', 16)];
  let sql = `SELECT ${key}, h FROM ${from}`;
  steps.forEach((step, i) => {
    sql = `SELECT ${key}, ${step} AS h FROM (${sql}) f${i}`;
  });
  return sql;
}
