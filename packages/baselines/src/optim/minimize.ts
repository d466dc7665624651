// Unconstrained minimisation for the maximum-likelihood fits: BFGS (Nocedal & Wright 2006,
// Numerical Optimization, Algorithm 6.1) with a backtracking line search satisfying the
// Armijo condition (N&W Algorithm 3.1) and skipped updates when the curvature condition
// fails, then Nelder–Mead (Nelder & Mead 1965; Lagarias et al. 1998 coefficients) restarted
// from the BFGS end point when BFGS stalls, then BFGS again to polish.
// Hand-written: the problems are 3–4 dimensional, objectives are analytic with exact
// gradients, and no maintained JS optimiser offers BFGS + a fallback with these diagnostics.

import { resolveOptions } from '@clvlab/core';
import { nelderMead } from './nelder-mead.ts';
import type { MinimizeMonitor, Objective } from './objective.ts';

export const DEFAULT_MINIMIZE: Readonly<{
  gradientTolerance: number;
  maxIterations: number;
  maxNelderMead: number;
  maxEvaluations: number;
}> = Object.freeze({
  /** Converged when max |∇f| falls below this (f is a mean log-likelihood, so O(1) scale). */
  gradientTolerance: 1e-7,
  /** BFGS iteration cap per attempt; 4-parameter BTYD fits need 20–60. */
  maxIterations: 500,
  /** Nelder–Mead iteration cap for the fallback; it is slow but sure. */
  maxNelderMead: 4000,
  /** Hard cap on objective evaluations over all attempts (line searches included); exceeding it throws, so a fit can never spin for minutes on a flat ridge. */
  maxEvaluations: 100_000,
});
export type MinimizeOptions = Partial<typeof DEFAULT_MINIMIZE>;

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Methods tried, in order (e.g. ['bfgs'] or ['bfgs', 'nelder-mead', 'bfgs']). */
  readonly methods: readonly string[];
  /** Objective evaluations over all attempts. */
  readonly evaluations: number;
  /** True when the monitor stopped the run (the point is not an optimum). */
  readonly stopped: boolean;
}

/** Thrown inside the optimisers to unwind when the monitor asks to stop. */
class Stop extends Error {}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/**
 * Hager & Zhang (2005) approximate Wolfe conditions: near the optimum of a sum over a million
 * customers, f is only known to ~1e-13 relative, below the Armijo decrease of a good step;
 * accept a step that keeps f within that noise and shrinks the directional derivative
 * (0.9·φ'(0) ≤ φ'(α) ≤ (2·0.1 − 1)·φ'(0)).
 */
function approximateWolfe(fn: number, fx: number, gn: Float64Array, p: Float64Array, slope: number): boolean {
  if (!(fn <= fx + 1e-12 * Math.abs(fx))) return false;
  let d = 0;
  for (let i = 0; i < p.length; i++) d += gn[i] * p[i];
  return d >= 0.9 * slope && d <= -0.8 * slope;
}

type BfgsState = { x: Float64Array; value: number; grad: Float64Array; iterations: number };

function bfgs(
  f: Objective,
  x0: Float64Array,
  tol: number,
  maxIter: number,
  monitor: MinimizeMonitor,
  last: { state?: BfgsState },
): BfgsState {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  if (!Number.isFinite(fx)) throw new Error('baselines/minimize: objective is not finite at the start point');
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const p = new Float64Array(n);
  let it = 0;
  for (; it < maxIter && maxAbs(g) > tol; it++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= H[i * n + j] * g[j];
      p[i] = s;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += p[i] * g[i];
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      H.fill(0);
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        p[i] = -g[i];
      }
      slope = -g.reduce((s, v) => s + v * v, 0);
    }
    // cap the step so that log-parameters move at most 5 per iteration
    let step = Math.min(1, 5 / Math.max(maxAbs(p), 1e-300));
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = Infinity;
    let accepted = false;
    for (let k = 0; k < 60 && !accepted; k++) {
      for (let i = 0; i < n; i++) xn[i] = x[i] + step * p[i];
      fn = f(xn, gn);
      accepted = Number.isFinite(fn) && (fn <= fx + 1e-4 * step * slope || approximateWolfe(fn, fx, gn, p, slope));
      if (!accepted) step *= 0.5;
    }
    if (!accepted) break; // line search failed
    // no measurable progress (a step of 2^-k accepted inside the noise band): stalled, stop
    // rather than repeating the same 60-halving line search up to maxIterations times
    if (maxAbs(p) * step <= 1e-13 * (1 + maxAbs(x))) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < n; j++) t += H[i * n + j] * y[j];
        Hy[i] = t;
      }
      let yHy = 0;
      for (let i = 0; i < n; i++) yHy += y[i] * Hy[i];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    x = xn;
    g = gn;
    fx = fn;
    last.state = { x, value: fx, grad: g, iterations: it + 1 };
    if (monitor(x, fx)) throw new Stop();
  }
  return { x, value: fx, grad: g, iterations: it };
}

/**
 * Minimises `f` from `x0`: BFGS, then Nelder–Mead + BFGS when BFGS does not converge. Throws
 * `baselines/minimize: exceeded N objective evaluations` past `maxEvaluations`.
 */
export function minimize(
  f: Objective,
  x0: Float64Array,
  options: MinimizeOptions = {},
  monitor: MinimizeMonitor = () => false,
): MinimizeResult {
  const o = resolveOptions('baselines/minimize', DEFAULT_MINIMIZE, options);
  let evaluations = 0;
  const counted: Objective = (x, g) => {
    if (++evaluations > o.maxEvaluations) {
      throw new Error(
        `baselines/minimize: exceeded ${o.maxEvaluations} objective evaluations (last point [${Array.from(x, (v) => v.toFixed(4)).join(', ')}]); ` +
          'the objective is flat or not smooth enough for a gradient tolerance of ' +
          o.gradientTolerance,
      );
    }
    return f(x, g);
  };
  const methods = ['bfgs'];
  const last: { state?: BfgsState } = {};
  const finish = (r: BfgsState, iterations: number, stopped: boolean): MinimizeResult => {
    const gradientNorm = maxAbs(r.grad);
    return Object.freeze({
      x: r.x,
      value: r.value,
      gradientNorm,
      iterations,
      converged: !stopped && gradientNorm <= o.gradientTolerance,
      methods: Object.freeze(methods),
      evaluations,
      stopped,
    });
  };
  let r: BfgsState;
  try {
    r = bfgs(counted, x0, o.gradientTolerance, o.maxIterations, monitor, last);
  } catch (error) {
    if (error instanceof Stop && last.state) return finish(last.state, last.state.iterations, true);
    throw error;
  }
  let iterations = r.iterations;
  if (maxAbs(r.grad) > o.gradientTolerance) {
    methods.push('nelder-mead', 'bfgs');
    let stopped = false;
    const start = nelderMead(counted, r.x, o.maxNelderMead, (x, v) => (stopped = monitor(x, v)));
    last.state = undefined;
    let r2: BfgsState;
    try {
      r2 = bfgs(counted, start, o.gradientTolerance, stopped ? 0 : o.maxIterations, monitor, last);
    } catch (error) {
      const st = last.state as BfgsState | undefined; // set inside bfgs (TS cannot see that)
      if (error instanceof Stop && st) return finish(st, iterations + st.iterations, true);
      throw error;
    }
    iterations += r2.iterations;
    if (r2.value <= r.value || maxAbs(r2.grad) < maxAbs(r.grad)) r = r2;
    if (stopped) return finish(r2, iterations, true);
  }
  return finish(r, iterations, false);
}
