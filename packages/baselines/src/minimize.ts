// Unconstrained minimisation for the maximum-likelihood fits: BFGS (Nocedal & Wright 2006,
// Numerical Optimization, Algorithm 6.1) with a backtracking line search satisfying the
// Armijo condition (N&W Algorithm 3.1) and skipped updates when the curvature condition
// fails, then Nelder–Mead (Nelder & Mead 1965; Lagarias et al. 1998 coefficients) restarted
// from the BFGS end point when BFGS stalls, then BFGS again to polish.
// Hand-written: the problems are 3–4 dimensional, objectives are analytic with exact
// gradients, and no maintained JS optimiser offers BFGS + a fallback with these diagnostics.

/** Objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export const DEFAULT_MINIMIZE: Readonly<{ gradientTolerance: number; maxIterations: number; maxNelderMead: number }> = Object.freeze({
  /** Converged when max |∇f| falls below this (f is a mean log-likelihood, so O(1) scale). */
  gradientTolerance: 1e-7,
  /** BFGS iteration cap per attempt; 4-parameter BTYD fits need 20–60. */
  maxIterations: 500,
  /** Nelder–Mead iteration cap for the fallback; it is slow but sure. */
  maxNelderMead: 4000,
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
}

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

function bfgs(f: Objective, x0: Float64Array, tol: number, maxIter: number): { x: Float64Array; value: number; grad: Float64Array; iterations: number } {
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
    if (!(slope < 0)) { // not a descent direction: reset to steepest descent
      H.fill(0);
      for (let i = 0; i < n; i++) { H[i * n + i] = 1; p[i] = -g[i]; }
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
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) { s[i] = xn[i] - x[i]; y[i] = gn[i] - g[i]; sy += s[i] * y[i]; }
    if (sy > 1e-12 * Math.sqrt(s.reduce((a, v) => a + v * v, 0) * y.reduce((a, v) => a + v * v, 0))) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = new Float64Array(n);
      for (let i = 0; i < n; i++) { let t = 0; for (let j = 0; j < n; j++) t += H[i * n + j] * y[j]; Hy[i] = t; }
      let yHy = 0;
      for (let i = 0; i < n; i++) yHy += y[i] * Hy[i];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    x = xn; g = gn; fx = fn;
  }
  return { x, value: fx, grad: g, iterations: it };
}

function nelderMead(f: Objective, x0: Float64Array, maxIter: number): Float64Array {
  const n = x0.length;
  const scratch = new Float64Array(n);
  const val = (x: Float64Array): number => { const v = f(x, scratch); return Number.isFinite(v) ? v : Infinity; };
  const simplex: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) { const v = Float64Array.from(x0); v[i] += 0.5; simplex.push(v); }
  const fs = simplex.map(val);
  const point = (c: Float64Array, w: Float64Array, t: number): Float64Array => c.map((ci, i) => ci + t * (w[i] - ci));
  for (let it = 0; it < maxIter; it++) {
    const order = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const sorted = order.map((i) => simplex[i]); const fsorted = order.map((i) => fs[i]);
    simplex.splice(0, n + 1, ...sorted); fs.splice(0, n + 1, ...fsorted);
    if (Math.abs(fs[n] - fs[0]) < 1e-13 * (1 + Math.abs(fs[0]))) break;
    const c = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) c[i] += simplex[k][i] / n;
    const xr = point(c, simplex[n], -1); const fr = val(xr);
    if (fr < fs[0]) {
      const xe = point(c, simplex[n], -2); const fe = val(xe);
      if (fe < fr) { simplex[n] = xe; fs[n] = fe; } else { simplex[n] = xr; fs[n] = fr; }
    } else if (fr < fs[n - 1]) { simplex[n] = xr; fs[n] = fr; } else {
      const xc = fr < fs[n] ? point(c, simplex[n], -0.5) : point(c, simplex[n], 0.5);
      const fc = val(xc);
      if (fc < Math.min(fr, fs[n])) { simplex[n] = xc; fs[n] = fc; } else {
        for (let k = 1; k <= n; k++) { simplex[k] = point(simplex[0], simplex[k], 0.5); fs[k] = val(simplex[k]); }
      }
    }
  }
  let best = 0;
  for (let k = 1; k <= n; k++) if (fs[k] < fs[best]) best = k;
  return simplex[best];
}

/** Minimises `f` from `x0`: BFGS, then Nelder–Mead + BFGS when BFGS does not converge. */
export function minimize(f: Objective, x0: Float64Array, options: MinimizeOptions = {}): MinimizeResult {
  const o = { ...DEFAULT_MINIMIZE, ...options };
  const methods = ['bfgs'];
  let r = bfgs(f, x0, o.gradientTolerance, o.maxIterations);
  let iterations = r.iterations;
  if (maxAbs(r.grad) > o.gradientTolerance) {
    methods.push('nelder-mead', 'bfgs');
    const start = nelderMead(f, r.x, o.maxNelderMead);
    const r2 = bfgs(f, start, o.gradientTolerance, o.maxIterations);
    iterations += r2.iterations;
    if (r2.value <= r.value || maxAbs(r2.grad) < maxAbs(r.grad)) r = r2;
  }
  const gradientNorm = maxAbs(r.grad);
  return Object.freeze({ x: r.x, value: r.value, gradientNorm, iterations, converged: gradientNorm <= o.gradientTolerance, methods: Object.freeze(methods) });
}
