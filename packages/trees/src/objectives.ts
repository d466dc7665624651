// The GBDT objectives, with XGBoost 1.7's gradients, hessians, evaluation metrics and base-score
// conventions (src/objective/regression_obj.cu, src/metric/elementwise_metric.cu), so that the
// same hyper-parameters train the same model:
//   log1p-squared  z = log1p(y); g = m − z, h = 1; metric RMSE(z, m); prediction expm1(m) ≥ 0.
//   tweedie        compound Poisson–gamma with variance power ρ ∈ [1, 2) and log link (Tweedie
//                  1984; Jørgensen 1987; boosted as in Yang, Qian & Zou 2018, JBES 36(3)):
//                  g = −y·e^{(1−ρ)m} + e^{(2−ρ)m}, h = −y(1−ρ)·e^{(1−ρ)m} + (2−ρ)·e^{(2−ρ)m};
//                  metric tweedie-nloglik@ρ; prediction e^m. ρ = 1.5 is the usual choice for
//                  zero-heavy spend (a point mass at 0 plus a continuous positive part).
//   logistic       p = σ(m); g = p − y, h = max(p(1 − p), 1e-16); metric logloss; prediction p.
// The base margin (m before any tree) is XGBoost's base_score through the link: z itself,
// log(base_score), logit(base_score). Fitted by default from the training mean in link space.

export type GbdtObjective = 'log1p-squared' | 'tweedie' | 'logistic';
export const GBDT_OBJECTIVES: readonly GbdtObjective[] = Object.freeze(['log1p-squared', 'tweedie', 'logistic']);

export interface Objective {
  readonly name: GbdtObjective;
  /** The label the trees fit, from y (log1p for log1p-squared, y otherwise). */
  target(y: Float64Array): Float64Array;
  /** Extra checks on the training labels (logistic: both classes present). */
  checkTraining?(t: Float64Array): void;
  /** Base margin from the training target (link of its mean). */
  baseMargin(t: Float64Array): number;
  /** gh[2i] = g_i, gh[2i + 1] = h_i at margin m_i. */
  gradients(t: Float64Array, m: Float64Array, gh: Float64Array): void;
  /** Evaluation metric on a fold (lower is better), as XGBoost's default metric for the objective. */
  loss(t: Float64Array, m: Float64Array): number;
  /** Margin → prediction. */
  response(m: number): number;
}

function checkTarget(where: string, y: Float64Array, rule: (v: number) => boolean, expected: string): void {
  for (let i = 0; i < y.length; i++) {
    if (!rule(y[i])) throw new Error(`${where}: label ${i} is ${y[i]}, expected ${expected}`);
  }
}

function mean(t: Float64Array): number {
  let s = 0;
  for (let i = 0; i < t.length; i++) s += t[i];
  return s / t.length;
}

/** The objective `name`, its labels checked against `where`. */
export function objectiveFor(where: string, name: GbdtObjective, tweedieVariancePower: number): Objective {
  const rho = tweedieVariancePower;
  switch (name) {
    case 'log1p-squared':
      return {
        name,
        target(y) {
          checkTarget(where, y, (v) => v >= 0 && v < Infinity, 'a finite value ≥ 0 (log1p-squared fits log1p of it)');
          return y.map(Math.log1p);
        },
        baseMargin: mean,
        gradients(t, m, gh) {
          for (let i = 0; i < t.length; i++) {
            gh[2 * i] = m[i] - t[i];
            gh[2 * i + 1] = 1;
          }
        },
        loss(t, m) {
          let s = 0;
          for (let i = 0; i < t.length; i++) s += (m[i] - t[i]) ** 2;
          return Math.sqrt(s / t.length);
        },
        response: (m) => Math.max(0, Math.expm1(m)),
      };
    case 'tweedie':
      return {
        name,
        target(y) {
          checkTarget(where, y, (v) => v >= 0 && v < Infinity, 'a finite value ≥ 0 (tweedie)');
          return y;
        },
        baseMargin(t) {
          const mu = mean(t);
          if (!(mu > 0))
            throw new Error(
              `${where}: every tweedie label is 0; the log-link base margin needs a positive mean (pass baseMargin)`,
            );
          return Math.log(mu);
        },
        gradients(t, m, gh) {
          for (let i = 0; i < t.length; i++) {
            const a = Math.exp((1 - rho) * m[i]),
              b = Math.exp((2 - rho) * m[i]);
            gh[2 * i] = -t[i] * a + b;
            gh[2 * i + 1] = -t[i] * (1 - rho) * a + (2 - rho) * b;
          }
        },
        loss(t, m) {
          let s = 0;
          for (let i = 0; i < t.length; i++)
            s += (-t[i] * Math.exp((1 - rho) * m[i])) / (1 - rho) + Math.exp((2 - rho) * m[i]) / (2 - rho);
          return s / t.length;
        },
        response: Math.exp,
      };
    case 'logistic':
      return {
        name,
        target(y) {
          checkTarget(where, y, (v) => v === 0 || v === 1, '0 or 1 (logistic)');
          return y;
        },
        checkTraining(t) {
          const positives = t.reduce((a, b) => a + b, 0);
          if (positives === 0 || positives === t.length)
            throw new Error(
              `${where}: every training label is ${t[0]}: a logistic model needs both classes (a repurchase label with a single class)`,
            );
        },
        baseMargin(t) {
          const p = mean(t);
          return Math.log(p / (1 - p));
        },
        gradients(t, m, gh) {
          for (let i = 0; i < t.length; i++) {
            const p = 1 / (1 + Math.exp(-m[i]));
            gh[2 * i] = p - t[i];
            gh[2 * i + 1] = Math.max(p * (1 - p), 1e-16);
          }
        },
        loss(t, m) {
          let s = 0;
          for (let i = 0; i < t.length; i++) {
            const p = Math.min(Math.max(1 / (1 + Math.exp(-m[i])), 1e-16), 1 - 1e-16);
            s -= t[i] === 1 ? Math.log(p) : Math.log(1 - p);
          }
          return s / t.length;
        },
        response: (m) => 1 / (1 + Math.exp(-m)),
      };
    default:
      throw new Error(`${where}: unknown objective '${String(name)}' (expected one of ${GBDT_OBJECTIVES.join(', ')})`);
  }
}
