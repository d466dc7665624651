// Time-varying (piecewise-constant) customer covariates for the extended Pareto/NBD of
// Bachmann, Meierer & Näf (2021) (pareto-nbd-dynamic.ts), in CLVTools' SetDynamicCovariates
// layout: calendar periods [b_m, b_{m+1}) shared by all customers (weeks starting on the
// covariate dates, say), one value per customer, period and covariate. Histories carry the
// calendar time of each customer's first purchase and the repeat purchase times (the
// likelihood needs the covariates at each purchase, not only x, t_x, T). Preparation checks
// that the periods cover every customer's [first, first + T] ("periods inconsistent with the
// summary" otherwise), validates purchases and values, and merges consecutive periods with
// identical covariates into segments on each customer's own clock (τ = t − first), which is
// what the likelihood integrates over. Every error is one line naming the customer row, the
// period and the covariate.

/** Histories with purchase times (all in the fit's time unit). */
export interface DynamicCovariateHistories {
  /** Calendar time of each customer's first purchase (same axis as the period boundaries). */
  readonly first: ArrayLike<number>;
  /** Age at the end of calibration: the customer is observed on [first, first + T]. */
  readonly T: ArrayLike<number>;
  /** customers + 1 offsets into purchaseTimes. */
  readonly purchaseOffsets: ArrayLike<number>;
  /** Repeat purchase times since the first purchase, ascending per customer, in (0, T]. */
  readonly purchaseTimes: ArrayLike<number>;
}

/** One process's covariates: `values[(i·periods + m)·names.length + j]` = customer i, period m, covariate j. */
export interface DynamicCovariateSet {
  readonly names: readonly string[];
  readonly values: Float64Array;
}

export interface DynamicCovariates {
  /** Calendar period boundaries b_0 < … < b_P (P periods). */
  readonly boundaries: ArrayLike<number>;
  readonly trans?: DynamicCovariateSet;
  readonly life?: DynamicCovariateSet;
}

/** Prepared data: per customer its segments (merged periods) on its own clock. */
export interface DynamicRows {
  readonly n: number;
  readonly x: Int32Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** n + 1 offsets into the segment arrays. */
  readonly segOffsets: Int32Array;
  readonly segStart: Float64Array;
  readonly segEnd: Float64Array;
  /** Offset of the segment's covariate vector in trans.values / life.values (−1 without that set). */
  readonly segTrans: Int32Array;
  readonly segLife: Int32Array;
  /** Σ over the customer's repeat purchases of the trans covariates at the purchase (n × kt). */
  readonly purchaseSum: Float64Array;
  readonly kt: number;
  readonly kl: number;
  readonly trans: Float64Array;
  readonly life: Float64Array;
  readonly names: Readonly<{ trans: readonly string[]; life: readonly string[] }>;
}

/** Validates and segments (see header). */
export function prepareDynamicCovariates(
  where: string,
  h: DynamicCovariateHistories,
  cov: DynamicCovariates,
): DynamicRows {
  const n = h.first.length,
    b = Float64Array.from(cov.boundaries),
    P = b.length - 1;
  if (h.T.length !== n || h.purchaseOffsets.length !== n + 1) {
    throw new Error(
      `${where}: expected first and T of one length and purchaseOffsets of that length + 1, got ${n}, ${h.T.length}, ${h.purchaseOffsets.length}`,
    );
  }
  if (n === 0) throw new Error(`${where}: empty cohort (no customers to fit)`);
  if (P < 1)
    throw new Error(`${where}: expected at least one covariate period (two boundaries), got ${b.length} boundaries`);
  for (let m = 0; m < P; m++)
    if (!(b[m + 1] > b[m]))
      throw new Error(`${where}: period boundaries must increase, got ${b[m + 1]} after ${b[m]} (period ${m + 1})`);
  const kt = cov.trans?.names.length ?? 0,
    kl = cov.life?.names.length ?? 0;
  if (kt + kl === 0) throw new Error(`${where}: no covariates given (use fitParetoNbd)`);
  for (const set of ['trans', 'life'] as const) {
    const c = cov[set];
    if (!c) continue;
    const k = c.names.length;
    if (c.values.length !== n * P * k)
      throw new Error(
        `${where}: the '${set}' covariates have ${c.values.length} values, expected customers × periods × covariates = ${n} × ${P} × ${k}`,
      );
    for (let j = 0; j < k; j++) {
      let first = NaN,
        constant = true;
      for (let i = 0; i < n; i++) {
        for (let m = 0; m < P; m++) {
          const v = c.values[(i * P + m) * k + j];
          if (!Number.isFinite(v))
            throw new Error(
              `${where}: '${set}' covariate '${c.names[j]}', customer row ${i + 1}, period ${m + 1} (from ${b[m]}): expected a finite number, got ${v}`,
            );
          if (Number.isNaN(first)) first = v;
          else if (v !== first) constant = false;
        }
      }
      if (constant)
        throw new Error(
          `${where}: '${set}' covariate '${c.names[j]}' is constant (${first} for every customer and period): its coefficient is not identified; drop it`,
        );
    }
  }
  const x = new Int32Array(n),
    tx = new Float64Array(n),
    T = Float64Array.from(h.T),
    purchaseSum = new Float64Array(n * kt);
  const segOffsets = new Int32Array(n + 1);
  const start: number[] = [],
    end: number[] = [],
    st: number[] = [],
    sl: number[] = [];
  const same = (vals: Float64Array | undefined, k: number, p: number, q: number): boolean => {
    for (let j = 0; j < k; j++) if (vals![p + j] !== vals![q + j]) return false;
    return true;
  };
  for (let i = 0; i < n; i++) {
    const f = Number(h.first[i]),
      Ti = T[i],
      row = `${where}: customer row ${i + 1}`;
    if (!Number.isFinite(f)) throw new Error(`${row}: expected a finite first-purchase time, got ${f}`);
    if (!(Number.isFinite(Ti) && Ti >= 0)) throw new Error(`${row}: expected T >= 0, got ${Ti}`);
    if (f < b[0] - 1e-9 || f + Ti > b[P] + 1e-9) {
      throw new Error(
        `${row}: the covariate periods cover [${b[0]}, ${b[P]}] but the history runs over [first, first + T] = [${f}, ${f + Ti}]: periods inconsistent with the summary`,
      );
    }
    const o0 = Number(h.purchaseOffsets[i]),
      o1 = Number(h.purchaseOffsets[i + 1]);
    if (!(Number.isInteger(o0) && Number.isInteger(o1) && o1 >= o0))
      throw new Error(`${row}: expected purchaseOffsets[${i}] <= purchaseOffsets[${i + 1}], got ${o0}, ${o1}`);
    x[i] = o1 - o0;
    let m = 0,
      last = 0;
    for (let p = o0; p < o1; p++) {
      const t = Number(h.purchaseTimes[p]);
      if (!(t > 0 && t <= Ti * (1 + 1e-12)) || t < last)
        throw new Error(`${row}: repeat purchase ${p - o0 + 1} at ${t} is not in (0, T = ${Ti}] after ${last}`);
      last = t;
      const cal = Math.min(f + t, b[P]);
      while (m < P - 1 && b[m + 1] <= cal) m++;
      for (let j = 0; j < kt; j++) purchaseSum[i * kt + j] += cov.trans!.values[(i * P + m) * kt + j];
    }
    tx[i] = last;
    // segments on the customer's clock: periods overlapping [f, f + T], merged when the covariates repeat
    segOffsets[i] = start.length;
    let q = 0;
    while (q < P - 1 && b[q + 1] <= f) q++;
    for (; q < P; q++) {
      const s0 = Math.max(b[q], f) - f,
        s1 = Math.min(b[q + 1], f + Ti) - f;
      const pt = kt ? (i * P + q) * kt : -1,
        pl = kl ? (i * P + q) * kl : -1;
      const k = start.length - 1;
      if (
        k >= segOffsets[i] &&
        (kt === 0 || same(cov.trans?.values, kt, st[k], pt)) &&
        (kl === 0 || same(cov.life?.values, kl, sl[k], pl))
      )
        end[k] = s1;
      else {
        start.push(s0);
        end.push(s1);
        st.push(pt);
        sl.push(pl);
      }
      if (b[q + 1] >= f + Ti) break;
    }
  }
  segOffsets[n] = start.length;
  return {
    n,
    x,
    tx,
    T,
    segOffsets,
    segStart: Float64Array.from(start),
    segEnd: Float64Array.from(end),
    segTrans: Int32Array.from(st),
    segLife: Int32Array.from(sl),
    purchaseSum,
    kt,
    kl,
    trans: cov.trans?.values ?? new Float64Array(0),
    life: cov.life?.values ?? new Float64Array(0),
    names: Object.freeze({ trans: cov.trans?.names ?? [], life: cov.life?.names ?? [] }),
  };
}
