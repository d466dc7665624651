import { describe, expect, it } from 'vitest';
import { auc } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('auc', () => {
  it('counts ties as one half (by hand)', () => {
    // positives .9,.5,.1; negatives .9,.2. Pairs: (.9,.9) ½, (.9,.2) 1, (.5,.9) 0, (.5,.2) 1,
    // (.1,.9) 0, (.1,.2) 0 -> 2.5 / 6.
    expect(auc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.2, 0.1])).toBeCloseTo(2.5 / 6, 14);
    expect(auc([1, 0, 1, 0], [3, 3, 3, 3])).toBe(0.5);
    expect(auc([1, 1, 0, 0], [4, 3, 2, 1])).toBe(1);
    expect(auc([1, 1, 0, 0], [1, 2, 3, 4])).toBe(0);
  });

  it('equals scipy Mann–Whitney U / (n1·n2) on a seeded tied case to 1e-12', () => {
    const { actual, predicted, score } = clvCase(2500, 41);
    const labels = actual.map((v) => (v > 0 ? 1 : 0));
    const ref = reference({ actual, predicted, labels, scores: score });
    expect(Math.abs(auc(labels, score) - num(ref.auc))).toBeLessThan(1e-12);
  });

  it('is NaN when a class is absent and throws on non-0/1 labels', () => {
    expect(auc([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(auc([0, 0], [1, 2])).toBeNaN();
    expect(() => auc([0, 2], [1, 2])).toThrow('metrics/auc: labels01[1] must be 0 or 1, got 2');
    expect(() => auc([0, 1], [1])).toThrow('metrics/auc: labels01 and scores differ in length (2 vs 1)');
  });
});
