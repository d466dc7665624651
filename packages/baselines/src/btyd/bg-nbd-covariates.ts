// BG/NBD with time-invariant covariates, CLVTools' parametrisation (bgnbd with static
// covariates): each customer's parameters are
//   α_i = α · exp(−γ_trans · x_i),   a_i = a · exp(γ_life · z_i),   b_i = b · exp(γ_life · z_i),
// so the dropout probability's Beta(a_i, b_i) keeps its mean a/(a+b) and the covariates move
// its concentration (CLVTools' choice, which is why this model is weakly identified: a, b and
// γ_life trade off). The per-customer likelihood is Fader, Hardie & Lee (2005) eq. (6) at
// (r, α_i, a_i, b_i) in the log-sum-exp form of bg-nbd.ts; B(a_i, b_i+x)/B(a_i, b_i) =
// Π_{k<x} (b_i+k)/(a_i+b_i+k) is a product per customer now (a_i, b_i differ), everything else
// as there. Start: the no-covariate MLE with γ = 0.
import { fitBgNbd } from './bg-nbd.ts';
import { historyColumns } from './customer-arrays.ts';
import { fitWithCovariates, resolveCovariateOptions } from './covariate-fit.ts';
import { risingTable } from '../optim/rising-factorial.ts';
import { covariateLogLikelihood } from './covariate-likelihood.ts';
import type { CovariateFit, CovariateFitOptions } from './covariate-fit.ts';
import type { CovariateModel, CovariatePenalty, CovariateSets, CustomerLogLikelihood } from './covariate-likelihood.ts';
import type { BgNbdParams, BtydData } from './fit-types.ts';

export type BgNbdCovariatesFit = CovariateFit<'bgnbd-covariates', keyof BgNbdParams>;
export type BgNbdCovariatesOptions = CovariateFitOptions;

/** BG/NBD ℓ_i(r, α_i, a_i, b_i) and its derivatives, with lnΓ(r+x)/Γ(r) tabulated per evaluation. */
function bgNbdCustomer(base: Float64Array, maxX: number): CustomerLogLikelihood {
  const r = base[0];
  const { l: lgr, d: dgr } = risingTable(r, maxX + 1); // lnΓ(r+x) − lnΓ(r) and ψ(r+x) − ψ(r)
  return (p, x, tx, T, d) => {
    const alpha = p[1],
      a = p[2],
      b = p[3],
      rx = r + x;
    let lB = 0,
      dA = 0,
      dB = 0; // ln B(a, b+x)/B(a, b) and its derivatives
    for (let k = 0; k < x; k++) {
      const c = 1 / (a + b + k);
      lB += Math.log(b + k) - Math.log(a + b + k);
      dA -= c;
      dB += 1 / (b + k) - c;
    }
    const lT = Math.log(alpha + T),
      a3 = -rx * lT;
    let term = a3,
      w4 = 0,
      ltx = 0;
    if (x > 0) {
      ltx = Math.log(alpha + tx);
      const a4 = Math.log(a) - Math.log(b + x - 1) - rx * ltx,
        dd = a4 - a3;
      if (dd > 0) {
        const e = Math.exp(-dd);
        term = a4 + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(dd);
        term = a3 + Math.log1p(e);
        w4 = e / (1 + e);
      }
    }
    const w3 = 1 - w4,
      la = Math.log(alpha);
    d[0] = dgr[x] + la - w3 * lT - w4 * ltx;
    d[1] = r / alpha - rx * (w3 / (alpha + T) + (x > 0 ? w4 / (alpha + tx) : 0));
    d[2] = dA + (x > 0 ? w4 / a : 0);
    d[3] = dB - (x > 0 ? w4 / (b + x - 1) : 0);
    return lgr[x] + r * la + lB + term;
  };
}

/** The BG/NBD as covariate-likelihood.ts sees it: α linked to 'trans' with −, a and b to 'life' with +. */
export const BG_NBD_COVARIATE_MODEL: CovariateModel & { readonly names: readonly (keyof BgNbdParams)[] } =
  Object.freeze({
    names: Object.freeze(['r', 'alpha', 'a', 'b'] as const),
    links: Object.freeze([
      null,
      Object.freeze(['trans', -1] as const),
      Object.freeze(['life', 1] as const),
      Object.freeze(['life', 1] as const),
    ]),
    customer: bgNbdCustomer,
  });

/** Fits the BG/NBD with covariates (see header). */
export function fitBgNbdCovariates(
  data: BtydData,
  covariates: CovariateSets,
  options: BgNbdCovariatesOptions = {},
): BgNbdCovariatesFit {
  const where = 'baselines/fitBgNbdCovariates';
  const { o, base: rest } = resolveCovariateOptions(where, options);
  let start = o.start;
  if (!start) {
    const base = fitBgNbd(data, rest);
    start = [base.params.r, base.params.alpha, base.params.a, base.params.b];
  }
  return fitWithCovariates(where, 'bgnbd-covariates', BG_NBD_COVARIATE_MODEL, data, covariates, start, o);
}

/** Total BG/NBD log-likelihood with covariates at θ = [log r, log α, log a, log b, γ_trans, γ_life] (penalised when `penalty` is given). */
export function bgNbdCovariatesLogLikelihood(
  data: BtydData,
  covariates: CovariateSets,
  theta: Float64Array,
  grad: Float64Array,
  penalty: CovariatePenalty = { trans: 0, life: 0 },
): number {
  return covariateLogLikelihood(
    BG_NBD_COVARIATE_MODEL,
    historyColumns('baselines/bgNbdCovariatesLogLikelihood', data),
    covariates,
    penalty,
    theta,
    grad,
  );
}
