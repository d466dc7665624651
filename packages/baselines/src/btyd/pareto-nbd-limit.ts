// Boundary (limiting) case of the Pareto/NBD (Schmittlein, Morrison & Colombo 1987): when
// s, β → ∞ with s/β = μ fixed, the Gamma(s, β) mixing of dropout rates becomes a point mass
// at μ (every customer's lifetime is exponential with one common rate). Taking that limit in
// Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions",
// eq. (19) — β^s (β+τ)^{−s} → e^{−μτ} and s/(β+τ) → μ — gives
//   L = Γ(r+x) α^r / Γ(r) · [ e^{−μT} (α+T)^{−(r+x)} + μ J ],
//   J = ∫_{t_x}^{T} e^{−μτ} (α+τ)^{−(r+x)} dτ,
// a 3-parameter model (r, α, μ) that, unlike the Pareto/NBD on such data, has a finite MLE.
// J by Gauss–Legendre in w = log(α+τ): the log-integrand −(r+x−1)w − μ(e^w − α) is concave
// in w, so cutting 45 e-folds down its starting tangent loses < e^{−45} of the mass.
import { gaussLegendre } from '../optim/gauss-legendre.ts';
import type { BtydRows } from './btyd-input.ts';

const RULE = gaussLegendre(16);
const PANELS = 8;

/** log of the bracket above and ∂/∂(r, α, μ) of it, into out = [log, dr, dα, dμ]. */
export function paretoLimitCustomer(
  r: number,
  alpha: number,
  mu: number,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): void {
  const k = r + x;
  const lT = Math.log(alpha + T);
  const logP = -k * lT - mu * T;
  let logQ = -Infinity,
    qr = 0,
    qa = 0,
    qm = 0;
  if (T > tx) {
    const w0 = Math.log(alpha + tx);
    let w1 = lT;
    const slope0 = 1 - k - mu * (alpha + tx);
    if (slope0 < 0) w1 = Math.min(w1, w0 + 45 / -slope0);
    const ref = (1 - k) * w0 - mu * tx;
    const width = (w1 - w0) / PANELS;
    let S = 0,
      Sr = 0,
      Sa = 0,
      Sm = 0;
    for (let p = 0; p < PANELS; p++) {
      const mid = w0 + (p + 0.5) * width;
      for (let i = 0; i < RULE.nodes.length; i++) {
        const w = mid + (RULE.nodes[i] * width) / 2;
        const ew = Math.exp(w),
          tau = ew - alpha;
        const v = RULE.weights[i] * Math.exp((1 - k) * w - mu * tau - ref);
        S += v;
        Sr -= v * w;
        Sa -= (v * k) / ew;
        Sm -= v * tau;
      }
    }
    logQ = Math.log(mu) + ref + Math.log((S * width) / 2);
    qr = Sr / S;
    qa = Sa / S;
    qm = 1 / mu + Sm / S;
  }
  const m = Math.max(logP, logQ);
  const eP = Math.exp(logP - m),
    eQ = Math.exp(logQ - m);
  const wP = eP / (eP + eQ),
    wQ = 1 - wP;
  out[0] = m + Math.log(eP + eQ);
  out[1] = wP * -lT + wQ * qr;
  out[2] = wP * (-k / (alpha + T)) + wQ * qa;
  out[3] = wP * -T + wQ * qm;
}

/** Total log-likelihood of the limiting model at θ = log(r, α, μ); gradient (in θ) into `grad`. */
export function paretoLimitLogLikelihood(rows: BtydRows, theta: Float64Array, grad: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    mu = Math.exp(theta[2]);
  const X = rows.maxX + 1;
  const lgr = new Float64Array(X),
    dgr = new Float64Array(X); // lnΓ(r+x) − lnΓ(r) and ψ(r+x) − ψ(r)
  for (let x = 1; x < X; x++) {
    lgr[x] = lgr[x - 1] + Math.log(r + x - 1);
    dgr[x] = dgr[x - 1] + 1 / (r + x - 1);
  }
  const la = Math.log(alpha);
  const out = new Float64Array(4);
  let ll = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = rows.x[i],
      w = rows.weight[i];
    paretoLimitCustomer(r, alpha, mu, x, rows.tx[i], rows.T[i], out);
    ll += w * (lgr[x] + r * la + out[0]);
    g0 += w * (dgr[x] + la + out[1]);
    g1 += w * (r / alpha + out[2]);
    g2 += w * out[3];
  }
  grad[0] = g0 * r;
  grad[1] = g1 * alpha;
  grad[2] = g2 * mu;
  return Number.isFinite(ll) ? ll : -Infinity;
}
