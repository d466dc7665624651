// The regularized incomplete beta function I_x(a, b) (Press et al., Numerical Recipes, §6.4,
// eqs. 6.4.5–6.4.6 of the 2nd ed.): the continued fraction
//   I_x(a, b) = x^a (1 − x)^b / (a · B(a, b)) · 1/(1+ d1/(1+ d2/(1+ ...))),
//   d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
//   d_{2m}   = m (b − m) x / ((a + 2m − 1)(a + 2m)),
// evaluated by the modified Lentz method (§5.2). It converges quickly for x < (a + 1)/(a + b + 2);
// above that the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used. For a ≥ 1 > b the same
// fraction is evaluated in DiDonato & Morris's (1992, TOMS 708) λ-form, which does not lose
// digits as x → 1 with a large (see lambdaFraction). Callers that know 1 − x more accurately
// than by subtraction (the Student-t: 1 − x = t²/(ν + t²)) pass it directly.
//
// log Γ is the Lanczos approximation of Numerical Recipes §6.1 (3rd ed. gammln, 14 terms,
// relative error < 1e-15) below 10 and Stirling's series above. log B(a, b) for large
// arguments uses Stirling's series with the correction term
// δ(x) = lnΓ(x) − [(x − ½) ln x − x + ½ ln 2π] (as R's lbeta does), so that the prefactor
// x^a (1 − x)^b / B(a, b) stays accurate for a ~ 1e6 (Student-t with large degrees of
// freedom), where lnΓ(a) − lnΓ(a + b) would cancel catastrophically.

const LANCZOS = Float64Array.of(
  57.1562356658629235,
  -59.5979603554754912,
  14.1360979747417471,
  -0.491913816097620199,
  0.339946499848118887e-4,
  0.465236289270485756e-4,
  -0.983744753048795646e-4,
  0.158088703224912494e-3,
  -0.210264441724104883e-3,
  0.217439618115212643e-3,
  -0.16431810653676389e-3,
  0.844182239838527433e-4,
  -0.261908384015814087e-4,
  0.368991826595316234e-5,
);

const LN_SQRT_2PI = 0.918938533204672741780329736406;

/** Continued-fraction controls. */
const CF = Object.freeze({
  /** Relative size of the last Lentz factor's deviation from 1 at convergence. */
  eps: 1e-15,
  /** Guard against division by zero in Lentz's method (NR's FPMIN). */
  tiny: 1e-300,
  /** NR: O(√max(a, b)) iterations are needed; this covers a, b up to ~1e10. */
  maxIterations: 1_000_000,
});

/** ln Γ(x) for x > 0 (NaN otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingCorrection(x);
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += LANCZOS[j] / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

/** δ(x) = lnΓ(x) − (x − ½) ln x + x − ½ ln 2π, by Stirling's series (x ≥ 10: error < 1e-14). */
function stirlingCorrection(x: number): number {
  const r = 1 / x,
    r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

/** ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b) for a, b > 0, without cancellation for large arguments. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return NaN;
  const p = Math.min(a, b),
    q = Math.max(a, b);
  if (q < 10) return logGamma(p) + logGamma(q) - logGamma(p + q);
  const corr = stirlingCorrection(q) - stirlingCorrection(p + q);
  if (p < 10) {
    // lnΓ(q) − lnΓ(p + q) = −(q − ½) log1p(p/q) − p ln(p + q) + p + δ(q) − δ(p + q).
    return logGamma(p) + corr - (q - 0.5) * Math.log1p(p / q) - p * Math.log(p + q) + p;
  }
  return (
    -0.5 * Math.log(q) +
    LN_SQRT_2PI +
    corr +
    stirlingCorrection(p) +
    (p - 0.5) * Math.log(p / (p + q)) +
    q * Math.log1p(-p / (p + q))
  );
}

/** Modified Lentz state (f, C, D) for f = 1/(b1 + a2/(b2 + a3/(b3 + ...))) (NR §5.2). */
const LENTZ = { f: 0, c: 0, d: 0 };

/** Starts f = 1/b1 (C = ∞, so that the next C is exactly b2). */
function lentzStart(b1: number): void {
  const d = 1 / (Math.abs(b1) < CF.tiny ? CF.tiny : b1);
  LENTZ.f = d;
  LENTZ.c = Infinity;
  LENTZ.d = d;
}

/** Adds the term a/(b + ...); returns |Δ − 1| (the relative change of f). */
function lentzStep(a: number, b: number): number {
  let d = b + a * LENTZ.d;
  if (Math.abs(d) < CF.tiny) d = CF.tiny;
  let c = b + a / LENTZ.c;
  if (Math.abs(c) < CF.tiny) c = CF.tiny;
  d = 1 / d;
  const delta = c * d;
  LENTZ.c = c;
  LENTZ.d = d;
  LENTZ.f *= delta;
  return Math.abs(delta - 1);
}

function notConverged(x: number, a: number, b: number): never {
  throw new Error(
    `metrics/regularizedIncompleteBeta: continued fraction did not converge for x = ${x}, a = ${a}, b = ${b}`,
  );
}

/**
 * NR's continued fraction 1/(1 + d1/(1 + d2/(1 + ...))) (eqs. 6.4.5–6.4.6, NR's betacf);
 * I_x(a, b) = prefactor · value / a.
 */
function nrFraction(x: number, a: number, b: number): number {
  const qab = a + b,
    qap = a + 1,
    qam = a - 1;
  lentzStart(1);
  lentzStep(-(qab * x) / qap, 1);
  for (let m = 1; m <= CF.maxIterations; m++) {
    const m2 = 2 * m;
    lentzStep((m * (b - m) * x) / ((qam + m2) * (a + m2)), 1);
    if (lentzStep((-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2)), 1) <= CF.eps) return LENTZ.f / a;
  }
  return notConverged(x, a, b);
}

/**
 * The same continued fraction rewritten in λ = a − (a + b)x = (a + b)y − b (DiDonato & Morris
 * 1992, ACM TOMS 708, routine BFRAC), evaluated here by Lentz's method; I_x(a, b) = prefactor ·
 * value. NR's form computes 1 − (a + b)x/(a + 1) = (λ + 1)/(a + 1) by subtraction, which
 * loses ~log10(a) digits as x → 1 with a large; this form uses y directly. Used for a ≥ 1 > b,
 * where it is the more accurate of the two (the Student-t with ν ≥ 2).
 */
function lambdaFraction(x: number, y: number, a: number, b: number): number {
  const lambda = (a + b) * y - b;
  const c = lambda + 1,
    c0 = b / a,
    c1 = 1 / a + 1,
    yp1 = y + 1;
  // 1/(c/c1 + α1/(β1 + α2/(β2 + ...))).
  lentzStart(c / c1);
  let p = 1,
    s = a + 1;
  for (let n = 1; n <= CF.maxIterations; n++) {
    const t = n / a,
      w = n * (b - n) * x;
    let e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    e = (t + 1) / (c1 + t + t);
    const beta = n + w / s + e * (c + n * yp1);
    p = t + 1;
    s += 2;
    if (lentzStep(alpha, beta) <= CF.eps) return LENTZ.f;
  }
  return notConverged(x, a, b);
}

/** I_x(a, b) / prefactor for x below the NR switch point (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  return a >= 1 && b < 1 ? lambdaFraction(x, y, a, b) : nrFraction(x, a, b);
}

/**
 * I_x(a, b) with y = 1 − x (and optionally ln x, ln y) supplied by the caller: pass them when
 * they are known more accurately than by 1 − x and Math.log (for a large, a·ln x must be
 * accurate to ~1e-16·a; x may underflow to 0 when ln x is finite). No argument checks: x, y in
 * [0, 1], a, b > 0.
 */
export function incompleteBetaXY(
  x: number,
  y: number,
  a: number,
  b: number,
  lnX = Math.log(x),
  lnY = Math.log(y),
): number {
  if (lnX === -Infinity) return 0;
  if (lnY === -Infinity) return 1;
  const lnFront = a * lnX + b * lnY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * betaContinuedFraction(x, y, a, b);
  return 1 - Math.exp(lnFront) * betaContinuedFraction(y, x, b, a);
}

/**
 * Regularized incomplete beta function I_x(a, b) for x in [0, 1], a > 0, b > 0 (scipy's
 * betainc). NaN when x is NaN; throws `metrics/regularizedIncompleteBeta: ...` on a, b ≤ 0 or
 * x outside [0, 1].
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) {
    throw new Error(`metrics/regularizedIncompleteBeta: a and b must be finite and > 0, got a = ${a}, b = ${b}`);
  }
  if (Number.isNaN(x)) return NaN;
  if (!(x >= 0 && x <= 1)) throw new Error(`metrics/regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  return incompleteBetaXY(x, 1 - x, a, b);
}
