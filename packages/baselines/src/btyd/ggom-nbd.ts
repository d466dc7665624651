// GGom/NBD purchase model: Bemmaor & Glady (2012), "Modeling Purchasing Behavior with Sudden
// 'Death': A Flexible Customer Lifetime Model", Management Science 58(5). Poisson purchases at
// rate λ ~ Gamma(r, α) while alive; lifetimes Gompertz with shape b and scale η ~ Gamma(s, β),
// so S(τ) = (β/(β + e^{bτ} − 1))^s. Likelihood (their eq. 6; CLVTools' ggomnbd):
//   L = Γ(r+x) α^r / Γ(r) · [ (α+T)^{−(r+x)} (β/(β+e^{bT}−1))^s + b s β^s · I ],
// I from ggom-nbd-integral.ts (numerical, exact gradient). Parameters are optimised as
// log r, log α, log b, log s, log β.
// Boundary: as b → 0 with β/b = β_P fixed, e^{bτ} − 1 → bτ and the model becomes the
// Pareto/NBD with dropout scale β_P. On data whose dropout looks exponential (CDNOW) the
// likelihood keeps rising along that ridge and has no finite maximum. Handled as
// pareto-nbd.ts handles its own s, β → ∞ ridge: the optimiser is stopped once b·max(T) falls
// below `boundaryShape` (the Gompertz hazard then changes by less than that fraction over
// the whole observation window), the limiting model, the Pareto/NBD, is fitted from there, and
// if its log-likelihood is at least as high the result is reported at b = boundaryReport /
// max(T), β = b·β_P, with `boundary: true`, NaN standard errors for b and β (not identified),
// the Pareto/NBD fit in `limit` and a `warning`. A fit that converges inside the region but
// below the limit's likelihood is treated the same way.
import { resolveOptions } from '@clvlab/core';
import { prepareBtydRows } from './btyd-input.ts';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import { ggomNbdIntegral } from './ggom-nbd-integral.ts';
import { namedFit } from './named-fit.ts';
import { fitParetoNbd } from './pareto-nbd.ts';
import { risingTable } from '../optim/rising-factorial.ts';
import type { BtydRows } from './btyd-input.ts';
import type { BtydData, ParetoNbdFit } from './fit-types.ts';
import { DEFAULT_MINIMIZE } from '../optim/minimize.ts';
import type { MinimizeOptions } from '../optim/minimize.ts';
import type { NamedFit } from './named-fit.ts';

export const DEFAULT_GGOM_NBD: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
  maxEvaluations: number;
  boundaryShape: number;
  boundaryReport: number;
}> = Object.freeze({
  /** Start (r, α, b, s, β): CLVTools' default start; b = 0.5 per unit is far from both boundaries. */
  start: Object.freeze([0.5, 2, 0.5, 0.5, 0.5]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
  /** Likelihood evaluations per optimiser run (interior fits need < 300; a run past this throws). */
  maxEvaluations: 4000,
  /** b·max(T) below this = the b → 0 boundary: the Gompertz hazard moves < 1% over the data, exponential for any purpose. */
  boundaryShape: 1e-2,
  /** b·max(T) reported at the boundary: the GGom formulas then match the Pareto/NBD limit to ~1e-6. */
  boundaryReport: 1e-6,
});
export type GgomNbdOptions = Partial<typeof DEFAULT_GGOM_NBD> & MinimizeOptions;

export interface GgomNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly b: number;
  readonly s: number;
  readonly beta: number;
}
export type GgomNbdFit = NamedFit<'ggom-nbd', keyof GgomNbdParams> & {
  /** True when the likelihood rises to the b → 0 limit and the Pareto/NBD was fitted instead (header). */
  readonly boundary: boolean;
  /** At the boundary: the Pareto/NBD fit (r, α, s, β_P = β/b) the GGom/NBD reduces to. */
  readonly limit?: ParetoNbdFit;
  /** At the boundary: what happened, in words. */
  readonly warning?: string;
};

/**
 * log of the bracket of the header's L and its natural-scale derivatives in (r, α, b, s, β),
 * plus log P(alive at T): out = [log, dr, dα, db, ds, dβ, logAlive].
 */
export function ggomNbdCustomer(
  r: number,
  alpha: number,
  b: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): void {
  const k = r + x,
    lT = Math.log(alpha + T),
    ET = Math.expm1(b * T),
    lbT = Math.log(beta + ET),
    lbeta = Math.log(beta);
  const logP = -k * lT + s * (lbeta - lbT);
  const pr = -lT,
    pa = -k / (alpha + T),
    pb = (-s * T * (ET + 1)) / (beta + ET),
    ps = lbeta - lbT,
    pbe = s / beta - s / (beta + ET);
  if (!(T > tx)) {
    out[0] = logP;
    out[1] = pr;
    out[2] = pa;
    out[3] = pb;
    out[4] = ps;
    out[5] = pbe;
    out[6] = 0;
    return;
  }
  const f = scratch;
  ggomNbdIntegral(k, alpha, b, s, beta, tx, T, f);
  const logQ = Math.log(b) + Math.log(s) + s * lbeta + f[0];
  const m = Math.max(logP, logQ),
    eP = Math.exp(logP - m),
    eQ = Math.exp(logQ - m);
  const wP = eP / (eP + eQ),
    wQ = 1 - wP;
  out[0] = m + Math.log(eP + eQ);
  out[1] = wP * pr + wQ * f[1];
  out[2] = wP * pa + wQ * f[2];
  out[3] = wP * pb + wQ * (1 / b + f[3]);
  out[4] = wP * ps + wQ * (1 / s + lbeta + f[4]);
  out[5] = wP * pbe + wQ * (s / beta + f[5]);
  out[6] = logP - out[0];
}
const scratch = new Float64Array(6);

/** Total GGom/NBD log-likelihood at θ = log(r, α, b, s, β); gradient (in θ) into `grad`. */
export function ggomNbdLogLikelihood(rows: BtydRows, theta: Float64Array, grad: Float64Array): number {
  const [r, alpha, b, s, beta] = Array.from(theta, Math.exp);
  const X = rows.maxX + 1;
  const { l: lgr, d: dgr } = risingTable(r, X); // lnΓ(r+x) − lnΓ(r) and ψ(r+x) − ψ(r)
  const la = Math.log(alpha),
    out = new Float64Array(7),
    g = new Float64Array(5);
  let ll = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows.x[i],
      w = rows.weight[i];
    ggomNbdCustomer(r, alpha, b, s, beta, x, rows.tx[i], rows.T[i], out);
    ll += w * (lgr[x] + r * la + out[0]);
    g[0] += w * (dgr[x] + la + out[1]);
    g[1] += w * (r / alpha + out[2]);
    g[2] += w * out[3];
    g[3] += w * out[4];
    g[4] += w * out[5];
  }
  grad[0] = g[0] * r;
  grad[1] = g[1] * alpha;
  grad[2] = g[2] * b;
  grad[3] = g[3] * s;
  grad[4] = g[4] * beta;
  return Number.isFinite(ll) ? ll : -Infinity;
}

/** Fits the GGom/NBD by maximum likelihood; the b → 0 (Pareto/NBD) boundary is handled as in the header. */
export function fitGgomNbd(data: BtydData, options: GgomNbdOptions = {}): GgomNbdFit {
  const where = 'baselines/fitGgomNbd';
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_GGOM_NBD }, options);
  const rows = prepareBtydRows(where, data);
  const maxT = rows.T.reduce((m, v) => Math.max(m, v), 0);
  const logCap = Math.log(o.boundaryShape / maxT);
  const ll = (t: Float64Array, g: Float64Array): number => ggomNbdLogLikelihood(rows, t, g);
  const m = fitMaximumLikelihood(
    where,
    ll,
    Float64Array.from(o.start, Math.log),
    rows.nCustomers,
    o,
    (t) => t[2] < logCap,
  );
  const names = ['r', 'alpha', 'b', 's', 'beta'] as const;
  if (!m.stopped && m.values[2] * maxT >= o.boundaryShape)
    return Object.freeze({ ...namedFit('ggom-nbd', names, m), boundary: false });
  // b → 0 with β/b fixed: fit the Pareto/NBD limit from where the ridge walk stopped
  const [r0, a0, b0, s0, beta0] = m.values;
  const { start: _s, boundaryShape: _b, boundaryReport: _r, ...rest } = o;
  const limit = fitParetoNbd(data, { ...rest, start: [r0, a0, s0, beta0 / b0] });
  if (limit.logLikelihood < m.logLikelihood - 1e-9 * Math.abs(m.logLikelihood)) {
    if (!m.stopped) return Object.freeze({ ...namedFit('ggom-nbd', names, m), boundary: false }); // a real, small b
    throw new Error(
      `${where}: the fit reached b·max(T) = ${(b0 * maxT).toExponential(3)} but the Pareto/NBD limit (b → 0) has a lower log-likelihood (${limit.logLikelihood} < ${m.logLikelihood}); no maximum found`,
    );
  }
  const { r, alpha, s, beta: betaP } = limit.params,
    b = o.boundaryReport / maxT;
  const se = limit.stdErrors;
  return Object.freeze({
    model: 'ggom-nbd',
    params: Object.freeze({ r, alpha, b, s, beta: b * betaP }),
    stdErrors: Object.freeze({ r: se.r, alpha: se.alpha, b: NaN, s: se.s, beta: NaN }),
    logLikelihood: limit.logLikelihood,
    nCustomers: rows.nCustomers,
    converged: limit.converged,
    iterations: m.iterations + limit.iterations,
    gradientNorm: limit.gradientNorm,
    methods: Object.freeze([...m.methods, 'boundary-limit', ...limit.methods]),
    boundary: true,
    limit,
    warning:
      `no finite MLE: b and β vanish together (β/b → ${betaP.toPrecision(4)}), i.e. lifetimes look exponential and the GGom/NBD reduces to the Pareto/NBD; ` +
      `fitted the Pareto/NBD (in \`limit\`) and report b = ${b.toPrecision(3)} (b·max T = boundaryReport), β = b·β_P; b and β have no standard errors`,
  });
}
