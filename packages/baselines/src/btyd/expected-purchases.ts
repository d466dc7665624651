// Expected number of purchases in (0, t] for a customer just acquired (random customer):
//   BG/NBD (Fader, Hardie & Lee 2005, eq. 7):
//     E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))]
//   Pareto/NBD (Schmittlein, Morrison & Colombo 1987, eq. 17; Fader & Hardie 2005 note):
//     E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^{s−1}]     (s ≠ 1; rβ/α · ln(1 + t/β) at s = 1)
// `t` is in the time unit the model was fitted in.
import { logHyp2f1 } from '../optim/hypergeometric.ts';
import { checkHorizon } from './customer-arrays.ts';
import type { PurchaseFit } from './fit-types.ts';

/** E[X(t)]: expected purchases in (0, t] for a new customer (dispatch on fit.model). */
export function expectedPurchases(fit: PurchaseFit, t: number): number {
  checkHorizon('baselines/expectedPurchases', t);
  if (t === 0) return 0;
  if (fit.model === 'bgnbd') {
    const { r, alpha, a, b } = fit.params;
    if (Math.abs(a - 1) < 1e-9) throw new Error('baselines/expectedPurchases: BG/NBD eq. 7 is undefined at a = 1');
    const z = t / (alpha + t);
    const h = Math.exp(r * Math.log(alpha / (alpha + t)) + logHyp2f1(r, b, a + b - 1, z));
    return ((a + b - 1) / (a - 1)) * (1 - h);
  }
  const { r, alpha, s, beta } = fit.params;
  if (Math.abs(s - 1) < 1e-9) return ((r * beta) / alpha) * Math.log1p(t / beta);
  return ((r * beta) / (alpha * (s - 1))) * (1 - Math.pow(beta / (beta + t), s - 1));
}
