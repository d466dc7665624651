// MBG/NBD purchase model: Batislam, Denizel & Filiztekin (2007), "Empirical validation and
// comparison of models for customer base analysis", International Journal of Research in
// Marketing 24(3), §2.2. The BG/NBD of Fader, Hardie & Lee (2005) with one change: a customer
// may also drop out at time 0, right after the first purchase (dropout is a coin flip with
// probability p at the first purchase and at every repeat purchase), so zero-repeat customers
// are no longer certainly alive. Likelihood (their eq. 4; lifetimes' ModifiedBetaGeoFitter):
//   L = B(a, b+x+1)/B(a, b) · Γ(r+x) α^r / Γ(r) · [ (α+T)^{−(r+x)} + a/(b+x) · (α+t_x)^{−(r+x)} ]
// for every x ≥ 0 (the second term is no longer restricted to x > 0). As in bg-nbd.ts the
// x-only factors are tabulated once per evaluation by their recurrences
// (B(a, b+x+1)/B(a, b) = Π_{k≤x} (b+k)/(a+b+k)), the bracket is a two-term log-sum-exp, and
// the gradient is analytic. Parameters are optimised as log r, log α, log a, log b.
import { resolveOptions } from '@clvlab/core';
import { prepareBtydRows } from './btyd-input.ts';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import { namedFit } from './named-fit.ts';
import type { BtydRows } from './btyd-input.ts';
import type { BgNbdParams, BtydData } from './fit-types.ts';
import type { NamedFit } from './named-fit.ts';
import { DEFAULT_MINIMIZE } from '../optim/minimize.ts';
import type { MinimizeOptions } from '../optim/minimize.ts';

export const DEFAULT_MBG_NBD: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
}> = Object.freeze({
  /** Start (r, α, a, b); the same unit start as BG/NBD, from which the CDNOW fit needs ~30 BFGS steps. */
  start: Object.freeze([1, 1, 1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
});
export type MbgNbdOptions = Partial<typeof DEFAULT_MBG_NBD> & MinimizeOptions;

/** A fitted MBG/NBD model: the BG/NBD's parameter names (r, α for purchasing, a, b for dropout). */
export type MbgNbdFit = NamedFit<'mbg-nbd', keyof BgNbdParams>;

/** Total MBG/NBD log-likelihood at θ = log(r, α, a, b); gradient (in θ) into `grad`. */
export function mbgNbdLogLikelihood(rows: BtydRows, theta: Float64Array, grad: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    a = Math.exp(theta[2]),
    b = Math.exp(theta[3]);
  const X = rows.maxX + 1;
  // per-x tables: lnΓ(r+x)/Γ(r) + ln B(a, b+x+1)/B(a, b) and its derivatives in r, a, b
  const base = new Float64Array(X),
    dR = new Float64Array(X),
    dA = new Float64Array(X),
    dB = new Float64Array(X);
  base[0] = Math.log(b) - Math.log(a + b);
  dA[0] = -1 / (a + b);
  dB[0] = 1 / b - 1 / (a + b);
  for (let x = 1; x < X; x++) {
    base[x] = base[x - 1] + Math.log(r + x - 1) + Math.log(b + x) - Math.log(a + b + x);
    dR[x] = dR[x - 1] + 1 / (r + x - 1);
    dA[x] = dA[x - 1] - 1 / (a + b + x);
    dB[x] = dB[x - 1] + 1 / (b + x) - 1 / (a + b + x);
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
    const lT = Math.log(alpha + Ts[i]),
      ltx = Math.log(alpha + txs[i]);
    const a3 = -rx * lT,
      a4 = logA - Math.log(b + x) - rx * ltx;
    const d = a4 - a3;
    let term: number, w4: number;
    if (d > 0) {
      const e = Math.exp(-d);
      term = a4 + Math.log1p(e);
      w4 = 1 / (1 + e);
    } else {
      const e = Math.exp(d);
      term = a3 + Math.log1p(e);
      w4 = e / (1 + e);
    }
    const w3 = 1 - w4;
    ll += w * (base[x] + r * logAlpha + term);
    gr += w * (dR[x] + logAlpha - w3 * lT - w4 * ltx);
    gal += w * (r / alpha - rx * (w3 / (alpha + Ts[i]) + w4 / (alpha + txs[i])));
    ga += w * (dA[x] + w4 / a);
    gb += w * (dB[x] - w4 / (b + x));
  }
  grad[0] = gr * r;
  grad[1] = gal * alpha;
  grad[2] = ga * a;
  grad[3] = gb * b;
  return ll;
}

/** Fits the MBG/NBD model by maximum likelihood (see header). */
export function fitMbgNbd(data: BtydData, options: MbgNbdOptions = {}): MbgNbdFit {
  const o = resolveOptions('baselines/fitMbgNbd', { ...DEFAULT_MINIMIZE, ...DEFAULT_MBG_NBD }, options);
  const rows = prepareBtydRows('baselines/fitMbgNbd', data);
  const start = Float64Array.from(o.start, Math.log);
  const m = fitMaximumLikelihood(
    'baselines/fitMbgNbd',
    (t, g) => mbgNbdLogLikelihood(rows, t, g),
    start,
    rows.nCustomers,
    o,
  );
  return namedFit('mbg-nbd', ['r', 'alpha', 'a', 'b'], m);
}
