// Quadrature path for the Pareto/NBD A0 term, used when the hypergeometric series of
// pareto-nbd-integral.ts would need thousands of terms: z = |α−β|/(max(α,β)+y) → 1, which
// happens when the fit drifts toward homogeneous dropout (s, β → ∞ with s/β fixed) or
// homogeneous purchasing (r, α → ∞). From Fader & Hardie (2005, note eq. 19),
//   s/(r+s+x) · A0 = s · I,   I = ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ,
// and the exact gradient is the integral of the integrand's derivatives (the limits do not
// depend on the parameters). Nodes: τ = e^w − c with w uniform in log(c+τ), c = min(α, β),
// so the power-law factor of the smaller scale becomes an exponential in w; the range is cut
// where the integrand has fallen e^{−45} below its start (log-concave once decreasing), and
// 8 panels × 16-point Gauss–Legendre cover it (relative error ≲ 1e-10 in tests).
import { gaussLegendre } from '../optim/gauss-legendre.ts';

const RULE = gaussLegendre(16);
const PANELS = 8;

/** log I and ∂ log I / ∂(r, α, s, β), written into out = [logI, dr, dα, ds, dβ]. */
export function paretoQuadrature(
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
  out: Float64Array,
): void {
  const k1 = r + x,
    k2 = s + 1;
  const c = Math.min(alpha, beta);
  const logg = (tau: number): number => -k1 * Math.log(alpha + tau) - k2 * Math.log(beta + tau);
  const w0 = Math.log(c + tx);
  let w1 = Math.log(c + T);
  // slope of the log-integrand in w at the start; cut at 45 e-folds when it is decreasing
  const slope0 = (c + tx) * (-k1 / (alpha + tx) - k2 / (beta + tx)) + 1;
  if (slope0 < 0) w1 = Math.min(w1, w0 + 45 / -slope0);
  const ref = logg(tx) + Math.log(c + tx);
  let S = 0,
    Sr = 0,
    Sa = 0,
    Ss = 0,
    Sb = 0;
  const width = (w1 - w0) / PANELS;
  for (let p = 0; p < PANELS; p++) {
    const mid = w0 + (p + 0.5) * width;
    for (let i = 0; i < RULE.nodes.length; i++) {
      const w = mid + (RULE.nodes[i] * width) / 2;
      const ew = Math.exp(w),
        tau = ew - c;
      const la = Math.log(alpha + tau),
        lb = Math.log(beta + tau);
      const v = RULE.weights[i] * Math.exp(-k1 * la - k2 * lb + w - ref);
      S += v;
      Sr -= v * la;
      Sa -= (v * k1) / (alpha + tau);
      Ss -= v * lb;
      Sb -= (v * k2) / (beta + tau);
    }
  }
  out[0] = ref + Math.log((S * width) / 2);
  out[1] = Sr / S;
  out[2] = Sa / S;
  out[3] = Ss / S;
  out[4] = Sb / S;
}
