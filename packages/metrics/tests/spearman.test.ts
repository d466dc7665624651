import { describe, expect, it } from 'vitest';
import { spearman } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('spearman', () => {
  it('matches a tied case computed by hand', () => {
    // b = [5,6,7,8,7] has ranks [1,2,3.5,5,3.5]; a has ranks 1..5; both means 3.
    // Σ da·db = 4+1+0+2+1 = 8, Σ da² = 10, Σ db² = 4+1+.25+4+.25 = 9.5 -> rho = 8/√95.
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 14);
  });

  it('is ±1 for monotone relations and NaN for a constant', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 14);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 14);
    expect(spearman([1, 2, 3, 4], [7, 7, 7, 7])).toBeNaN();
  });

  it('equals scipy.stats.spearmanr on seeded cases with ties to 1e-12', () => {
    for (const [n, seed] of [
      [200, 21],
      [3000, 22],
    ] as const) {
      const { actual, predicted } = clvCase(n, seed);
      const ref = reference({ actual, predicted });
      expect(Math.abs(spearman(actual, predicted) - num(ref.spearman))).toBeLessThan(1e-12);
    }
  });

  it('throws on length mismatch', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow('metrics/spearman: a and b differ in length (3 vs 2)');
  });
});
