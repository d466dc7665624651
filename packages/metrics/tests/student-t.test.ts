import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTCritical, studentTQuantile, studentTTwoSidedP } from '../src/index.ts';

/** |got − want| ≤ tol·|want| (tol relative). */
function expectRel(got: number, want: number, tol: number): void {
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(tol * Math.abs(want));
}

describe('studentTCdf / studentTTwoSidedP', () => {
  it('match scipy.stats.t for real df, to 1e-12 absolute and 1e-10 relative in the tails', () => {
    // python3 -c "from scipy import stats; print(repr(stats.t.cdf(t, df)))" for each row.
    const cdf: [t: number, df: number, want: number][] = [
      [-2.5, 3.7, 0.03591101145591339],
      [1.3, 0.5, 0.7296926732774399],
      [0, 7, 0.5],
      [-40, 2.5, 7.09781714524669e-5],
      [2.0, 1e4, 0.9772363696692823],
      [0.7, 12, 0.7513629231046463],
      [-1.2, 29.5, 0.11984402306715022],
      [3.1, 1e6, 0.999032369924338],
    ];
    for (const [t, df, want] of cdf) {
      expect(Math.abs(studentTCdf(t, df) - want)).toBeLessThan(1e-12);
      if (t < 0) expectRel(studentTCdf(t, df), want, 1e-10);
    }
    // python3 -c "from scipy import stats; print(repr(2 * stats.t.sf(abs(t), df)))"
    const twoSided: [t: number, df: number, want: number][] = [
      [12, 30, 5.580185415199261e-13],
      [6, 1e6, 1.97384981235443e-9],
      [-25, 3.3, 7.071714510485476e-5],
      [4.0, 0.8, 0.2024504229660222],
      [1e-7, 5, 0.999999924078662],
    ];
    for (const [t, df, want] of twoSided) expectRel(studentTTwoSidedP(t, df), want, 1e-10);
  });

  it('has the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [-1e6, -30, -2, -0.1, 0, 0.5, 3, 1e4]) {
      expect(Math.abs(studentTCdf(t, 1) - (0.5 + Math.atan(t) / Math.PI))).toBeLessThan(1e-14);
      expect(Math.abs(studentTCdf(t, 2) - (0.5 + t / (2 * Math.sqrt(2 + t * t))))).toBeLessThan(1e-14);
    }
    // Lower tail of the Cauchy to full relative accuracy: P(T ≤ −10^6) = atan(10^−6)/π.
    expectRel(studentTCdf(-1e6, 1), Math.atan(1e-6) / Math.PI, 1e-12);
  });

  it('handles infinities, NaN and invalid df', () => {
    expect(studentTCdf(-Infinity, 3)).toBe(0);
    expect(studentTCdf(Infinity, 3)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 3)).toBe(0);
    expect(studentTTwoSidedP(0, 3)).toBe(1);
    expect(studentTCdf(NaN, 3)).toBeNaN();
    expect(() => studentTCdf(1, 0)).toThrow('metrics/studentTCdf: df must be a finite number > 0, got 0');
    expect(() => studentTTwoSidedP(1, Infinity)).toThrow(
      'metrics/studentTTwoSidedP: df must be a finite number > 0, got Infinity',
    );
  });
});

describe('studentTQuantile / studentTCritical', () => {
  it('match scipy.stats.t.ppf to 1e-10 relative', () => {
    // python3 -c "from scipy import stats; print(repr(stats.t.ppf(p, df)))" for each row.
    const cases: [p: number, df: number, want: number][] = [
      [0.975, 4, 2.7764451051977934],
      [0.975, 1, 12.706204736174694],
      [0.995, 2.5, 7.163728138948783],
      [1e-10, 3, -2225.769284683093],
      [0.3, 0.7, -0.835441155706963],
      [0.9999999, 50, 6.025227833103438],
      [0.975, 1e6, 1.959966356814107],
      [0.6, 1.5, 0.30074539256979543],
      [0.025, 29, -2.045229642132704],
    ];
    for (const [p, df, want] of cases) expectRel(studentTQuantile(p, df), want, 1e-10);
    // Two-sided critical values: studentTCritical(level, df) = stats.t.ppf((1 + level) / 2, df).
    expectRel(studentTCritical(0.95, 4), 2.7764451051977934, 1e-10);
    expectRel(studentTCritical(0.99, 2.5), 7.163728138948783, 1e-10);
  });

  it('inverts the CDF, also far in the tails and for tiny df', () => {
    for (const df of [0.2, 1, 2.5, 9, 120, 1e5]) {
      for (const p of [1e-12, 1e-4, 0.02, 0.3, 0.5, 0.8, 0.999]) {
        const t = studentTQuantile(p, df);
        expectRel(studentTCdf(t, df), p, 1e-9);
      }
    }
    // Closed forms: df = 1, t = tan(π(p − ½)) = −cot(πp); df = 2, t = (2p − 1)·√(2 / (4p(1 − p))).
    for (const p of [1e-9, 0.1, 0.4999, 0.75, 0.99]) {
      expectRel(studentTQuantile(p, 1), -1 / Math.tan(Math.PI * p), 1e-10);
      expectRel(studentTQuantile(p, 2), (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p))), 1e-10);
    }
    // Next to the median the accuracy is absolute (~1e-15), not relative: t ≈ π(p − ½) for df = 1.
    expect(Math.abs(studentTQuantile(0.5 + 1e-9, 1) - Math.PI * (0.5 + 1e-9 - 0.5))).toBeLessThan(1e-14);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });

  it('validates p and level', () => {
    expect(studentTQuantile(NaN, 3)).toBeNaN();
    expect(() => studentTQuantile(1.2, 3)).toThrow('metrics/studentTQuantile: p must be in [0, 1], got 1.2');
    expect(() => studentTCritical(1, 3)).toThrow('metrics/studentTCritical: level must be in (0, 1), got 1');
    expect(() => studentTQuantile(0.5, -1)).toThrow('metrics/studentTQuantile: df must be a finite number > 0, got -1');
  });
});
