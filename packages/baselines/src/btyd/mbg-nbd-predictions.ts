// MBG/NBD predictions (Batislam, Denizel & Filiztekin 2007, §2.2; the same expressions as
// lifetimes' ModifiedBetaGeoFitter). With p the dropout probability at each purchase,
// including the first one at time 0:
//   E[X(t)]            = b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))]
//   P(alive | x,t_x,T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x})          (for every x ≥ 0)
//   E[Y(t) | x,t_x,T]  = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ·
//                          2F1(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive | x,t_x,T)
// Derivation check: a customer alive at 0 with probability 1−p behaves as a BG/NBD customer,
// so E[X(t)] is b/(a+b) times the BG/NBD eq. 7 with b → b+1; given alive at T the posterior
// is λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x+1), and the future is BG/NBD eq. 10 with those.
// `t` is in the fit's time unit.
import { checkHorizon, historyColumns } from './customer-arrays.ts';
import { logHyp2f1 } from '../optim/hypergeometric.ts';
import type { CustomerHistory } from './customer-arrays.ts';
import type { MbgNbdFit } from './mbg-nbd.ts';

function checkA(where: string, a: number): void {
  if (Math.abs(a - 1) < 1e-9)
    throw new Error(`${where}: the MBG/NBD expectations are undefined at a = 1 (a/(a−1) diverges)`);
}

/** E[X(t)]: expected repeat purchases in (0, t] of a customer just acquired. */
export function mbgNbdExpectedPurchases(fit: MbgNbdFit, t: number): number {
  const where = 'baselines/mbgNbdExpectedPurchases';
  checkHorizon(where, t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = fit.params;
  checkA(where, a);
  const h = Math.exp(r * Math.log(alpha / (alpha + t)) + logHyp2f1(r, b + 1, a + b, t / (alpha + t)));
  return (b / (a - 1)) * (1 - h);
}

/** P(alive at T | x, t_x, T) per customer; below 1 even without repeat purchases. */
export function mbgNbdProbabilityAlive(fit: MbgNbdFit, history: CustomerHistory): Float64Array {
  const { x, tx, T } = historyColumns('baselines/mbgNbdProbabilityAlive', history);
  const { r, alpha, a, b } = fit.params;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const lo = Math.log(a / (b + x[i])) + (r + x[i]) * Math.log((alpha + T[i]) / (alpha + tx[i]));
    out[i] = lo > 0 ? Math.exp(-lo) / (1 + Math.exp(-lo)) : 1 / (1 + Math.exp(lo));
  }
  return out;
}

/** E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] per customer. */
export function mbgNbdConditionalExpectedPurchases(fit: MbgNbdFit, t: number, history: CustomerHistory): Float64Array {
  const where = 'baselines/mbgNbdConditionalExpectedPurchases';
  checkHorizon(where, t);
  const { x, T } = historyColumns(where, history);
  const alive = mbgNbdProbabilityAlive(fit, history);
  const out = new Float64Array(x.length);
  if (t === 0) return out;
  const { r, alpha, a, b } = fit.params;
  checkA(where, a);
  for (let i = 0; i < x.length; i++) {
    const rx = r + x[i],
      aT = alpha + T[i];
    const h = Math.exp(rx * Math.log(aT / (aT + t)) + logHyp2f1(rx, b + x[i] + 1, a + b + x[i], t / (aT + t)));
    out[i] = ((a + b + x[i]) / (a - 1)) * (1 - h) * alive[i];
  }
  return out;
}
