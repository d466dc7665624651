// Ridge regression in closed form (Hoerl & Kennard 1970): standardise the inputs on the
// training rows (mean 0, sd 1; constant columns dropped to 0), centre the target, then solve
// (XᵀX + λ I) β = Xᵀ y by Cholesky; the intercept is the training mean and is not penalised.
// Hand-written: the systems are ~20 × 20, and a linear-algebra dependency would be heavier
// than the 40 lines here.

export interface RidgeModel {
  readonly lambda: number;
  readonly intercept: number;
  readonly coef: Float64Array;
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

/** Fits ridge on `rows` of the column-major design `X` (each column aligned with y). */
export function fitRidge(
  X: readonly Float64Array[],
  y: ArrayLike<number>,
  rows: ArrayLike<number>,
  lambda: number,
): RidgeModel {
  const where = 'baselines/fitRidge';
  const p = X.length,
    n = rows.length;
  if (n === 0) throw new Error(`${where}: no training rows`);
  if (!(lambda >= 0)) throw new Error(`${where}: lambda must be >= 0, got ${lambda}`);
  const mean = new Float64Array(p),
    sd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0,
      s2 = 0;
    for (let k = 0; k < n; k++) {
      const v = X[j][rows[k]];
      s += v;
      s2 += v * v;
    }
    mean[j] = s / n;
    const v = s2 / n - mean[j] * mean[j];
    sd[j] = v > 1e-12 * (1 + mean[j] * mean[j]) ? Math.sqrt(v) : 0;
  }
  let ym = 0;
  for (let k = 0; k < n; k++) ym += y[rows[k]] / n;
  const A = new Float64Array(p * p),
    b = new Float64Array(p),
    z = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const i = rows[k];
    for (let j = 0; j < p; j++) z[j] = sd[j] > 0 ? (X[j][i] - mean[j]) / sd[j] : 0;
    const yc = y[i] - ym;
    for (let j = 0; j < p; j++) {
      b[j] += z[j] * yc;
      for (let l = 0; l <= j; l++) A[j * p + l] += z[j] * z[l];
    }
  }
  for (let j = 0; j < p; j++) {
    A[j * p + j] += lambda + 1e-10 * n;
    for (let l = 0; l < j; l++) A[l * p + j] = A[j * p + l];
  }
  // Cholesky A = L Lᵀ, then two triangular solves
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let l = 0; l <= j; l++) {
      let s = A[j * p + l];
      for (let k = 0; k < l; k++) s -= L[j * p + k] * L[l * p + k];
      if (l === j) {
        if (!(s > 0)) throw new Error(`${where}: normal equations are not positive definite (lambda ${lambda})`);
        L[j * p + j] = Math.sqrt(s);
      } else L[j * p + l] = s / L[l * p + l];
    }
  }
  const w = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = b[j];
    for (let k = 0; k < j; k++) s -= L[j * p + k] * w[k];
    w[j] = s / L[j * p + j];
  }
  const coef = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = w[j];
    for (let k = j + 1; k < p; k++) s -= L[k * p + j] * coef[k];
    coef[j] = s / L[j * p + j];
  }
  return Object.freeze({ lambda, intercept: ym, coef, mean, sd });
}

/** Predictions of `model` for every row of `X`. */
export function predictRidge(model: RidgeModel, X: readonly Float64Array[]): Float64Array {
  const n = X.length ? X[0].length : 0;
  const out = new Float64Array(n).fill(model.intercept);
  for (let j = 0; j < X.length; j++) {
    if (model.sd[j] === 0) continue;
    const c = model.coef[j] / model.sd[j],
      m = model.mean[j],
      col = X[j];
    for (let i = 0; i < n; i++) out[i] += c * (col[i] - m);
  }
  return out;
}
