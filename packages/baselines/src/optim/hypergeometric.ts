// Gauss hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1, returned on the log scale,
// by its power series (Abramowitz & Stegun 15.1.1) summed with running rescaling so that
// large a, b (many purchases) cannot overflow. The BTYD predictions (Fader, Hardie & Lee
// 2005 eqs. 7, 10) only ever need a, b, c > 0 and 0 ≤ z < 1, where every term is positive
// and the series converges geometrically once n > (a·b·z)/(c·(1 − z)) roughly.
// Hand-written: JavaScript has no maintained special-functions library with 2F1.

const MAX_TERMS = 2_000_000;
const RESCALE = 1e280;

/** log 2F1(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new Error(`baselines/hypergeometric: z must be in [0, 1), got ${z}`);
  if (!(a > 0 && b > 0 && c > 0)) {
    throw new Error(`baselines/hypergeometric: parameters must be positive, got a=${a} b=${b} c=${c}`);
  }
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (sum > RESCALE) {
      sum /= RESCALE;
      term /= RESCALE;
      logScale += Math.log(RESCALE);
    }
    if (ratio < 1 && term < sum * 1e-17) return logScale + Math.log(sum);
  }
  throw new Error(
    `baselines/hypergeometric: 2F1(${a}, ${b}; ${c}; ${z}) series did not converge in ${MAX_TERMS} terms`,
  );
}
