// Special functions for the BTYD likelihoods: log Γ, digamma ψ, and log-space sums.
// Hand-written: no well-kept JavaScript library exposes these with typed-array-friendly
// signatures, they are a few lines each, and they sit in the inner loop of every fit.
//
// log Γ: Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1 coefficients as
// popularised by Godfrey), relative error < 1e-15 for x > 0, reflection for x < 0.5.
// ψ: recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic (Bernoulli) series
// (Abramowitz & Stegun 6.3.18) through x^-10; the first omitted term is < 3e-14 at x = 10.

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046727;

/** Natural log of |Γ(x)|. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Digamma ψ(x) = d/dx log Γ(x), for x > 0. */
export function digamma(x: number): number {
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132)))));
}

/** log(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(e^a − e^b) for a ≥ b (−Infinity when equal). */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) throw new Error(`baselines/special-functions: logSubExp needs a >= b, got ${a} < ${b}`);
  return a + Math.log(-Math.expm1(b - a));
}

/** log B(a, b), the log Beta function. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
