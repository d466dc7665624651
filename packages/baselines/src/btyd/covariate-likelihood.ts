// Log-likelihood of a BTYD model whose customer-level parameters depend on time-invariant
// covariates through log-linear links (CLVTools' parametrisation, Meierer, Bachmann et al.):
//   θ_ij = θ_j · exp(±γ_set · x_i,set)      for a parameter linked to the 'trans' or 'life' set,
// e.g. Pareto/NBD α_i = α·e^{−γ_trans·x_i}, β_i = β·e^{−γ_life·z_i}; BG/NBD α_i as above,
// a_i = a·e^{γ_life·z_i}, b_i = b·e^{γ_life·z_i}. With all γ = 0 every customer has the base
// parameters, so the likelihood is the no-covariate model's. Optional L2 penalty on the
// coefficients as CLVTools' reg.lambdas: the objective is mean LL − λ_trans‖γ_trans‖² −
// λ_life‖γ_life‖². The gradient is exact by the chain rule, given the model's per-customer
// log-likelihood and its derivatives in that customer's parameters:
//   ∂/∂log θ_j = Σ_i θ_ij ∂ℓ_i/∂θ_ij,   ∂/∂γ_c = Σ_i ±x_ic θ_ij ∂ℓ_i/∂θ_ij.
// Parameter vector: [log θ_1..θ_m, γ_trans (covariate order), γ_life].
import type { CovariateMatrix } from './covariate-matrix.ts';
import type { HistoryColumns } from './customer-arrays.ts';

/** Covariates of the purchase ('trans') and the dropout ('life') process; either may be absent. */
export interface CovariateSets {
  readonly trans?: CovariateMatrix;
  readonly life?: CovariateMatrix;
}

/** L2 penalty weights per covariate set (CLVTools reg.lambdas); 0 = unpenalised. */
export interface CovariatePenalty {
  readonly trans: number;
  readonly life: number;
}

/** ℓ_i at customer parameters `p`, with ∂ℓ_i/∂p written into `d` (−∞ when not computable). */
export type CustomerLogLikelihood = (p: Float64Array, x: number, tx: number, T: number, d: Float64Array) => number;

/** A model as the covariate likelihood sees it. */
export interface CovariateModel {
  /** Base parameter names, in θ order. */
  readonly names: readonly string[];
  /** Per base parameter: the covariate set in its exponent and the sign, or null when it has no covariates. */
  readonly links: readonly (readonly ['trans' | 'life', 1 | -1] | null)[];
  /** Builds the per-customer log-likelihood for one evaluation (tables that depend on shared parameters only). */
  readonly customer: (base: Float64Array, maxX: number) => CustomerLogLikelihood;
}

/** Total (penalised) log-likelihood at θ (see header); gradient in θ into `grad`. */
export function covariateLogLikelihood(
  model: CovariateModel,
  h: HistoryColumns,
  cov: CovariateSets,
  penalty: CovariatePenalty,
  theta: Float64Array,
  grad: Float64Array,
): number {
  const m = model.names.length,
    kt = cov.trans?.names.length ?? 0,
    kl = cov.life?.names.length ?? 0;
  const base = Float64Array.from(theta.subarray(0, m), Math.exp);
  let maxX = 0;
  for (let i = 0; i < h.x.length; i++) if (h.x[i] > maxX) maxX = h.x[i];
  const f = model.customer(base, maxX);
  const p = new Float64Array(m),
    d = new Float64Array(m);
  const offset = { trans: m, life: m + kt } as const;
  const k = { trans: kt, life: kl } as const;
  grad.fill(0);
  let ll = 0;
  for (let i = 0; i < h.x.length; i++) {
    let et = 0,
      el = 0;
    for (let c = 0; c < kt; c++) et += theta[m + c] * cov.trans!.values[i * kt + c];
    for (let c = 0; c < kl; c++) el += theta[m + kt + c] * cov.life!.values[i * kl + c];
    for (let j = 0; j < m; j++) {
      const link = model.links[j];
      p[j] = link ? base[j] * Math.exp(link[1] * (link[0] === 'trans' ? et : el)) : base[j];
    }
    const li = f(p, h.x[i], h.tx[i], h.T[i], d);
    if (!Number.isFinite(li)) {
      grad.fill(0);
      return -Infinity;
    }
    ll += li;
    for (let j = 0; j < m; j++) {
      const g = p[j] * d[j];
      grad[j] += g;
      const link = model.links[j];
      if (!link || !cov[link[0]]) continue; // no covariates on this process: only the base gradient
      const set = link[0],
        X = cov[set]!.values,
        kk = k[set],
        o = offset[set];
      for (let c = 0; c < kk; c++) grad[o + c] += link[1] * X[i * kk + c] * g;
    }
  }
  const n = h.x.length;
  for (let c = 0; c < kt + kl; c++) {
    const lambda = c < kt ? penalty.trans : penalty.life,
      gamma = theta[m + c];
    ll -= n * lambda * gamma * gamma;
    grad[m + c] -= 2 * n * lambda * gamma;
  }
  return ll;
}
