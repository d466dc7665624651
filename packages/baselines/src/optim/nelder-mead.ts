// Nelder–Mead simplex minimisation (Nelder & Mead 1965, with the standard coefficients of
// Lagarias, Reeds, Wright & Wright 1998: reflection 1, expansion 2, contraction 1/2, shrink
// 1/2), the derivative-free fallback of minimize.ts when BFGS stalls. Non-finite values
// count as +∞. Hand-written for the same reason as minimize.ts (3–4 dimensional problems).
import type { MinimizeMonitor, Objective } from './objective.ts';

/** Best vertex after at most `maxIter` iterations from a simplex of side 0.5 around `x0`. */
export function nelderMead(f: Objective, x0: Float64Array, maxIter: number, monitor: MinimizeMonitor): Float64Array {
  const n = x0.length;
  const scratch = new Float64Array(n);
  const val = (x: Float64Array): number => {
    const v = f(x, scratch);
    return Number.isFinite(v) ? v : Infinity;
  };
  const simplex: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i] += 0.5;
    simplex.push(v);
  }
  const fs = simplex.map(val);
  const point = (c: Float64Array, w: Float64Array, t: number): Float64Array => c.map((ci, i) => ci + t * (w[i] - ci));
  for (let it = 0; it < maxIter; it++) {
    const order = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const sorted = order.map((i) => simplex[i]);
    const fsorted = order.map((i) => fs[i]);
    simplex.splice(0, n + 1, ...sorted);
    fs.splice(0, n + 1, ...fsorted);
    if (Math.abs(fs[n] - fs[0]) < 1e-13 * (1 + Math.abs(fs[0]))) break;
    if (it > 0 && monitor(simplex[0], fs[0])) break;
    const c = new Float64Array(n);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) c[i] += simplex[k][i] / n;
    const xr = point(c, simplex[n], -1);
    const fr = val(xr);
    if (fr < fs[0]) {
      const xe = point(c, simplex[n], -2);
      const fe = val(xe);
      if (fe < fr) {
        simplex[n] = xe;
        fs[n] = fe;
      } else {
        simplex[n] = xr;
        fs[n] = fr;
      }
    } else if (fr < fs[n - 1]) {
      simplex[n] = xr;
      fs[n] = fr;
    } else {
      const xc = fr < fs[n] ? point(c, simplex[n], -0.5) : point(c, simplex[n], 0.5);
      const fc = val(xc);
      if (fc < Math.min(fr, fs[n])) {
        simplex[n] = xc;
        fs[n] = fc;
      } else {
        for (let k = 1; k <= n; k++) {
          simplex[k] = point(simplex[0], simplex[k], 0.5);
          fs[k] = val(simplex[k]);
        }
      }
    }
  }
  let best = 0;
  for (let k = 1; k <= n; k++) if (fs[k] < fs[best]) best = k;
  return simplex[best];
}
