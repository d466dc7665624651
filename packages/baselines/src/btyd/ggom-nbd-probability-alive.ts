// P(alive at T | x, t_x, T) under the GGom/NBD (Bemmaor & Glady 2012; CLVTools' ggomnbd PAlive):
// the share of the likelihood bracket that comes from the customer being alive at T,
//   P = (α+T)^{−(r+x)} (β/(β+e^{bT}−1))^s / [ (α+T)^{−(r+x)} (β/(β+e^{bT}−1))^s + b s β^s I ],
// from the likelihood code of ggom-nbd.ts (I by ggom-nbd-integral.ts). At a boundary fit it
// equals the Pareto/NBD limit's P(alive) to ~b·T.
import { historyColumns } from './customer-arrays.ts';
import { ggomNbdCustomer } from './ggom-nbd.ts';
import type { CustomerHistory } from './customer-arrays.ts';
import type { GgomNbdFit } from './ggom-nbd.ts';

/** P(alive at T) per customer. */
export function ggomNbdProbabilityAlive(fit: GgomNbdFit, history: CustomerHistory): Float64Array {
  const { x, tx, T } = historyColumns('baselines/ggomNbdProbabilityAlive', history);
  const { r, alpha, b, s, beta } = fit.params;
  const out = new Float64Array(x.length),
    scratch = new Float64Array(7);
  for (let i = 0; i < x.length; i++) {
    ggomNbdCustomer(r, alpha, b, s, beta, x[i], tx[i], T[i], scratch);
    out[i] = Math.exp(scratch[6]);
  }
  return out;
}
