// Gamma-Gamma spend model: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value",
// eq. (1) (after Colombo & Jiang 1999): for a customer with x repeat transactions of mean
// value m̄,
//   f(m̄ | p, q, γ; x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q m̄^{px−1} x^{px} / (γ + m̄x)^{px+q}.
// Analytic gradient; Γ/ψ terms are evaluated once per distinct x and Σ x ln m̄, Σ ln m̄,
// Σ x ln x are precomputed, so a customer costs one log per evaluation.
//
// Returns and zero spend (one policy, used by the CLI and the benchmark models too):
// spend is summed per purchase DAY net of returns that day (see customer-history.ts);
// `monetary` is the mean over REPEAT purchase days (the first day excluded, as lifetimes'
// summary_data_from_transaction_data does). Customers with frequency 0 (no repeat purchase)
// and customers whose mean repeat spend is ≤ 0 (all returns or zero-priced items) are
// excluded from the fit, counted in `excluded` and reported by the CLI. All customers
// excluded → error.
import { digamma, logGamma } from '../optim/special-functions.ts';
import { resolveOptions } from '@clvlab/core';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import type { GammaGammaFit, SpendData } from './fit-types.ts';
import { DEFAULT_MINIMIZE, type MinimizeOptions } from '../optim/minimize.ts';

export const DEFAULT_GAMMA_GAMMA: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
}> = Object.freeze({
  /** Start (p, q, γ): p = q = 1 is the exponential-spend case; γ is rescaled to the mean spend. */
  start: Object.freeze([1, 1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
});
export type GammaGammaOptions = Partial<typeof DEFAULT_GAMMA_GAMMA> & MinimizeOptions;

/** Fits the Gamma-Gamma spend model to repeat buyers with positive mean spend (see header). */
export function fitGammaGamma(data: SpendData, options: GammaGammaOptions = {}): GammaGammaFit {
  const where = 'baselines/fitGammaGamma';
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_GAMMA_GAMMA }, options);
  const n = data.frequency.length;
  if (data.monetary.length !== n)
    throw new Error(`${where}: expected frequency and monetary of equal length, got ${n} and ${data.monetary.length}`);
  if (n === 0) throw new Error(`${where}: empty cohort (no customers to fit)`);
  let noRepeat = 0,
    nonPositive = 0,
    maxX = 0;
  const xs: number[] = [],
    ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Number(data.frequency[i]),
      m = Number(data.monetary[i]);
    if (!Number.isFinite(x) || x < 0 || !Number.isInteger(x))
      throw new Error(`${where}: row ${i + 1}: expected frequency to be a non-negative integer, got ${x}`);
    if (Number.isNaN(m)) throw new Error(`${where}: row ${i + 1}: expected a numeric monetary value, got NaN`);
    if (x === 0) {
      noRepeat++;
      continue;
    }
    if (!(m > 0)) {
      nonPositive++;
      continue;
    }
    xs.push(x);
    ms.push(m);
    if (x > maxX) maxX = x;
  }
  if (xs.length === 0) {
    throw new Error(
      `${where}: no customer with a repeat purchase and positive mean spend (${noRepeat} without repeats, ${nonPositive} with spend <= 0)`,
    );
  }
  const k = xs.length;
  const x = Float64Array.from(xs),
    m = Float64Array.from(ms);
  const count = new Float64Array(maxX + 1);
  let sumXlogM = 0,
    sumLogM = 0,
    sumXlogX = 0,
    meanM = 0;
  for (let i = 0; i < k; i++) {
    count[x[i]]++;
    const lm = Math.log(m[i]);
    sumXlogM += x[i] * lm;
    sumLogM += lm;
    sumXlogX += x[i] * Math.log(x[i]);
    meanM += m[i] / k;
  }
  const distinct: number[] = [];
  for (let v = 1; v <= maxX; v++) if (count[v] > 0) distinct.push(v);
  const ll = (theta: Float64Array, grad: Float64Array): number => {
    const p = Math.exp(theta[0]),
      q = Math.exp(theta[1]),
      g = Math.exp(theta[2]) * meanM;
    const lg = Math.log(g);
    let total = -k * logGamma(q) + k * q * lg + p * sumXlogM - sumLogM + p * sumXlogX;
    let dp = sumXlogM + sumXlogX,
      dq = k * (lg - digamma(q)),
      dg = (k * q) / g;
    for (const v of distinct) {
      const c = count[v];
      total += c * (logGamma(p * v + q) - logGamma(p * v));
      dp += c * v * (digamma(p * v + q) - digamma(p * v));
      dq += c * digamma(p * v + q);
    }
    for (let i = 0; i < k; i++) {
      const xi = x[i],
        den = g + m[i] * xi,
        lden = Math.log(den),
        e = p * xi + q;
      total -= e * lden;
      dp -= xi * lden;
      dq -= lden;
      dg -= e / den;
    }
    grad[0] = dp * p;
    grad[1] = dq * q;
    grad[2] = dg * g;
    return total;
  };
  const start = Float64Array.from(o.start, Math.log);
  const fit = fitMaximumLikelihood(where, ll, start, k, o);
  const [p, q, gs] = fit.values;
  const [sp, sq, sgs] = fit.stdErrors;
  return Object.freeze({
    model: 'gamma-gamma',
    params: Object.freeze({ p, q, gamma: gs * meanM }),
    stdErrors: Object.freeze({ p: sp, q: sq, gamma: sgs * meanM }),
    excluded: Object.freeze({ noRepeatPurchases: noRepeat, nonPositiveSpend: nonPositive }),
    logLikelihood: fit.logLikelihood,
    nCustomers: k,
    converged: fit.converged,
    iterations: fit.iterations,
    gradientNorm: fit.gradientNorm,
    methods: fit.methods,
  });
}
