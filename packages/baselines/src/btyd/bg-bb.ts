// BG/BB purchase model for discrete transaction opportunities: Fader, Hardie & Shang (2010),
// "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6).
// A living customer transacts at each opportunity with probability p ~ Beta(α, β) and dies at
// the start of each opportunity with probability θ ~ Beta(γ, δ). Likelihood of a history
// (x, t_x, n), eq. (5):
//   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//     + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).
// Every Beta ratio with integer offsets is a difference of rising-factorial logs,
// ln Γ(v+k) − ln Γ(v) = Σ_{j<k} ln(v+j), tabulated once per evaluation for v = α, β, α+β, δ,
// γ+δ (with their ψ-differences for the analytic gradient), so each term costs a few table
// lookups and the patterns are summed in log space. Parameters are optimised as
// log α, log β, log γ, log δ.
import { resolveOptions } from '@clvlab/core';
import { prepareBgBbRows } from './bg-bb-input.ts';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import { namedFit } from './named-fit.ts';
import { risingTable } from '../optim/rising-factorial.ts';
import type { BgBbData, BgBbRows } from './bg-bb-input.ts';
import type { NamedFit } from './named-fit.ts';
import type { RisingTable } from '../optim/rising-factorial.ts';
import { DEFAULT_MINIMIZE } from '../optim/minimize.ts';
import type { MinimizeOptions } from '../optim/minimize.ts';

export const DEFAULT_BG_BB: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
}> = Object.freeze({
  /** Start (α, β, γ, δ): uniform Beta(1, 1) priors for p and θ; the donations fit needs ~20 BFGS steps from here. */
  start: Object.freeze([1, 1, 1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
});
export type BgBbOptions = Partial<typeof DEFAULT_BG_BB> & MinimizeOptions;

export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}

export type BgBbFit = NamedFit<'bg-bb', keyof BgBbParams>;

/** Per-evaluation tables of the BG/BB Beta ratios (see header) for offsets up to `maxPeriods`. */
export interface BgBbTables {
  readonly A: RisingTable;
  readonly B: RisingTable;
  readonly AB: RisingTable;
  readonly D: RisingTable;
  readonly GD: RisingTable;
  readonly logGamma: number;
  readonly gamma: number;
}

export function bgBbTables(p: BgBbParams, maxPeriods: number): BgBbTables {
  const size = maxPeriods + 3;
  return {
    A: risingTable(p.alpha, size),
    B: risingTable(p.beta, size),
    AB: risingTable(p.alpha + p.beta, size),
    D: risingTable(p.delta, size),
    GD: risingTable(p.gamma + p.delta, size),
    logGamma: Math.log(p.gamma),
    gamma: p.gamma,
  };
}

/** ln B(α+x, β+m)/B(α, β). */
export const logPurchaseTerm = (t: BgBbTables, x: number, m: number): number => t.A.l[x] + t.B.l[m] - t.AB.l[x + m];
/** ln B(γ+c, δ+m)/B(γ, δ) for c ∈ {0, 1}: survive m opportunities (c = 0), then die at the next (c = 1). */
export const logDropoutTerm = (t: BgBbTables, c: 0 | 1, m: number): number =>
  (c ? t.logGamma : 0) + t.D.l[m] - t.GD.l[m + c];

/** Total BG/BB log-likelihood at θ = log(α, β, γ, δ); gradient (in θ) into `grad`. */
export function bgBbLogLikelihood(rows: BgBbRows, theta: Float64Array, grad: Float64Array): number {
  const p = {
    alpha: Math.exp(theta[0]),
    beta: Math.exp(theta[1]),
    gamma: Math.exp(theta[2]),
    delta: Math.exp(theta[3]),
  };
  const t = bgBbTables(p, rows.maxPeriods);
  const { A, B, AB, D, GD } = t;
  const lv = new Float64Array(rows.maxPeriods + 1);
  const ga = new Float64Array(lv.length),
    gb = new Float64Array(lv.length),
    gg = new Float64Array(lv.length),
    gd = new Float64Array(lv.length);
  let ll = 0,
    s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let r = 0; r < rows.length; r++) {
    const x = rows.x[r],
      tx = rows.tx[r],
      n = rows.n[r],
      w = rows.weight[r];
    // term 0: alive through n; terms 1..: alive for exactly t_x + i opportunities
    lv[0] = logPurchaseTerm(t, x, n - x) + logDropoutTerm(t, 0, n);
    ga[0] = A.d[x] - AB.d[n];
    gb[0] = B.d[n - x] - AB.d[n];
    gg[0] = -GD.d[n];
    gd[0] = D.d[n] - GD.d[n];
    let k = 1,
      max = lv[0];
    for (let i = 0; i < n - tx; i++, k++) {
      const m = tx - x + i,
        j = tx + i;
      lv[k] = logPurchaseTerm(t, x, m) + logDropoutTerm(t, 1, j);
      ga[k] = A.d[x] - AB.d[x + m];
      gb[k] = B.d[m] - AB.d[x + m];
      gg[k] = 1 / p.gamma - GD.d[j + 1];
      gd[k] = D.d[j] - GD.d[j + 1];
      if (lv[k] > max) max = lv[k];
    }
    let sum = 0;
    for (let q = 0; q < k; q++) {
      lv[q] = Math.exp(lv[q] - max);
      sum += lv[q];
    }
    ll += w * (max + Math.log(sum));
    let a0 = 0,
      a1 = 0,
      a2 = 0,
      a3 = 0;
    for (let q = 0; q < k; q++) {
      const f = lv[q] / sum;
      a0 += f * ga[q];
      a1 += f * gb[q];
      a2 += f * gg[q];
      a3 += f * gd[q];
    }
    s0 += w * a0;
    s1 += w * a1;
    s2 += w * a2;
    s3 += w * a3;
  }
  grad[0] = s0 * p.alpha;
  grad[1] = s1 * p.beta;
  grad[2] = s2 * p.gamma;
  grad[3] = s3 * p.delta;
  return ll;
}

/** Fits the BG/BB model by maximum likelihood (see header). */
export function fitBgBb(data: BgBbData, options: BgBbOptions = {}): BgBbFit {
  const where = 'baselines/fitBgBb';
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_BG_BB }, options);
  const rows = prepareBgBbRows(where, data);
  const m = fitMaximumLikelihood(
    where,
    (th, g) => bgBbLogLikelihood(rows, th, g),
    Float64Array.from(o.start, Math.log),
    rows.nCustomers,
    o,
  );
  return namedFit('bg-bb', ['alpha', 'beta', 'gamma', 'delta'], m);
}
