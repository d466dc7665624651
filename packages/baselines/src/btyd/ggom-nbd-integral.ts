// The lifetime integral of the GGom/NBD likelihood (Bemmaor & Glady 2012, eq. 6):
//   I = ∫_{t_x}^{T} e^{bτ} (α+τ)^{−k} (β + e^{bτ} − 1)^{−(s+1)} dτ,   k = r + x,
// with its exact gradient, the integral of the integrand's log-derivatives (the limits do not
// depend on the parameters):
//   ∂r: −ln(α+τ)   ∂α: −k/(α+τ)   ∂b: τ − (s+1) τ e^{bτ}/(β+e^{bτ}−1)
//   ∂s: −ln(β+e^{bτ}−1)           ∂β: −(s+1)/(β+e^{bτ}−1).
// There is no closed form (CLVTools and Bemmaor & Glady integrate numerically too). The log
// integrand is bτ − V(τ) with V(τ) = k ln(α+τ) + (s+1) ln(β+e^{bτ}−1) increasing, so panels are
// laid out by marching in τ until V (plus bτ) has moved by at most 12 e-folds, which a
// 16-point Gauss–Legendre rule integrates to ~1e-15: steep power laws (large x) get short
// panels near t_x, flat stretches one long panel. e^{bτ} − 1 is expm1, so the integrand keeps
// its digits at the Pareto/NBD boundary (b, β → 0 with β/b fixed). Panels are also kept within
// 1.5× the distance to the integrand's nearest complex singularity (τ = −α, and the zeros of
// β − 1 + e^{bτ}), which bounds the rule's error by ~ρ^{−32} with ρ ≈ 4.4 (~1e-20) however flat
// the integrand looks (a power law's singularity limits Gauss–Legendre, not its slope). Panels stop once the rest
// of the range provably holds less than e^{−40} of the mass so far (beyond τ the integrand is
// at most its value at τ times e^{b(T−τ)}).
import { gaussLegendre } from '../optim/gauss-legendre.ts';

const RULE = gaussLegendre(16);
const BUDGET = 12;
const MAX_PANELS = 4096;

/** log I and ∂ log I / ∂(r, α, b, s, β) into out = [logI, dr, dα, db, ds, dβ] (requires T > t_x). */
export function ggomNbdIntegral(
  k: number,
  alpha: number,
  b: number,
  s: number,
  beta: number,
  tx: number,
  T: number,
  out: Float64Array,
): void {
  const s1 = s + 1;
  const variation = (tau: number): number =>
    k * Math.log(alpha + tau) + s1 * Math.log(beta + Math.expm1(b * tau)) + b * tau;
  const logf = (tau: number): number => b * tau - k * Math.log(alpha + tau) - s1 * Math.log(beta + Math.expm1(b * tau));
  // distance from τ to the nearest complex singularity of the integrand: τ = −α (power law) and
  // the zeros of β − 1 + e^{bτ} (real, behind, for β < 1; at ln(β−1)/b ± iπ/b for β > 1)
  const gompertz = beta < 1 ? -Math.log1p(-beta) / b : beta > 1 ? NaN : Infinity,
    shift = beta > 1 ? Math.log(beta - 1) / b : 0;
  const singularityDistance = (tau: number): number =>
    Math.min(alpha + tau, beta > 1 ? Math.hypot(tau - shift, Math.PI / b) : tau + gompertz);
  const ref = logf(tx);
  let S = 0,
    Sr = 0,
    Sa = 0,
    Sb = 0,
    Ss = 0,
    Sbe = 0;
  let lo = tx,
    vlo = variation(tx);
  const slope = k / (alpha + tx) + (s1 * b * Math.exp(b * tx)) / (beta + Math.expm1(b * tx)) + b;
  let h = Math.min(T - tx, BUDGET / slope);
  for (let panel = 0; lo < T; panel++) {
    if (panel === MAX_PANELS)
      throw new Error(
        `baselines/ggomNbdIntegral: more than ${MAX_PANELS} panels (k ${k}, α ${alpha}, b ${b}, s ${s}, β ${beta}, t_x ${tx}, T ${T})`,
      );
    h = Math.min(h, T - lo, 1.5 * singularityDistance(lo));
    while (variation(lo + h) - vlo > BUDGET) h /= 2;
    const hi = lo + h,
      mid = lo + h / 2,
      half = h / 2;
    for (let i = 0; i < RULE.nodes.length; i++) {
      const tau = mid + half * RULE.nodes[i];
      const la = Math.log(alpha + tau),
        E = Math.expm1(b * tau),
        lb = Math.log(beta + E);
      const v = RULE.weights[i] * half * Math.exp(b * tau - k * la - s1 * lb - ref);
      S += v;
      Sr -= v * la;
      Sa -= (v * k) / (alpha + tau);
      Ss -= v * lb;
      Sbe -= (v * s1) / (beta + E);
      Sb += v * tau * (1 - (s1 * (E + 1)) / (beta + E));
    }
    lo = hi;
    vlo = variation(hi);
    h *= 2;
    if (lo < T && logf(lo) - ref + b * (T - lo) + Math.log(T - lo) < Math.log(S) - 40) break;
  }
  out[0] = ref + Math.log(S);
  out[1] = Sr / S;
  out[2] = Sa / S;
  out[3] = Sb / S;
  out[4] = Ss / S;
  out[5] = Sbe / S;
}
