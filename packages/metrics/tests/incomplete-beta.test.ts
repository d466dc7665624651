import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, regularizedIncompleteBeta } from '../src/index.ts';

/** |got − want| ≤ tol·|want| (tol relative). */
function expectRel(got: number, want: number, tol: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.abs(want));
}

describe('regularizedIncompleteBeta', () => {
  it('matches scipy.special.betainc to 1e-12 relative', () => {
    // python3 -c "from scipy import special; print(repr(special.betainc(a, b, x)))" for each row.
    const cases: [x: number, a: number, b: number, want: number][] = [
      [0.3, 2, 3, 0.34829999999999994], // exactly Σ_{j=2..4} C(4,j) 0.3^j 0.7^(4−j) = 0.3483
      [0.999, 0.5, 0.5, 0.9798649583666235],
      [0.01, 50, 0.5, 7.998227417904836e-102],
      [0.7, 200, 90, 0.6431075347788187],
      [0.2, 0.05, 7.5, 0.9951863002097259],
      [0.9, 3.5, 1e-3, 0.0008630110734057593],
    ];
    for (const [x, a, b, want] of cases) expectRel(regularizedIncompleteBeta(x, a, b), want, 1e-12);
  });

  it('has the closed forms I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b, and the symmetry', () => {
    for (const x of [0.01, 0.3, 0.77, 0.999]) {
      expectRel(regularizedIncompleteBeta(x, 3.3, 1), x ** 3.3, 1e-13);
      expectRel(regularizedIncompleteBeta(x, 1, 0.4), 1 - (1 - x) ** 0.4, 1e-13);
      expect(regularizedIncompleteBeta(x, 2.5, 7) + regularizedIncompleteBeta(1 - x, 7, 2.5)).toBeCloseTo(1, 14);
    }
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(NaN, 2, 3)).toBeNaN();
  });

  it('validates its arguments', () => {
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow(
      'metrics/regularizedIncompleteBeta: a and b must be finite and > 0, got a = 0, b = 1',
    );
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(
      'metrics/regularizedIncompleteBeta: x must be in [0, 1], got 1.5',
    );
  });
});

describe('logGamma and logBeta', () => {
  it('match scipy.special.gammaln to 1e-14 relative', () => {
    // python3 -c "from scipy import special; print(repr(special.gammaln(x)))"
    const cases: [number, number][] = [
      [1e-8, 18.42068073818021],
      [0.5, 0.5723649429247],
      [2.5, 0.2846828704729192],
      [9.99, 12.779315214350195],
      [10, 12.801827480081469],
      [123.4, 469.3360974421906],
      [1e6, 12815504.569147611],
    ];
    for (const [x, want] of cases) expectRel(logGamma(x), want, 1e-14);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-15);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-15);
    expect(logGamma(0)).toBeNaN();
  });

  it('logBeta matches scipy.special.betaln, and mpmath where scipy loses digits', () => {
    // python3 -c "from scipy import special; print(repr(special.betaln(a, b)))"
    const cases: [number, number, number][] = [
      [0.5, 0.5, 1.1447298858494],
      [3, 9.5, -6.351866910579232],
      [12, 0.5, -0.6596747231378598],
      [30, 40, -48.30174909591612],
      [1e6, 1e6, -1386300.0033629201],
    ];
    for (const [a, b, want] of cases) expectRel(logBeta(a, b), want, 1e-14);
    // scipy's betaln(5e5, 0.5) = -5.988816495984793 is off in the 11th digit; the 30-digit value:
    // python3 -c "import mpmath as mp; mp.mp.dps = 30; print(mp.log(mp.beta(5e5, 0.5)))"
    expectRel(logBeta(5e5, 0.5), -5.98881649577746431031531129431, 1e-14);
  });
});
