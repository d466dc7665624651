// Test (and benchmark) helper: seeded synthetic customers with RFM-like features and a
// zero-heavy spend label (most customers spend nothing in the window; spenders are gamma-
// distributed around a mean driven by frequency, recency and past spend), plus a feature that
// is missing for 40% of customers with signal in its missingness. Extra columns beyond the eight
// named ones mix noise, correlated copies, counts and partly-missing uniforms, to reach a
// realistic ~60-column feature set. Values are float32, as XGBoost stores them.
import { createRng } from '@clvlab/core';

export interface SyntheticCustomers {
  readonly columns: Float32Array[];
  readonly names: string[];
  /** Spend in the label window (≥ 0, zero for most customers). */
  readonly value: Float64Array;
  /** 1 when the customer purchased in the window. */
  readonly repurchase: Float64Array;
}

const NAMED = [
  'recency_days',
  'frequency',
  'monetary',
  'tenure_days',
  'sessions_30d',
  'review_score',
  'noise',
  'discount_share',
];

export function syntheticCustomers(n: number, p: number, seed: number): SyntheticCustomers {
  if (p < NAMED.length) throw new Error(`syntheticCustomers: p must be >= ${NAMED.length}`);
  const rng = createRng(seed, 0x7e);
  const columns = Array.from({ length: p }, () => new Float32Array(n));
  const names = Array.from({ length: p }, (_, f) => NAMED[f] ?? `extra_${f}`);
  const value = new Float64Array(n),
    repurchase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const recency = Math.floor(rng.exponential() * 60);
    const frequency = rng.poisson(Math.exp(0.8 * rng.normal()));
    const monetary = Math.exp(3 + 0.8 * rng.normal());
    const review = rng.next() < 0.4 ? NaN : 1 + rng.int(5);
    const discount = rng.next();
    const row = [
      recency,
      frequency,
      monetary,
      recency + Math.floor(rng.exponential() * 200),
      rng.poisson(1 + frequency),
      review,
      rng.normal(),
      discount,
    ];
    for (let f = 0; f < NAMED.length; f++) columns[f][i] = row[f];
    for (let f = NAMED.length; f < p; f++) {
      const kind = f % 4;
      columns[f][i] =
        kind === 0
          ? rng.normal()
          : kind === 1
            ? Math.log1p(frequency) + 0.5 * rng.normal()
            : kind === 2
              ? rng.poisson(2)
              : rng.next() < 0.1
                ? NaN
                : rng.next();
    }
    const reviewEffect = Number.isNaN(review) ? -0.4 : 0.25 * (review - 3);
    const eta = -0.6 + 0.7 * Math.log1p(frequency) - 0.015 * recency + reviewEffect + 0.3 * rng.normal();
    const buys = rng.next() < 1 / (1 + Math.exp(-eta));
    repurchase[i] = buys ? 1 : 0;
    const mean = Math.exp(0.6 * Math.log(monetary) + 0.3 * Math.log1p(frequency) - 0.5 * discount + 0.5);
    value[i] = buys ? (mean * rng.gamma(2)) / 2 : 0;
  }
  return { columns, names, value, repurchase };
}

/** Rows [start, end) of every column (a fold). */
export function sliceRows(columns: readonly Float32Array[], start: number, end: number): Float32Array[] {
  return columns.map((c) => c.slice(start, end));
}

/**
 * The same columns with at most `levels` distinct values each (rank-quantised, NaN kept), as
 * count and day features are: XGBoost's quantile sketch is then exact, so both libraries bin
 * every feature identically (one bin per value).
 */
export function quantizeColumns(columns: readonly Float32Array[], levels = 200): Float32Array[] {
  return columns.map((c) => {
    const present = Float32Array.from(c.filter((v) => !Number.isNaN(v))).sort();
    if (new Set(present).size <= levels) return c.slice();
    return c.map((v) => {
      if (Number.isNaN(v)) return v;
      let lo = 0,
        hi = present.length;
      while (lo < hi) {
        const m = (lo + hi) >> 1;
        if (present[m] < v) lo = m + 1;
        else hi = m;
      }
      return Math.floor((lo * levels) / present.length);
    });
  });
}
