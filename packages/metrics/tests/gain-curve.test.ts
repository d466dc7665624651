import { describe, expect, it } from 'vitest';
import { gainCurve, giniRaw } from '../src/index.ts';
import { clvCase, reference } from './reference.ts';

describe('gainCurve', () => {
  it('matches a case computed by hand', () => {
    // Order by prediction: actual 4,1,3,0 of 8 -> G(0, .25, .5, .75, 1) = 0, .5, .625, 1, 1.
    const g = gainCurve([4, 0, 1, 3], [0.9, 0.1, 0.5, 0.3], 5);
    expect(Array.from(g.customerShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(g.valueShare)).toEqual([0, 0.5, 0.625, 1, 1]);
  });

  it('is the diagonal for a constant predictor and its area gives the raw Gini', () => {
    const { actual, predicted } = clvCase(1000, 71);
    const flat = gainCurve(actual, new Float64Array(1000), 11);
    flat.valueShare.forEach((v, j) => expect(v).toBeCloseTo(j / 10, 12));
    // With 1001 points on n = 1000 customers the trapezoid area is exact: raw = 2·area − 1.
    const g = gainCurve(actual, predicted, 1001);
    let area = 0;
    for (let j = 1; j < 1001; j++) area += (g.valueShare[j] + g.valueShare[j - 1]) / 2 / 1000;
    expect(2 * area - 1).toBeCloseTo(giniRaw(actual, predicted), 12);
  });

  it('equals the numpy reference at 101 points', () => {
    const { actual, predicted } = clvCase(999, 72);
    const ref = reference({ actual, predicted }).gain;
    gainCurve(actual, predicted).valueShare.forEach((v, j) => expect(Math.abs(v - ref[j])).toBeLessThan(1e-12));
  });

  it('rejects fewer than 2 points', () => {
    expect(() => gainCurve([1, 2], [1, 2], 1)).toThrow('metrics/gainCurve: points must be an integer ≥ 2, got 1');
  });
});
