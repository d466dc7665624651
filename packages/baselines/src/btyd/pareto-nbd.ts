// Pareto/NBD purchase model: Schmittlein, Morrison & Colombo (1987), "Counting Your
// Customers: Who Are They and What Will They Do Next?", Management Science 33(1), with the
// likelihood as derived by Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and
// Related Expressions", eq. (22):
//   L = Γ(r+x) α^r β^s / Γ(r) · [ 1/((α+T)^{r+x} (β+T)^s) + s/(r+s+x) · A0 ],
// with A0 from pareto-nbd-integral.ts (Gaussian hypergeometric terms, stable for large x and
// for both α < β and α ≥ β), or from pareto-nbd-quadrature.ts when the series argument is
// so close to 1 that the series would need thousands of terms. Everything is evaluated in log space with exact gradients;
// parameters are optimised as log r, log α, log s, log β.
// Boundary: on data whose dropout looks homogeneous the likelihood has no finite maximum (s and
// β grow together along a ridge, s/β fixed). The optimiser is stopped as soon as s passes
// `boundaryShape` (dropout-rate CV 1/√s below 1%); the limiting 3-parameter model of
// pareto-nbd-limit.ts (exponential lifetimes, one rate μ) is then fitted, and the result is
// reported as s = boundaryReportShape, β = s/μ with `boundary: true`, NaN standard errors for s and
// β (they are not identified), μ and its standard error in `dropoutRate`, and a `warning`.
import { prepareBtydRows } from './btyd-input.ts';
import { resolveOptions } from '@clvlab/core';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import { paretoSeries } from './pareto-nbd-integral.ts';
import { paretoLimitLogLikelihood } from './pareto-nbd-limit.ts';
import { paretoQuadrature } from './pareto-nbd-quadrature.ts';
import type { BtydRows } from './btyd-input.ts';
import type { BtydData, ParetoNbdFit } from './fit-types.ts';
import { DEFAULT_MINIMIZE, type MinimizeOptions } from '../optim/minimize.ts';

export const DEFAULT_PARETO_NBD: Readonly<{
  start: readonly number[];
  requireConvergence: boolean;
  gradientTolerance: number;
  maxEvaluations: number;
  boundaryShape: number;
  boundaryReportShape: number;
}> = Object.freeze({
  /** Start (r, α, s, β); unit values keep z = |α−β|/(max+y) well inside [0, 1) at first. */
  start: Object.freeze([1, 1, 1, 1]) as readonly number[],
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
  /** Likelihood evaluations per optimiser run: interior fits need < 200; a run past this throws instead of spinning. */
  maxEvaluations: 4000,
  /** s above this = the s, β → ∞ boundary: Gamma(s, β) dropout rates with CV 1/√s < 1%, a point mass for any purpose. */
  boundaryShape: 1e4,
  /** s reported at the boundary (β = s/μ): the Pareto/NBD prediction formulas then match the limit to ~1e-6 and still keep their digits (they lose them past s ≈ 1e7). */
  boundaryReportShape: 1e6,
});
export type ParetoNbdOptions = Partial<typeof DEFAULT_PARETO_NBD> & MinimizeOptions;

/** log-likelihood pieces of one customer: [logL, ∂r, ∂α, ∂s, ∂β, log P(alive)] (natural-scale derivatives). */
export function paretoNbdCustomer(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): boolean {
  const ft = paretoScratchT,
    fx = paretoScratchX;
  const a = r + s + x;
  const ge = alpha >= beta;
  const b = ge ? s + 1 : r + x,
    kappa = ge ? alpha : beta,
    d = ge ? alpha - beta : beta - alpha;
  const lT = Math.log(alpha + T),
    lbT = Math.log(beta + T);
  const logP = -(r + x) * lT - s * lbT;
  const z = d / (kappa + tx);
  if ((b + 40) * z > SERIES_MAX_TERMS * (1 - z) && T > tx) {
    // series too long (z near 1): quadrature of the same integral, exact-gradient form
    paretoQuadrature(r, alpha, s, beta, x, tx, T, fx);
    const logQ = Math.log(s) + fx[0];
    const m = Math.max(logP, logQ);
    const eP = Math.exp(logP - m),
      eQ = Math.exp(logQ - m);
    const wP = eP / (eP + eQ),
      wQ = 1 - wP;
    out[0] = m + Math.log(eP + eQ);
    out[1] = wP * -lT + wQ * fx[1];
    out[2] = wP * (-(r + x) / (alpha + T)) + wQ * fx[2];
    out[3] = wP * -lbT + wQ * (1 / s + fx[3]);
    out[4] = wP * (-s / (beta + T)) + wQ * fx[4];
    out[5] = logP - out[0];
    return Number.isFinite(out[0]);
  }
  if (T <= tx) {
    // no time after the last purchase: A0 = 0, L = P
    out[0] = logP;
    out[1] = -lT;
    out[2] = -(r + x) / (alpha + T);
    out[3] = -lbT;
    out[4] = -s / (beta + T);
    out[5] = 0;
    return true;
  }
  if (!paretoSeries(a, b, kappa, d, tx, fx) || !paretoSeries(a, b, kappa, d, T, ft)) return false;
  // A0 = F(tx) − F(T) and its gradient in (a, b, κ, d)
  let logQ = -Infinity,
    qa = 0,
    qb = 0,
    qk = 0,
    qd = 0;
  if (fx[0] > ft[0]) {
    const logA0 = fx[0] + Math.log(-Math.expm1(ft[0] - fx[0]));
    const wx = Math.exp(fx[0] - logA0),
      wt = Math.exp(ft[0] - logA0);
    qa = wx * fx[1] - wt * ft[1];
    qb = wx * fx[2] - wt * ft[2];
    qk = wx * fx[3] - wt * ft[3];
    qd = wx * fx[4] - wt * ft[4];
    logQ = Math.log(s / a) + logA0;
  }
  const m = Math.max(logP, logQ);
  const eP = Math.exp(logP - m),
    eQ = Math.exp(logQ - m);
  const wP = eP / (eP + eQ),
    wQ = 1 - wP;
  out[0] = m + Math.log(eP + eQ); // without the constant C added below
  // ∂ log(P + (s/a) A0): P part
  let dr = wP * -lT,
    dal = wP * (-(r + x) / (alpha + T)),
    ds = wP * -lbT,
    dbe = wP * (-s / (beta + T));
  // Q part: log(s/a) + log A0 with a = r+s+x and the branch's (b, κ, d)
  if (wQ > 0) {
    dr += wQ * (-1 / a + qa);
    ds += wQ * (1 / s - 1 / a + qa);
    if (ge) {
      ds += wQ * qb;
      dal += wQ * (qk + qd);
      dbe -= wQ * qd;
    } else {
      dr += wQ * qb;
      dbe += wQ * (qk + qd);
      dal -= wQ * qd;
    }
  }
  out[1] = dr;
  out[2] = dal;
  out[3] = ds;
  out[4] = dbe;
  out[5] = logP - out[0];
  return true;
}
const paretoScratchT = new Float64Array(5),
  paretoScratchX = new Float64Array(5);
/** Above ~this many series terms ((b+40)·z/(1−z): peak plus a 1e-17 tail) the quadrature path is used. */
const SERIES_MAX_TERMS = 2000;

/** Total Pareto/NBD log-likelihood at θ = log(r, α, s, β); gradient into `grad` (−∞ when a series fails). */
export function paretoNbdLogLikelihood(rows: BtydRows, theta: Float64Array, grad: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    s = Math.exp(theta[2]),
    beta = Math.exp(theta[3]);
  const X = rows.maxX + 1;
  const lgr = new Float64Array(X),
    dgr = new Float64Array(X); // lnΓ(r+x) − lnΓ(r) and ψ(r+x) − ψ(r)
  for (let x = 1; x < X; x++) {
    lgr[x] = lgr[x - 1] + Math.log(r + x - 1);
    dgr[x] = dgr[x - 1] + 1 / (r + x - 1);
  }
  const la = Math.log(alpha),
    lb = Math.log(beta);
  const out = new Float64Array(6);
  let ll = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0,
    g3 = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows.x[i],
      w = rows.weight[i];
    if (!paretoNbdCustomer(r, alpha, s, beta, x, rows.tx[i], rows.T[i], out)) {
      grad.fill(0);
      return -Infinity;
    }
    ll += w * (lgr[x] + r * la + s * lb + out[0]);
    g0 += w * (dgr[x] + la + out[1]);
    g1 += w * (r / alpha + out[2]);
    g2 += w * (lb + out[3]);
    g3 += w * (s / beta + out[4]);
  }
  grad[0] = g0 * r;
  grad[1] = g1 * alpha;
  grad[2] = g2 * s;
  grad[3] = g3 * beta;
  return ll;
}

/** Fits the Pareto/NBD model by maximum likelihood; the s, β → ∞ boundary is handled as in the header. */
export function fitParetoNbd(data: BtydData, options: ParetoNbdOptions = {}): ParetoNbdFit {
  const where = 'baselines/fitParetoNbd';
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_PARETO_NBD }, options);
  const rows = prepareBtydRows(where, data);
  const start = Float64Array.from(o.start, Math.log);
  const logCap = Math.log(o.boundaryShape);
  const full = (t: Float64Array, g: Float64Array): number => paretoNbdLogLikelihood(rows, t, g);
  const m = fitMaximumLikelihood(where, full, start, rows.nCustomers, o, (x) => x[2] > logCap);
  if (!m.stopped) {
    const [r, alpha, s, beta] = m.values;
    const [sr, salpha, ss, sbeta] = m.stdErrors;
    return Object.freeze({
      model: 'pareto-nbd',
      params: Object.freeze({ r, alpha, s, beta }),
      stdErrors: Object.freeze({ r: sr, alpha: salpha, s: ss, beta: sbeta }),
      logLikelihood: m.logLikelihood,
      nCustomers: m.nCustomers,
      converged: m.converged,
      iterations: m.iterations,
      gradientNorm: m.gradientNorm,
      methods: m.methods,
      boundary: false,
    });
  }
  // s, β → ∞ together: fit the limit (r, α, μ = s/β) from where the ridge walk stopped
  const [r0, a0, s0, b0] = m.values;
  const lim = fitMaximumLikelihood(
    `${where} (boundary s, β → ∞)`,
    (t, g) => paretoLimitLogLikelihood(rows, t, g),
    Float64Array.from([r0, a0, s0 / b0], Math.log),
    rows.nCustomers,
    o,
  );
  const [r, alpha, mu] = lim.values;
  const [sr, salpha, smu] = lim.stdErrors;
  if (lim.logLikelihood < m.logLikelihood - 1e-6 * Math.abs(m.logLikelihood)) {
    throw new Error(
      `${where}: the fit reached s = ${s0.toExponential(3)} but the limiting model (s, β → ∞) has a lower log-likelihood (${lim.logLikelihood} < ${m.logLikelihood}); no maximum found`,
    );
  }
  const s = o.boundaryReportShape,
    beta = s / mu;
  return Object.freeze({
    model: 'pareto-nbd',
    params: Object.freeze({ r, alpha, s, beta }),
    stdErrors: Object.freeze({ r: sr, alpha: salpha, s: NaN, beta: NaN }),
    logLikelihood: lim.logLikelihood,
    nCustomers: lim.nCustomers,
    converged: lim.converged,
    iterations: m.iterations + lim.iterations,
    gradientNorm: lim.gradientNorm,
    methods: Object.freeze([...m.methods, 'boundary-limit', ...lim.methods]),
    boundary: true,
    dropoutRate: Object.freeze({ mu, stdError: smu }),
    warning:
      `no finite MLE: s and β diverge together (s/β → μ = ${mu.toPrecision(4)} per unit), i.e. dropout rates look homogeneous; ` +
      `fitted the limiting model (exponential lifetimes with one rate μ) and report s = ${s} (boundaryReportShape), β = s/μ; s and β have no standard errors`,
  });
}
