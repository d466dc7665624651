// Shifted-beta-geometric (sBG) model of contract renewal: Fader & Hardie (2007), "How to
// Project Customer Retention", Journal of Interactive Marketing 21(1). Each customer renews at
// the end of every period with probability 1 − θ, θ ~ Beta(α, β) across customers, so the
// lifetime T (the period in which the customer churns) has, eqs. (5)–(7),
//   P(T = t) = B(α+1, β+t−1)/B(α, β),   S(t) = P(T > t) = B(α, β+t)/B(α, β),
// computed by the recurrences P(T=1) = α/(α+β), P(T=t) = P(T=t−1)·(β+t−2)/(α+β+t−1) and
// S(t) = S(t−1)·(β+t−1)/(α+β+t−1). Fitted to one cohort's survival counts n_0 ≥ n_1 ≥ … ≥ n_k
// (customers active at the start of periods 0..k) by maximising their eq. (8):
//   LL = Σ_{t=1}^{k} (n_{t−1} − n_t) ln P(T = t) + n_k ln S(k),
// with the analytic gradient, over log α, log β. Counts may be non-integer (percentages of a
// cohort work and give the same estimates).
import { resolveOptions } from '@clvlab/core';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import { namedFit } from './named-fit.ts';
import { DEFAULT_MINIMIZE } from '../optim/minimize.ts';
import type { MinimizeOptions } from '../optim/minimize.ts';
import type { NamedFit } from './named-fit.ts';

export const DEFAULT_SHIFTED_BETA_GEOMETRIC: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
}> = Object.freeze({
  /** Start (α, β) = (1, 1): a uniform churn-probability prior; both published cohorts converge from it in < 20 BFGS steps. */
  start: Object.freeze([1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-9,
});
export type ShiftedBetaGeometricOptions = Partial<typeof DEFAULT_SHIFTED_BETA_GEOMETRIC> & MinimizeOptions;

export interface ShiftedBetaGeometricParams {
  readonly alpha: number;
  readonly beta: number;
}
export type ShiftedBetaGeometricFit = NamedFit<'sbg', keyof ShiftedBetaGeometricParams> & {
  /** Periods of data the fit used (k: survival counts at the start of periods 0..k). */
  readonly periods: number;
};

/** Throws unless `alive` is a usable cohort: ≥ 2 finite counts ≥ 0, a positive start, never increasing. */
export function checkSurvivalCounts(where: string, alive: ArrayLike<number>): Float64Array {
  const n = Float64Array.from(alive);
  if (n.length < 2)
    throw new Error(`${where}: expected survival counts for periods 0..k with k >= 1, got ${n.length} value(s)`);
  for (let t = 0; t < n.length; t++) {
    if (!(Number.isFinite(n[t]) && n[t] >= 0))
      throw new Error(`${where}: period ${t}: expected a survival count >= 0, got ${n[t]}`);
    if (t > 0 && n[t] > n[t - 1])
      throw new Error(
        `${where}: period ${t}: survival counts must not increase (a cohort only shrinks), got ${n[t]} after ${n[t - 1]} at period ${t - 1}`,
      );
  }
  if (!(n[0] > 0)) throw new Error(`${where}: period 0: expected a cohort of at least one customer, got ${n[0]}`);
  return n;
}

/** sBG log-likelihood of survival counts n_0..n_k at θ = log(α, β); gradient (in θ) into `grad`. */
export function shiftedBetaGeometricLogLikelihood(
  alive: Float64Array,
  theta: Float64Array,
  grad: Float64Array,
): number {
  const a = Math.exp(theta[0]),
    b = Math.exp(theta[1]);
  const k = alive.length - 1;
  let lp = Math.log(a) - Math.log(a + b),
    dpa = 1 / a - 1 / (a + b),
    dpb = -1 / (a + b); // ln P(T = 1)
  let ls = 0,
    dsa = 0,
    dsb = 0; // ln S(0)
  let ll = 0,
    ga = 0,
    gb = 0;
  for (let t = 1; t <= k; t++) {
    if (t > 1) {
      const c = 1 / (a + b + t - 1);
      lp += Math.log(b + t - 2) - Math.log(a + b + t - 1);
      dpa -= c;
      dpb += 1 / (b + t - 2) - c;
    }
    const c = 1 / (a + b + t - 1);
    ls += Math.log(b + t - 1) - Math.log(a + b + t - 1);
    dsa -= c;
    dsb += 1 / (b + t - 1) - c;
    const churned = alive[t - 1] - alive[t];
    if (churned > 0) {
      ll += churned * lp;
      ga += churned * dpa;
      gb += churned * dpb;
    }
  }
  if (alive[k] > 0) {
    ll += alive[k] * ls;
    ga += alive[k] * dsa;
    gb += alive[k] * dsb;
  }
  grad[0] = ga * a;
  grad[1] = gb * b;
  return ll;
}

/** Fits the sBG to one cohort's survival counts (see header). */
export function fitShiftedBetaGeometric(
  alive: ArrayLike<number>,
  options: ShiftedBetaGeometricOptions = {},
): ShiftedBetaGeometricFit {
  const where = 'baselines/fitShiftedBetaGeometric';
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_SHIFTED_BETA_GEOMETRIC }, options);
  const n = checkSurvivalCounts(where, alive);
  const m = fitMaximumLikelihood(
    where,
    (th, g) => shiftedBetaGeometricLogLikelihood(n, th, g),
    Float64Array.from(o.start, Math.log),
    n[0],
    o,
  );
  return Object.freeze({ ...namedFit('sbg', ['alpha', 'beta'], m), periods: n.length - 1 });
}
