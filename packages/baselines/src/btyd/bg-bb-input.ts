// Validation and aggregation of discrete-time BTYD histories for the BG/BB (Fader, Hardie &
// Shang 2010): over n transaction opportunities a customer made x repeat transactions, the
// last at opportunity t_x (t_x = 0 when x = 0). Consistency (their §2): 0 ≤ x ≤ t_x ≤ n, with
// t_x = 0 exactly when x = 0 and t_x ≥ x otherwise; all are integers. Every bad row gets one
// error naming the row and what was expected. Rows with the same (x, t_x, n) are merged with
// summed weights (the likelihood is a weighted sum over patterns, so this is exact: with a
// common n there are at most (n+1)(n+2)/2 patterns, however many customers).

/** Discrete-time histories: repeat transactions, opportunity of the last one, opportunities observed. */
export interface BgBbHistory {
  readonly frequency: ArrayLike<number> | number;
  readonly recency: ArrayLike<number> | number;
  readonly periods: ArrayLike<number> | number;
}

/** BG/BB fit input: histories with optional multiplicities (donations.csv style). */
export interface BgBbData {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly periods: ArrayLike<number>;
  /** Customers with each history (default 1 each). */
  readonly weights?: ArrayLike<number>;
}

/** Distinct (x, t_x, n) patterns with their weights (columnar). */
export interface BgBbRows {
  readonly x: Int32Array;
  readonly tx: Int32Array;
  readonly n: Int32Array;
  readonly weight: Float64Array;
  readonly length: number;
  /** Σ weight. */
  readonly nCustomers: number;
  /** Largest n. */
  readonly maxPeriods: number;
}

const column = (v: ArrayLike<number> | number, n: number): ArrayLike<number> =>
  typeof v === 'number' ? new Float64Array(n).fill(v) : v;

/** Throws `${where}: row i: ...` unless (x, t_x, n) is a consistent discrete-time history. */
export function checkBgBbRow(where: string, i: number, x: number, tx: number, n: number): void {
  const row = `${where}: row ${i + 1}`;
  const int = (v: number): boolean => Number.isInteger(v) && v >= 0;
  if (!int(x)) throw new Error(`${row}: expected frequency to be a non-negative integer, got ${x}`);
  if (!int(tx))
    throw new Error(`${row}: expected recency to be a non-negative integer (an opportunity index), got ${tx}`);
  if (!int(n)) throw new Error(`${row}: expected periods to be a non-negative integer, got ${n}`);
  if (tx > n) throw new Error(`${row}: expected recency <= periods, got recency ${tx} > periods ${n}`);
  if (x > tx)
    throw new Error(
      `${row}: expected frequency <= recency (x transactions need x opportunities up to t_x), got frequency ${x} > recency ${tx}`,
    );
  if (x === 0 && tx !== 0) throw new Error(`${row}: expected recency 0 with frequency 0, got recency ${tx}`);
}

/** Validated columns of a history (scalars broadcast to the longest column). */
export function bgBbColumns(where: string, h: BgBbHistory): { x: Int32Array; tx: Int32Array; n: Int32Array } {
  const len = Math.max(...[h.frequency, h.recency, h.periods].map((v) => (typeof v === 'number' ? 1 : v.length)));
  const f = column(h.frequency, len),
    r = column(h.recency, len),
    p = column(h.periods, len);
  if (f.length !== len || r.length !== len || p.length !== len) {
    throw new Error(
      `${where}: expected frequency, recency and periods of equal length, got ${f.length}, ${r.length}, ${p.length}`,
    );
  }
  const x = new Int32Array(len),
    tx = new Int32Array(len),
    n = new Int32Array(len);
  for (let i = 0; i < len; i++) {
    checkBgBbRow(where, i, Number(f[i]), Number(r[i]), Number(p[i]));
    x[i] = f[i];
    tx[i] = r[i];
    n[i] = p[i];
  }
  return { x, tx, n };
}

/** Validates `data` and merges identical patterns. Throws on an empty cohort or any bad row. */
export function prepareBgBbRows(where: string, data: BgBbData): BgBbRows {
  const len = data.frequency.length;
  if (data.recency.length !== len || data.periods.length !== len || (data.weights && data.weights.length !== len)) {
    throw new Error(
      `${where}: expected frequency, recency, periods (and weights) of equal length, got ${len}, ${data.recency.length}, ${data.periods.length}${data.weights ? `, ${data.weights.length}` : ''}`,
    );
  }
  if (len === 0) throw new Error(`${where}: empty cohort (no customers to fit)`);
  const { x, tx, n } = bgBbColumns(where, data);
  let maxPeriods = 0,
    total = 0;
  for (let i = 0; i < len; i++) {
    const w = data.weights ? Number(data.weights[i]) : 1;
    if (!(Number.isFinite(w) && w >= 0)) throw new Error(`${where}: row ${i + 1}: expected a weight >= 0, got ${w}`);
    total += w;
    if (n[i] > maxPeriods) maxPeriods = n[i];
  }
  if (!(total > 0)) throw new Error(`${where}: all weights are 0 (no customers to fit)`);
  const K = maxPeriods + 1,
    slot = new Map<number, number>();
  const ox = new Int32Array(len),
    otx = new Int32Array(len),
    on = new Int32Array(len),
    ow = new Float64Array(len);
  let m = 0;
  for (let i = 0; i < len; i++) {
    const w = data.weights ? Number(data.weights[i]) : 1;
    if (w === 0) continue;
    const key = x[i] + K * (tx[i] + K * n[i]);
    const at = slot.get(key);
    if (at !== undefined) {
      ow[at] += w;
      continue;
    }
    slot.set(key, m);
    ox[m] = x[i];
    otx[m] = tx[i];
    on[m] = n[i];
    ow[m] = w;
    m++;
  }
  return {
    x: ox.slice(0, m),
    tx: otx.slice(0, m),
    n: on.slice(0, m),
    weight: ow.slice(0, m),
    length: m,
    nCustomers: total,
    maxPeriods,
  };
}
