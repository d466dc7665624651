import { describe, expect, it } from 'vitest';
import { decileMape, decileMapeDeciles } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('decileMape', () => {
  it('matches a tied case computed by hand', () => {
    // n = 10, each decile one customer wide. Block {3,0,0} (pred 3) fills deciles 1–3 with
    // mean actual 1, pred 3: error |3−1|/1 = 2 each. Block {4,0} (pred 2): deciles 4–5, mean
    // actual 2, pred 2: error 0. Block {1,1,1,1,6} (pred 1): deciles 6–10, mean actual 2,
    // pred 1: error ½ each. MAPE = (3·2 + 0 + 5·0.5) / 10 = 0.85.
    const actual = [3, 0, 0, 4, 0, 1, 1, 1, 1, 6];
    const predicted = [3, 3, 3, 2, 2, 1, 1, 1, 1, 1];
    expect(decileMape(actual, predicted)).toBeCloseTo(0.85, 14);
  });

  it('skips deciles whose mean actual is 0, and is NaN when all are skipped', () => {
    // n = 10; customers 5..9 have actual 0 -> deciles 6–10 skipped. Deciles 1–5 have
    // actual 10 and predicted 12 -> error 0.2 each -> MAPE 0.2.
    const actual = [10, 10, 10, 10, 10, 0, 0, 0, 0, 0];
    const predicted = [12, 12, 12, 12, 12, 1, 1, 1, 1, 1];
    expect(decileMape(actual, predicted)).toBeCloseTo(0.2, 14);
    expect(decileMape(new Float64Array(10), predicted)).toBeNaN();
  });

  it('is 0 for a perfectly calibrated predictor of the decile means', () => {
    const actual = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(decileMape(actual, actual)).toBeCloseTo(0, 14);
  });

  it('equals the numpy reference on a seeded tied case', () => {
    const { actual, predicted } = clvCase(777, 52, 0);
    expect(Math.abs(decileMape(actual, predicted) - num(reference({ actual, predicted }).decile_mape))).toBeLessThan(
      1e-9,
    );
  });
});

describe('decileMapeDeciles', () => {
  it('counts the deciles that enter decileMape', () => {
    // The skipping case above: deciles 6–10 have mean actual 0.
    expect(decileMapeDeciles([10, 10, 10, 10, 10, 0, 0, 0, 0, 0], [12, 12, 12, 12, 12, 1, 1, 1, 1, 1])).toBe(5);
    expect(decileMapeDeciles(new Float64Array(10), [12, 12, 12, 12, 12, 1, 1, 1, 1, 1])).toBe(0);
    const actual = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(decileMapeDeciles(actual, actual)).toBe(10);
    expect(() => decileMapeDeciles([1], [1, 2])).toThrow(
      'metrics/decileMapeDeciles: actual and predicted differ in length (1 vs 2)',
    );
  });

  it('equals the number of non-zero decile means of the numpy reference on mostly-zero holdouts', () => {
    // Zero the holdout value of everyone at or below a prediction cut, so that the lowest
    // deciles (and a tie block straddling the cut) have mean actual 0: 7, 5 and 3 deciles remain.
    for (const [seed, q, want] of [
      [52, 0.3, 7],
      [53, 0.5, 5],
      [52, 0.7, 3],
    ]) {
      const { actual, predicted } = clvCase(400, seed, 0);
      const cut = Float64Array.from(predicted).sort()[Math.floor(q * predicted.length)];
      const sparse = actual.map((v, i) => (predicted[i] > cut ? v : 0));
      const ref = reference({ actual: sparse, predicted });
      const nonZero = ref.decile_mean_actual.filter((v) => v !== 0).length;
      expect(nonZero).toBe(want);
      expect(decileMapeDeciles(sparse, predicted)).toBe(nonZero);
    }
  });
});
