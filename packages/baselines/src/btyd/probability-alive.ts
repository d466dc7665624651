// Probability that a customer with history (x, t_x, T) is still alive at T:
//   BG/NBD (Fader, Hardie & Lee 2008, "Computing P(alive) Using the BG/NBD Model", eq. 1):
//     P = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x})
//   Pareto/NBD (Fader & Hardie 2005 note, eq. 23; Schmittlein et al. 1987 eq. 11):
//     P = [(α+T)^{−(r+x)} (β+T)^{−s}] / [(α+T)^{−(r+x)} (β+T)^{−s} + s/(r+s+x) · A0]
// evaluated in log space with the likelihood code of pareto-nbd.ts.
import { historyColumns } from './customer-arrays.ts';
import { paretoNbdCustomer } from './pareto-nbd.ts';
import type { CustomerHistory } from './customer-arrays.ts';
import type { PurchaseFit } from './fit-types.ts';

/** log P(alive at T) per customer. */
export function logProbabilityAlive(fit: PurchaseFit, history: CustomerHistory): Float64Array {
  const where = 'baselines/probabilityAlive';
  const { x, tx, T } = historyColumns(where, history);
  const out = new Float64Array(x.length);
  if (fit.model === 'bgnbd') {
    const { r, alpha, a, b } = fit.params;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === 0) continue;
      const lo = Math.log(a / (b + x[i] - 1)) + (r + x[i]) * Math.log((alpha + T[i]) / (alpha + tx[i]));
      out[i] = lo > 0 ? -lo - Math.log1p(Math.exp(-lo)) : -Math.log1p(Math.exp(lo));
    }
    return out;
  }
  const { r, alpha, s, beta } = fit.params;
  const scratch = new Float64Array(6);
  for (let i = 0; i < x.length; i++) {
    if (!paretoNbdCustomer(r, alpha, s, beta, x[i], tx[i], T[i], scratch)) {
      throw new Error(`${where}: row ${i + 1}: hypergeometric series did not converge`);
    }
    out[i] = scratch[5];
  }
  return out;
}

/** P(alive at T) per customer (dispatch on fit.model). */
export function probabilityAlive(fit: PurchaseFit, history: CustomerHistory): Float64Array {
  return logProbabilityAlive(fit, history).map(Math.exp);
}
