// Expected purchases in (T, T+t] given a customer's history (x, t_x, T):
//   BG/NBD (Fader, Hardie & Lee 2005, eq. 10):
//     E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ·
//                            2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive)
//   (the denominator 1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^{r+x} of eq. 10 is 1/P(alive)).
//   Pareto/NBD (Schmittlein et al. 1987 eq. 22; Fader & Hardie 2005 note, eq. 27):
//     E[Y(t) | x, t_x, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]
//   (at s = 1 the bracket/(s−1) becomes ln(1 + t/(β+T))).
// `t` is in the fit's time unit.
import { checkHorizon, historyColumns } from './customer-arrays.ts';
import { logHyp2f1 } from '../optim/hypergeometric.ts';
import { logProbabilityAlive } from './probability-alive.ts';
import type { CustomerHistory } from './customer-arrays.ts';
import type { PurchaseFit } from './fit-types.ts';

/** E[Y(t) | history] per customer (dispatch on fit.model). */
export function conditionalExpectedPurchases(fit: PurchaseFit, t: number, history: CustomerHistory): Float64Array {
  const where = 'baselines/conditionalExpectedPurchases';
  checkHorizon(where, t);
  const { x, T } = historyColumns(where, history);
  const logAlive = logProbabilityAlive(fit, history);
  const out = new Float64Array(x.length);
  if (t === 0) return out;
  if (fit.model === 'bgnbd') {
    const { r, alpha, a, b } = fit.params;
    if (Math.abs(a - 1) < 1e-9) throw new Error(`${where}: BG/NBD eq. 10 is undefined at a = 1`);
    for (let i = 0; i < x.length; i++) {
      const rx = r + x[i],
        aT = alpha + T[i];
      const h = Math.exp(rx * Math.log(aT / (aT + t)) + logHyp2f1(rx, b + x[i], a + b + x[i] - 1, t / (aT + t)));
      out[i] = ((a + b + x[i] - 1) / (a - 1)) * (1 - h) * Math.exp(logAlive[i]);
    }
    return out;
  }
  const { r, alpha, s, beta } = fit.params;
  for (let i = 0; i < x.length; i++) {
    const bT = beta + T[i];
    const tail = Math.abs(s - 1) < 1e-9 ? Math.log1p(t / bT) : (1 - Math.pow(bT / (bT + t), s - 1)) / (s - 1);
    out[i] = Math.exp(logAlive[i]) * (((r + x[i]) * bT) / (alpha + T[i])) * tail;
  }
  return out;
}
