import { describe, expect, it } from 'vitest';
import { giniRaw, normalizedGini } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('normalizedGini', () => {
  it('matches a case computed by hand', () => {
    // actual [4,0,1,3] (total 8), predicted [0.9,0.1,0.5,0.3] -> order 4,1,3,0.
    // G = 0, .5, .625, 1, 1; trapezoid mean = (.25 + .5625 + .8125 + 1)/4 = .65625; raw = .3125.
    // Ideal order 4,3,1,0: G = 0, .5, .875, 1, 1; mean = (.25+.6875+.9375+1)/4 = .71875; raw = .4375.
    // normalized = .3125 / .4375 = 5/7.
    const actual = [4, 0, 1, 3],
      predicted = [0.9, 0.1, 0.5, 0.3];
    expect(giniRaw(actual, predicted)).toBeCloseTo(0.3125, 14);
    expect(giniRaw(actual, actual)).toBeCloseTo(0.4375, 14);
    expect(normalizedGini(actual, predicted)).toBeCloseTo(5 / 7, 14);
  });

  it('spreads a block of tied predictions evenly (hand-computed)', () => {
    // actual [6,0,2,0], predicted [1,1,0,0]: blocks {6,0} then {2,0}, total 8.
    // Spread: each customer of block 1 holds 3, of block 2 holds 1 -> G = 0,.375,.75,.875,1.
    // mean = (.1875+.5625+.8125+.9375)/4 = .625 -> raw .25. Ideal [6,2,0,0]: G = 0,.75,1,1,1,
    // mean = (.375+.875+1+1)/4 = .8125 -> raw .625. normalized = .25/.625 = 0.4.
    // (Breaking ties by listing order would give 0.8 for [6,0|2,0] and 0 for [0,6|0,2].)
    expect(normalizedGini([6, 0, 2, 0], [1, 1, 0, 0])).toBeCloseTo(0.4, 14);
    expect(normalizedGini([0, 6, 0, 2], [1, 1, 0, 0])).toBeCloseTo(0.4, 14);
    expect(giniRaw([6, 0, 2, 0], [1, 1, 0, 0])).toBeCloseTo(0.25, 14);
  });

  it('is 1 for perfect ordering, exactly 0 for a constant, negative reversed', () => {
    const { actual, predicted } = clvCase(500, 11);
    expect(normalizedGini(actual, actual)).toBe(1);
    expect(
      normalizedGini(
        actual,
        actual.map((v) => 2 * v + 7),
      ),
    ).toBe(1);
    expect(normalizedGini(actual, new Float64Array(500).fill(3.5))).toBe(0);
    expect(giniRaw(actual, new Float64Array(500))).toBe(0);
    const g = normalizedGini(actual, predicted);
    expect(g).toBeGreaterThan(0.3);
    // Reversal: the curve becomes 1 − G(1 − x), area 1 − area, so the Gini changes sign exactly.
    expect(
      normalizedGini(
        actual,
        predicted.map((v) => -v),
      ),
    ).toBeCloseTo(-g, 12);
    expect(
      normalizedGini(
        actual,
        actual.map((v) => -v),
      ),
    ).toBeCloseTo(-1, 12);
  });

  it('is invariant to strictly increasing transforms and to listing order', () => {
    const { actual, predicted } = clvCase(400, 12);
    const g = normalizedGini(actual, predicted);
    expect(
      normalizedGini(
        actual,
        predicted.map((v) => Math.exp(v / 50)),
      ),
    ).toBe(g);
    expect(
      normalizedGini(
        actual,
        predicted.map((v) => v ** 3 + 5),
      ),
    ).toBe(g);
    const perm = Array.from({ length: 400 }, (_, i) => (i * 37) % 400); // 37 is coprime to 400
    expect(
      normalizedGini(
        perm.map((i) => actual[i]),
        perm.map((i) => predicted[i]),
      ),
    ).toBeCloseTo(g, 12);
  });

  it('equals an independent numpy implementation of the tie-spreading definition to 1e-9', () => {
    for (const [n, seed, decimals] of [
      [300, 1, 0],
      [2000, 2, 1],
      [1000, 3, 3],
    ] as const) {
      const { actual, predicted } = clvCase(n, seed, decimals);
      const ref = reference({ actual, predicted });
      expect(Math.abs(normalizedGini(actual, predicted) - num(ref.normalized_gini))).toBeLessThan(1e-9);
      expect(Math.abs(giniRaw(actual, predicted) - ref.gini_raw)).toBeLessThan(1e-9);
    }
  });

  it('returns NaN when undefined and throws on bad input', () => {
    expect(normalizedGini([0, 0, 0], [1, 2, 3])).toBeNaN();
    expect(normalizedGini([2, 2, 2], [1, 2, 3])).toBeNaN();
    expect(() => normalizedGini([1, 2], [1])).toThrow(
      'metrics/normalizedGini: actual and predicted differ in length (2 vs 1)',
    );
    expect(() => normalizedGini([], [])).toThrow('metrics/normalizedGini: actual is empty');
    expect(() => normalizedGini([1, 2], [1, NaN])).toThrow('metrics/normalizedGini: predicted[1] is NaN');
    expect(() => normalizedGini([1, Infinity], [1, 2])).toThrow(
      'metrics/normalizedGini: actual[1] is not a finite number',
    );
  });
});
