import { describe, expect, it } from 'vitest';
import { decileTable } from '../src/index.ts';
import { clvCase, reference } from './reference.ts';

describe('decileTable', () => {
  it('ranks deciles from the highest prediction, two customers each for n = 20 (by hand)', () => {
    // predicted 20..1 (customer i has prediction 20 − i), actual = 2i: decile 1 holds customers
    // 0, 1 -> mean predicted (20+19)/2 = 19.5, mean actual (0+2)/2 = 1; decile 10 holds 18, 19.
    const predicted = Array.from({ length: 20 }, (_, i) => 20 - i);
    const actual = Array.from({ length: 20 }, (_, i) => 2 * i);
    const t = decileTable(actual, predicted);
    expect(t).toHaveLength(10);
    expect(t[0]).toEqual({ decile: 1, count: 2, meanPredicted: 19.5, meanActual: 1 });
    expect(t[9]).toEqual({ decile: 10, count: 2, meanPredicted: 1.5, meanActual: 37 });
  });

  it('spreads a tie block over the deciles it spans and splits a straddling customer (by hand)', () => {
    // n = 4 -> each decile is 0.4 customers wide. Block {3,0,3} with prediction 2 covers
    // [0, 3): value density 6/3 = 2, prediction density 2. Customer 3 (actual 8, pred 1)
    // covers [3, 4). Deciles 1–7 ([0, 2.8)) lie inside the block: mean actual 2, pred 2.
    // Decile 8 = [2.8, 3.2): actual 0.2·2 + 0.2·8 = 2 -> mean 5; pred 0.2·2 + 0.2·1 -> 1.5.
    // Deciles 9, 10 lie in customer 3: mean actual 8, pred 1.
    const t = decileTable([3, 0, 3, 8], [2, 2, 2, 1]);
    for (let g = 0; g < 7; g++) {
      expect(t[g].meanActual).toBeCloseTo(2, 12);
      expect(t[g].meanPredicted).toBeCloseTo(2, 12);
    }
    expect(t[7].meanActual).toBeCloseTo(5, 12);
    expect(t[7].meanPredicted).toBeCloseTo(1.5, 12);
    expect(t[9].meanActual).toBeCloseTo(8, 12);
    for (const row of t) expect(row.count).toBeCloseTo(0.4, 12);
  });

  it('does not depend on listing order within a tie block', () => {
    const a = decileTable([3, 0, 3, 8, 1], [2, 2, 2, 1, 1]);
    const b = decileTable([8, 0, 3, 1, 3], [1, 2, 2, 1, 2]);
    a.forEach((row, g) => expect(row.meanActual).toBeCloseTo(b[g].meanActual, 12));
  });

  it('equals the numpy reference (interpolated cumulative sums) on a seeded tied case', () => {
    const { actual, predicted } = clvCase(1234, 51, 0); // n not a multiple of 10, many ties
    const ref = reference({ actual, predicted });
    decileTable(actual, predicted).forEach((row, g) => {
      expect(row.count).toBeCloseTo(ref.decile_count[g], 9);
      expect(Math.abs(row.meanActual - ref.decile_mean_actual[g])).toBeLessThan(1e-9);
      expect(Math.abs(row.meanPredicted - ref.decile_mean_predicted[g])).toBeLessThan(1e-9);
    });
  });
});
