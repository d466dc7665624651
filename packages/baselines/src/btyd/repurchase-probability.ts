// Probability of at least one purchase in (T, T+t] given (x, t_x, T): the benchmark's
// repurchase score. Both models: P(alive at T) × P(≥ 1 purchase in t | alive), where given
// alive the posterior rate is λ ~ Gamma(r+x, α+T) (FHL 2005 §3; SMC 1987 §4).
//   BG/NBD: an alive customer can only drop out right after a purchase, so no purchase in t
//     has probability E[e^{−λt}] = ((α+T)/(α+T+t))^{r+x}: closed form
//     P = P(alive) · [1 − ((α+T)/(α+T+t))^{r+x}].
//   Pareto/NBD: dropout μ ~ Gamma(s, β+T) independent of λ, death after Exp(μ):
//     P(≥1 | λ, μ) = λ/(λ+μ) · (1 − e^{−(λ+μ)t}) = ∫_0^t λ e^{−(λ+μ)u} du, hence
//     P = P(alive) · ∫_0^t (r+x)/(α+T) · ((α+T)/(α+T+u))^{r+x+1} · ((β+T)/(β+T+u))^s du,
//     which after w = ln(1 + u/(α+T)) is ∫_0^W (r+x) e^{−(r+x)w} ((β+T)/(β+T+u(w)))^s dw, W =
//     ln(1 + t/(α+T)): an exponential times a smooth bounded factor, cut at 40 e-folds
//     (relative error e^{−40}) and evaluated by 4 × 16-point Gauss–Legendre (no closed form).
import { checkHorizon, historyColumns } from './customer-arrays.ts';
import { gaussLegendre, integrate } from '../optim/gauss-legendre.ts';
import { logProbabilityAlive } from './probability-alive.ts';
import type { CustomerHistory } from './customer-arrays.ts';
import type { PurchaseFit } from './fit-types.ts';

const RULE = gaussLegendre(16);

/** P(≥ 1 purchase in (T, T+t] | history) per customer (dispatch on fit.model). */
export function repurchaseProbability(fit: PurchaseFit, t: number, history: CustomerHistory): Float64Array {
  const where = 'baselines/repurchaseProbability';
  checkHorizon(where, t);
  const { x, T } = historyColumns(where, history);
  const logAlive = logProbabilityAlive(fit, history);
  const out = new Float64Array(x.length);
  if (t === 0) return out;
  const { r, alpha } = fit.params;
  for (let i = 0; i < x.length; i++) {
    const rx = r + x[i],
      aT = alpha + T[i];
    const V = -Math.expm1(rx * Math.log(aT / (aT + t)));
    let inner = V;
    if (fit.model === 'pareto-nbd') {
      const { s, beta } = fit.params;
      const bT = beta + T[i];
      const W = Math.min(Math.log1p(t / aT), 40 / rx);
      inner = integrate((w) => rx * Math.exp(-rx * w) * Math.pow(bT / (bT + aT * Math.expm1(w)), s), 0, W, RULE);
    }
    out[i] = Math.exp(logAlive[i]) * inner;
  }
  return out;
}
