// Expected average spend per transaction given a customer's repeat purchases: Gamma-Gamma
// (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value", eq. 5):
//   E[M | p, q, γ, m̄, x] = (γ + m̄x) · p / (px + q − 1),
// a weighted mean of the population mean pγ/(q−1) and the customer's own mean m̄.
// Customers with x = 0 (or m̄ ≤ 0, excluded from the fit; see gamma-gamma.ts) get the
// population mean pγ/(q−1).
import type { GammaGammaFit } from './fit-types.ts';

/** E[M | history] per customer; `monetary` is the mean spend per repeat purchase day. */
export function expectedAverageSpend(
  fit: GammaGammaFit,
  data: { readonly frequency: ArrayLike<number> | number; readonly monetary: ArrayLike<number> | number },
): Float64Array {
  const where = 'baselines/expectedAverageSpend';
  const { p, q, gamma } = fit.params;
  if (!(q > 1)) throw new Error(`${where}: the spend mean p·γ/(q−1) needs q > 1, got q = ${q}`);
  const x = typeof data.frequency === 'number' ? [data.frequency] : data.frequency;
  const m = typeof data.monetary === 'number' ? [data.monetary] : data.monetary;
  if (m.length !== x.length)
    throw new Error(`${where}: expected frequency and monetary of equal length, got ${x.length} and ${m.length}`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = Number(x[i]),
      mi = Number(m[i]);
    if (!Number.isInteger(xi) || xi < 0)
      throw new Error(`${where}: row ${i + 1}: expected frequency to be a non-negative integer, got ${xi}`);
    out[i] = xi > 0 && mi > 0 ? ((gamma + mi * xi) * p) / (p * xi + q - 1) : (p * gamma) / (q - 1);
  }
  return out;
}
