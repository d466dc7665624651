// The Pareto/NBD "A0" term of Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD
// Model and Related Expressions", eqs. (20)–(22): with a = r+s+x,
//   α ≥ β: F(y) = 2F1(a, s+1; a+1; (α−β)/(α+y)) / (α+y)^a
//   α < β: F(y) = 2F1(a, r+x; a+1; (β−α)/(β+y)) / (β+y)^a
// and A0 = F(t_x) − F(T). Choosing the branch by the sign of α − β keeps the argument
// z = |α−β| / (max(α,β)+y) in [0, 1), where the series converges. Because c = a + 1,
//   F(y) = Σ_n a/(a+n) · (b)_n/n! · d^n · (κ+y)^{−(a+n)},  κ = max(α,β), d = |α−β|,
// and every term's log-derivative in (a, b, κ, d) is elementary:
//   ∂/∂a = 1/a − 1/(a+n) − ln(κ+y),  ∂/∂b = Σ_{k<n} 1/(b+k),  ∂/∂κ = −(a+n)/(κ+y),  ∂/∂d = n/d,
// so the exact gradient is summed term by term in the same loop as the value. Terms are
// summed relative to the n = 0 term with rescaling, so large x (large a or b) cannot overflow.

const MAX_TERMS = 1_000_000;
const RESCALE = 1e250;

/** log F(y) and ∂ log F / ∂(a, b, κ, d), written into `out` = [logF, da, db, dκ, dd]. */
export function paretoSeries(a: number, b: number, kappa: number, d: number, y: number, out: Float64Array): boolean {
  const ky = kappa + y;
  const lky = Math.log(ky);
  if (d === 0) {
    out[0] = -a * lky;
    out[1] = -lky;
    out[2] = 0;
    out[3] = -a / ky;
    out[4] = ((a / (a + 1)) * b) / ky;
    return true;
  }
  const z = d / ky;
  let t = 1,
    S = 1,
    Sa = 0,
    Sb = 0,
    Sk = -a,
    Sd = 0; // Sa excludes the constant −ln(κ+y); Sk scaled by 1/(κ+y) at the end
  let gb = 0,
    logScale = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) / (a + n + 1)) * ((b + n) / (n + 1)) * z;
    gb += 1 / (b + n);
    t *= ratio;
    const m = n + 1;
    S += t;
    Sa += t * (1 / a - 1 / (a + m));
    Sb += t * gb;
    Sk -= t * (a + m);
    Sd += t * m;
    if (S > RESCALE) {
      S /= RESCALE;
      Sa /= RESCALE;
      Sb /= RESCALE;
      Sk /= RESCALE;
      Sd /= RESCALE;
      t /= RESCALE;
      logScale += Math.log(RESCALE);
    }
    if (ratio < 1 && t * m < S * 1e-17) {
      out[0] = -a * lky + logScale + Math.log(S);
      out[1] = Sa / S - lky;
      out[2] = Sb / S;
      out[3] = Sk / S / ky;
      out[4] = Sd / S / d;
      return true;
    }
  }
  return false;
}
