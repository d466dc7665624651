// BG/NBD purchase model: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way:
// An Alternative to the Pareto/NBD Model", Marketing Science 24(2), log-likelihood eq. (6):
//   L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^{r+x})
//     + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^{r+x}).
// Written as log L = A1 + A2 + log(e^{A3} + δ e^{A4}) (FHL's note "Implementing the BG/NBD
// Model for Customer Base Analysis in Excel", 2005) with analytic gradients. Terms depending
// only on x (Γ and B ratios and their digamma derivatives) are tabulated once per evaluation
// by their recurrences (Γ(r+x)/Γ(r) = Π_{k<x}(r+k)), so a customer costs three logs and
// one exp. Parameters are optimised as log r, log α, log a, log b.
import { prepareBtydRows } from './btyd-input.ts';
import { resolveOptions } from '@clvlab/core';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import type { BgNbdFit, BtydData } from './fit-types.ts';
import { DEFAULT_MINIMIZE, type MinimizeOptions } from '../optim/minimize.ts';
import type { BtydRows } from './btyd-input.ts';

export const DEFAULT_BG_NBD: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
}> = Object.freeze({
  /** Start (r, α, a, b); FHL's CDNOW estimates are of this order, BFGS is robust to it. */
  start: Object.freeze([1, 1, 1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
});
export type BgNbdOptions = Partial<typeof DEFAULT_BG_NBD> & MinimizeOptions;

/** Total BG/NBD log-likelihood at log-parameters θ = log(r, α, a, b), gradient into `grad`. */
export function bgNbdLogLikelihood(rows: BtydRows, theta: Float64Array, grad: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    a = Math.exp(theta[2]),
    b = Math.exp(theta[3]);
  const X = rows.maxX + 1;
  // per-x tables: A1 + A2 (without r ln α) and their derivatives
  const base = new Float64Array(X),
    dR = new Float64Array(X),
    dA = new Float64Array(X),
    dB = new Float64Array(X);
  const logBx1 = new Float64Array(X); // ln(b + x − 1), x ≥ 1
  for (let x = 1; x < X; x++) {
    const k = x - 1;
    base[x] = base[k] + Math.log(r + k) + Math.log(b + k) - Math.log(a + b + k);
    dR[x] = dR[k] + 1 / (r + k);
    dA[x] = dA[k] - 1 / (a + b + k);
    dB[x] = dB[k] + 1 / (b + k) - 1 / (a + b + k);
    logBx1[x] = Math.log(b + k);
  }
  const logA = Math.log(a),
    logAlpha = Math.log(alpha);
  let ll = 0,
    gr = 0,
    gal = 0,
    ga = 0,
    gb = 0;
  const { x: xs, tx: txs, T: Ts, weight } = rows;
  for (let i = 0; i < rows.length; i++) {
    const x = xs[i],
      w = weight[i],
      rx = r + x;
    const lT = Math.log(alpha + Ts[i]);
    const a3 = -rx * lT;
    let term = a3,
      w4 = 0,
      ltx = 0,
      invTx = 0;
    if (x > 0) {
      ltx = Math.log(alpha + txs[i]);
      invTx = 1 / (alpha + txs[i]);
      const a4 = logA - logBx1[x] - rx * ltx;
      const d = a4 - a3;
      if (d > 0) {
        const e = Math.exp(-d);
        term = a4 + Math.log1p(e);
        w4 = 1 / (1 + e);
      } else {
        const e = Math.exp(d);
        term = a3 + Math.log1p(e);
        w4 = e / (1 + e);
      }
    }
    const w3 = 1 - w4;
    ll += w * (base[x] + r * logAlpha + term);
    gr += w * (dR[x] + logAlpha - w3 * lT - w4 * ltx);
    gal += w * (r / alpha - rx * (w3 / (alpha + Ts[i]) + w4 * invTx));
    ga += w * (dA[x] + (x > 0 ? w4 / a : 0));
    gb += w * (dB[x] - (x > 0 ? w4 / (b + x - 1) : 0));
  }
  grad[0] = gr * r;
  grad[1] = gal * alpha;
  grad[2] = ga * a;
  grad[3] = gb * b;
  return ll;
}

/** Fits the BG/NBD model by maximum likelihood (see header). */
export function fitBgNbd(data: BtydData, options: BgNbdOptions = {}): BgNbdFit {
  const o = resolveOptions('baselines/fitBgNbd', { ...DEFAULT_MINIMIZE, ...DEFAULT_BG_NBD }, options);
  const rows = prepareBtydRows('baselines/fitBgNbd', data);
  const start = Float64Array.from(o.start, Math.log);
  const m = fitMaximumLikelihood(
    'baselines/fitBgNbd',
    (t, g) => bgNbdLogLikelihood(rows, t, g),
    start,
    rows.nCustomers,
    o,
  );
  const [r, alpha, a, b] = m.values;
  const [sr, salpha, sa, sb] = m.stdErrors;
  return Object.freeze({
    model: 'bgnbd',
    params: Object.freeze({ r, alpha, a, b }),
    stdErrors: Object.freeze({ r: sr, alpha: salpha, a: sa, b: sb }),
    logLikelihood: m.logLikelihood,
    nCustomers: m.nCustomers,
    converged: m.converged,
    iterations: m.iterations,
    gradientNorm: m.gradientNorm,
    methods: m.methods,
  });
}
