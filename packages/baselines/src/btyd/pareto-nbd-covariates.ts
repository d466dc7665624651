// Pareto/NBD with time-invariant covariates, CLVTools' parametrisation (pnbd with static
// covariates; Meierer, Bachmann et al.): each customer's Gamma scales are
//   α_i = α · exp(−γ_trans · x_i),   β_i = β · exp(−γ_life · z_i),
// so a positive γ_trans raises the expected purchase rate r/α_i and a positive γ_life the
// expected dropout rate s/β_i; r and s are shared. The per-customer likelihood is the
// Pareto/NBD's (pareto-nbd.ts, Fader & Hardie 2005 eq. 22) at (r, α_i, s, β_i), with the
// exact gradient carried through the links by covariate-likelihood.ts. Separate covariate sets
// for the two processes, optional L2 penalty (CLVTools reg.lambdas). Start: the no-covariate
// MLE with γ = 0 (the covariate model's likelihood there is exactly the no-covariate one).
// No s, β → ∞ boundary handling here: a fit that walks onto that ridge fails loudly.
import { historyColumns } from './customer-arrays.ts';
import { fitWithCovariates, resolveCovariateOptions } from './covariate-fit.ts';
import { risingTable } from '../optim/rising-factorial.ts';
import { covariateLogLikelihood } from './covariate-likelihood.ts';
import { paretoNbdCustomer, fitParetoNbd } from './pareto-nbd.ts';
import type { CovariateFit, CovariateFitOptions } from './covariate-fit.ts';
import type { CovariateModel, CovariatePenalty, CovariateSets, CustomerLogLikelihood } from './covariate-likelihood.ts';
import type { BtydData, ParetoNbdParams } from './fit-types.ts';

export type ParetoNbdCovariatesFit = CovariateFit<'pareto-nbd-covariates', keyof ParetoNbdParams>;
export type ParetoNbdCovariatesOptions = CovariateFitOptions;

/** Pareto/NBD ℓ_i(r, α_i, s, β_i) and its derivatives, with lnΓ(r+x)/Γ(r) tabulated per evaluation. */
function paretoCustomer(base: Float64Array, maxX: number): CustomerLogLikelihood {
  const r = base[0];
  const { l: lgr, d: dgr } = risingTable(r, maxX + 1); // lnΓ(r+x) − lnΓ(r) and ψ(r+x) − ψ(r)
  const out = new Float64Array(6);
  return (p, x, tx, T, d) => {
    const a = p[1],
      s = p[2],
      b = p[3];
    if (!paretoNbdCustomer(r, a, s, b, x, tx, T, out)) return -Infinity;
    const la = Math.log(a),
      lb = Math.log(b);
    d[0] = dgr[x] + la + out[1];
    d[1] = r / a + out[2];
    d[2] = lb + out[3];
    d[3] = s / b + out[4];
    return lgr[x] + r * la + s * lb + out[0];
  };
}

/** The Pareto/NBD as covariate-likelihood.ts sees it: α linked to 'trans' with −, β to 'life' with −. */
export const PARETO_NBD_COVARIATE_MODEL: CovariateModel & { readonly names: readonly (keyof ParetoNbdParams)[] } =
  Object.freeze({
    names: Object.freeze(['r', 'alpha', 's', 'beta'] as const),
    links: Object.freeze([null, Object.freeze(['trans', -1] as const), null, Object.freeze(['life', -1] as const)]),
    customer: paretoCustomer,
  });

/** Fits the Pareto/NBD with covariates (see header). */
export function fitParetoNbdCovariates(
  data: BtydData,
  covariates: CovariateSets,
  options: ParetoNbdCovariatesOptions = {},
): ParetoNbdCovariatesFit {
  const where = 'baselines/fitParetoNbdCovariates';
  const { o, base: rest } = resolveCovariateOptions(where, options);
  let start = o.start;
  if (!start) {
    const base = fitParetoNbd(data, rest);
    if (base.boundary)
      throw new Error(
        `${where}: the no-covariate Pareto/NBD is at its s, β → ∞ boundary (${base.warning}); pass options.start to fit with covariates anyway`,
      );
    start = [base.params.r, base.params.alpha, base.params.s, base.params.beta];
  }
  return fitWithCovariates(where, 'pareto-nbd-covariates', PARETO_NBD_COVARIATE_MODEL, data, covariates, start, o);
}

/** Total Pareto/NBD log-likelihood with covariates at θ = [log r, log α, log s, log β, γ_trans, γ_life] (penalised when `penalty` is given). */
export function paretoNbdCovariatesLogLikelihood(
  data: BtydData,
  covariates: CovariateSets,
  theta: Float64Array,
  grad: Float64Array,
  penalty: CovariatePenalty = { trans: 0, life: 0 },
): number {
  return covariateLogLikelihood(
    PARETO_NBD_COVARIATE_MODEL,
    historyColumns('baselines/paretoNbdCovariatesLogLikelihood', data),
    covariates,
    penalty,
    theta,
    grad,
  );
}
