// Ridge regression in closed form (Hoerl & Kennard 1970) for the linear probes, on a row-major
// matrix (an embedding table) and a subset of its rows. With z the features standardised on
// the fitted rows (mean 0, population sd 1) and n the number of fitted rows it minimises
//   (1/n) Σ (y_i − b₀ − z_iᵀβ)² + λ‖β‖²,
// i.e. solves (C + λI) β = r with C = ZᵀZ/n the correlation matrix of the features and r the
// feature–target covariances over the sds, by Cholesky. The intercept is not penalised; a
// column with no spread on the fitted rows (variance ≤ 1e-12 · mean²) gets coefficient 0.
// λ in these units is dataset-size free and the same for an embedding and for RFM columns.
// Coefficients are returned in the original feature units: ŷ = b₀ + xᵀcoef.
//
// Hand-written (as baselines' fitRidge, which decisions may not import: it sits in the model
// layer): the systems are d × d with d ≲ a few hundred, and a linear-algebra dependency would
// be heavier than these lines.

/** A fitted ridge in original feature units. */
export interface RidgeFit {
  readonly lambda: number;
  readonly intercept: number;
  readonly coef: Float64Array;
}

/** Solves A x = b in place (b becomes x) for symmetric positive definite A (p × p, row-major). */
function choleskySolve(fn: string, A: Float64Array, b: Float64Array, p: number): void {
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) {
      let s = A[j * p + k];
      for (let l = 0; l < k; l++) s -= A[j * p + l] * A[k * p + l];
      A[j * p + k] = s / A[k * p + k];
    }
    let diag = A[j * p + j];
    for (let l = 0; l < j; l++) diag -= A[j * p + l] * A[j * p + l];
    if (!(diag > 1e-12))
      throw new Error(
        `decisions/${fn}: the ridge system is singular at column ${j} (collinear features with lambda 0?), expected lambda > 0`,
      );
    A[j * p + j] = Math.sqrt(diag);
  }
  for (let j = 0; j < p; j++) {
    for (let l = 0; l < j; l++) b[j] -= A[j * p + l] * b[l];
    b[j] /= A[j * p + j];
  }
  for (let j = p - 1; j >= 0; j--) {
    for (let l = j + 1; l < p; l++) b[j] -= A[l * p + j] * b[l];
    b[j] /= A[j * p + j];
  }
}

/** Ridge of y on the rows `rows` of the row-major matrix X (d columns), penalty λ ≥ 0. */
export function fitRidgeRows(
  fn: string,
  X: Float32Array | Float64Array,
  d: number,
  y: Float64Array,
  rows: Int32Array,
  lambda: number,
): RidgeFit {
  const n = rows.length;
  const mean = new Float64Array(d);
  let ym = 0;
  for (const r of rows) {
    ym += y[r];
    for (let j = 0; j < d; j++) mean[j] += X[r * d + j];
  }
  ym /= n;
  for (let j = 0; j < d; j++) mean[j] /= n;
  // Centred cross-products G = Σ (x − m)(x − m)ᵀ (lower triangle) and g = Σ (x − m)(y − ȳ).
  const G = new Float64Array(d * d),
    g = new Float64Array(d),
    xc = new Float64Array(d);
  for (const r of rows) {
    for (let j = 0; j < d; j++) xc[j] = X[r * d + j] - mean[j];
    const yc = y[r] - ym;
    for (let j = 0; j < d; j++) {
      const v = xc[j];
      g[j] += v * yc;
      const row = j * d;
      for (let l = 0; l <= j; l++) G[row + l] += v * xc[l];
    }
  }
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const v = G[j * d + j] / n;
    sd[j] = v > 1e-12 * mean[j] * mean[j] ? Math.sqrt(v) : 0;
  }
  // C + λI over the standardised columns (a flat column: identity row, right-hand side 0).
  const A = new Float64Array(d * d),
    beta = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    for (let l = 0; l < j; l++) A[j * d + l] = sd[j] > 0 && sd[l] > 0 ? G[j * d + l] / (n * sd[j] * sd[l]) : 0;
    A[j * d + j] = sd[j] > 0 ? 1 + lambda : 1;
    beta[j] = sd[j] > 0 ? g[j] / (n * sd[j]) : 0;
  }
  choleskySolve(fn, A, beta, d);
  const coef = new Float64Array(d);
  let intercept = ym;
  for (let j = 0; j < d; j++) {
    coef[j] = sd[j] > 0 ? beta[j] / sd[j] : 0;
    intercept -= coef[j] * mean[j];
  }
  return Object.freeze({ lambda, intercept, coef });
}
