// Validation and aggregation of per-customer BTYD histories (frequency = repeat purchases,
// recency = time of last purchase since the first, T = age since the first purchase, all in
// one time unit). Every bad row gets one clear error naming the row and what was expected.
// Identical (x, t_x, T) rows are merged into one row with a weight: the likelihoods are sums
// over customers, so a weighted sum over distinct rows is exact and cheaper whenever
// histories repeat (CDNOW in weeks: 2,357 customers -> ~1,100 distinct rows; all
// zero-repeat customers with a common T collapse to one).
import type { BtydData } from './fit-types.ts';

/** Distinct histories with their multiplicities (columnar). */
export interface BtydRows {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Number of customers with this exact history. */
  readonly weight: Float64Array;
  /** Number of distinct rows. */
  readonly length: number;
  /** Number of customers (Σ weight). */
  readonly nCustomers: number;
  /** Largest frequency. */
  readonly maxX: number;
}

/** Checks one customer's history; throws `${where}: row i: ...` on the first problem. */
export function checkBtydRow(where: string, i: number, x: number, tx: number, T: number): void {
  const row = `${where}: row ${i + 1}`;
  if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x))
    throw new Error(`${row}: expected frequency to be a non-negative integer, got ${x}`);
  if (!Number.isFinite(T) || T < 0) throw new Error(`${row}: expected T >= 0, got ${T}`);
  if (!Number.isFinite(tx) || tx < 0) throw new Error(`${row}: expected recency >= 0, got ${tx}`);
  if (tx > T * (1 + 1e-9) + 1e-12) throw new Error(`${row}: expected recency <= T, got recency ${tx} > T ${T}`);
  if (x > 0 && tx === 0 && T > 0) {
    // allowed (repeat purchase on the first day in a coarse unit), but recency must exist
  }
}

/** Validates `data` and merges identical rows. Throws on an empty cohort or any bad row. */
export function prepareBtydRows(where: string, data: BtydData): BtydRows {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n) {
    throw new Error(
      `${where}: expected frequency, recency and T of equal length, got ${n}, ${data.recency.length}, ${data.T.length}`,
    );
  }
  if (n === 0) throw new Error(`${where}: empty cohort (no customers to fit)`);
  // Open-addressing hash table on the (x, t_x, T) bit patterns: a Map with string keys costs
  // ~2 s per million customers, this ~0.1 s.
  let size = 1024;
  while (size < 2 * n) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const bits = new Float64Array(1),
    words = new Uint32Array(bits.buffer);
  const mix = (h: number, v: number): number => {
    bits[0] = v;
    h = Math.imul(h ^ words[0], 0x9e3779b1);
    return Math.imul(h ^ words[1], 0x85ebca6b);
  };
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    weight = new Float64Array(n);
  let m = 0,
    maxX = 0;
  for (let i = 0; i < n; i++) {
    const xi = Number(data.frequency[i]),
      ti = Number(data.recency[i]),
      Ti = Number(data.T[i]);
    checkBtydRow(where, i, xi, ti, Ti);
    const txi = xi === 0 ? 0 : Math.min(ti, Ti); // recency is irrelevant without repeats
    let h = mix(mix(mix(0x811c9dc5, xi), txi), Ti);
    h = (h ^ (h >>> 15)) & (size - 1);
    for (;;) {
      const at = table[h];
      if (at < 0) {
        table[h] = m;
        x[m] = xi;
        tx[m] = txi;
        T[m] = Ti;
        weight[m] = 1;
        m++;
        if (xi > maxX) maxX = xi;
        break;
      }
      if (x[at] === xi && tx[at] === txi && T[at] === Ti) {
        weight[at] += 1;
        break;
      }
      h = (h + 1) & (size - 1);
    }
  }
  return {
    x: x.slice(0, m),
    tx: tx.slice(0, m),
    T: T.slice(0, m),
    weight: weight.slice(0, m),
    length: m,
    nCustomers: n,
    maxX,
  };
}
