// Shared maximum-likelihood driver: optimises a log-likelihood over log-parameters with
// minimize() (BFGS, Nelder–Mead fallback), then standard errors from the observed
// information. The Hessian of the total log-likelihood in log-parameters is taken by central
// differences of the ANALYTIC gradient, inverted, and mapped to the natural scale by the
// delta method: se(θ) = θ · sqrt([H⁻¹]_{log θ, log θ}) since ∂θ/∂log θ = θ.
import { DEFAULT_MINIMIZE, minimize } from './minimize.ts';
import type { MinimizeOptions } from './minimize.ts';
import type { MinimizeMonitor } from './objective.ts';
import type { FitDiagnostics } from '../btyd/fit-types.ts';

/** Total log-likelihood at log-parameters `theta`; writes ∂LL/∂theta into `grad`. */
export type LogLikelihood = (theta: Float64Array, grad: Float64Array) => number;

export interface MleResult extends FitDiagnostics {
  readonly values: Float64Array;
  readonly stdErrors: Float64Array;
  /** The monitor stopped the optimiser: `values` is where it stood, not an optimum; no standard errors (NaN). */
  readonly stopped: boolean;
}

function invert(m: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[piv * n + col])) piv = r;
    if (Math.abs(a[piv * n + col]) < 1e-300) return null;
    for (let k = 0; k < n; k++) {
      [a[col * n + k], a[piv * n + k]] = [a[piv * n + k], a[col * n + k]];
      [inv[col * n + k], inv[piv * n + k]] = [inv[piv * n + k], inv[col * n + k]];
    }
    const d = a[col * n + col];
    for (let k = 0; k < n; k++) {
      a[col * n + k] /= d;
      inv[col * n + k] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * n + col];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] -= f * a[col * n + k];
        inv[r * n + k] -= f * inv[col * n + k];
      }
    }
  }
  return inv;
}

/**
 * Maximises `ll` from `start` (log-parameters). Throws `${where}: failed to converge ...`
 * naming the optimisers tried and the final gradient norm unless `requireConvergence` is false.
 */
export function fitMaximumLikelihood(
  where: string,
  ll: LogLikelihood,
  start: Float64Array,
  nCustomers: number,
  options: MinimizeOptions & { requireConvergence?: boolean } = {},
  monitor?: MinimizeMonitor,
): MleResult {
  const n = start.length;
  const scratch = new Float64Array(n);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    const v = ll(theta, scratch);
    for (let i = 0; i < n; i++) grad[i] = -scratch[i] / nCustomers;
    return -v / nCustomers;
  };
  // The fitter's options carry its own keys too (start, boundaries…); minimize gets its own.
  const own = Object.fromEntries(
    Object.keys(DEFAULT_MINIMIZE).map((k) => [k, (options as Record<string, unknown>)[k]]),
  );
  const opt = minimize(objective, start, own, monitor);
  if (opt.stopped) {
    return {
      values: opt.x.map(Math.exp),
      stdErrors: new Float64Array(n).fill(NaN),
      logLikelihood: -opt.value * nCustomers,
      nCustomers,
      converged: false,
      iterations: opt.iterations,
      gradientNorm: opt.gradientNorm,
      methods: opt.methods,
      stopped: true,
    };
  }
  if (!opt.converged && options.requireConvergence !== false) {
    throw new Error(
      `${where}: failed to converge after ${opt.iterations} iterations (tried ${opt.methods.join(' -> ')}); ` +
        `final max |gradient| ${opt.gradientNorm.toExponential(3)} at log-parameters [${Array.from(opt.x, (v) => v.toFixed(4)).join(', ')}]` +
        (opt.x.some((v) => Math.abs(v) > 12)
          ? '; parameters diverge (|log θ| > 12): the data do not identify the model (no finite MLE)'
          : ''),
    );
  }
  // Hessian of the total LL in log-parameters by central differences of the analytic gradient.
  const H = new Float64Array(n * n);
  const gp = new Float64Array(n),
    gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(opt.x[j]));
    const xp = Float64Array.from(opt.x);
    xp[j] += h;
    const xm = Float64Array.from(opt.x);
    xm[j] -= h;
    ll(xp, gp);
    ll(xm, gm);
    for (let i = 0; i < n; i++) H[i * n + j] = -(gp[i] - gm[i]) / (2 * h);
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const s = (H[i * n + j] + H[j * n + i]) / 2;
      H[i * n + j] = s;
      H[j * n + i] = s;
    }
  const cov = invert(H, n);
  const values = opt.x.map(Math.exp);
  const stdErrors = values.map((v, i) => (cov && cov[i * n + i] > 0 ? v * Math.sqrt(cov[i * n + i]) : NaN));
  return {
    values,
    stdErrors,
    logLikelihood: -opt.value * nCustomers,
    nCustomers,
    converged: opt.converged,
    iterations: opt.iterations,
    gradientNorm: opt.gradientNorm,
    methods: opt.methods,
    stopped: false,
  };
}
