// One customer's parameters under a covariate fit, as a plain no-covariate fit object, so the
// existing prediction functions (expectedPurchases, conditionalExpectedPurchases,
// probabilityAlive, repurchaseProbability, customerLifetimeValue) apply unchanged:
// Pareto/NBD α_i = α·e^{−γ_trans·x_i}, β_i = β·e^{−γ_life·z_i}; BG/NBD α_i as above,
// a_i = a·e^{γ_life·z_i}, b_i = b·e^{γ_life·z_i} (covariate-likelihood.ts).
import type { BgNbdCovariatesFit } from './bg-nbd-covariates.ts';
import type { CovariateSets } from './covariate-likelihood.ts';
import type { BgNbdFit, ParetoNbdFit } from './fit-types.ts';
import type { ParetoNbdCovariatesFit } from './pareto-nbd-covariates.ts';

/** Customer `i`'s fit (row i of `covariates`, which must carry the fit's covariate names in order). */
export function covariateCustomerFit(fit: ParetoNbdCovariatesFit, covariates: CovariateSets, i: number): ParetoNbdFit;
export function covariateCustomerFit(fit: BgNbdCovariatesFit, covariates: CovariateSets, i: number): BgNbdFit;
export function covariateCustomerFit(
  fit: ParetoNbdCovariatesFit | BgNbdCovariatesFit,
  covariates: CovariateSets,
  i: number,
): ParetoNbdFit | BgNbdFit {
  const where = 'baselines/covariateCustomerFit';
  const eta = { trans: 0, life: 0 };
  for (const set of ['trans', 'life'] as const) {
    const names = fit.covariates[set],
      m = covariates[set];
    if ((m?.names ?? []).join('\u0000') !== names.join('\u0000')) {
      throw new Error(
        `${where}: the '${set}' covariates are [${(m?.names ?? []).join(', ')}], the fit has [${names.join(', ')}]`,
      );
    }
    if (!m) continue;
    if (!(Number.isInteger(i) && i >= 0 && i < m.customers))
      throw new Error(`${where}: customer index ${i} outside 0..${m.customers - 1}`);
    names.forEach((c, j) => {
      eta[set] += fit.coefficients[`${set}.${c}`] * m.values[i * names.length + j];
    });
  }
  const diagnostics = {
    logLikelihood: fit.logLikelihood,
    nCustomers: 1,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    methods: fit.methods,
  };
  const et = Math.exp(-eta.trans),
    el = Math.exp(eta.life);
  if (fit.model === 'pareto-nbd-covariates') {
    const { r, alpha, s, beta } = fit.params;
    return Object.freeze({
      model: 'pareto-nbd',
      params: { r, alpha: alpha * et, s, beta: beta / el },
      stdErrors: { r: NaN, alpha: NaN, s: NaN, beta: NaN },
      boundary: false,
      ...diagnostics,
    });
  }
  const { r, alpha, a, b } = fit.params;
  return Object.freeze({
    model: 'bgnbd',
    params: { r, alpha: alpha * et, a: a * el, b: b * el },
    stdErrors: { r: NaN, alpha: NaN, a: NaN, b: NaN },
    ...diagnostics,
  });
}
