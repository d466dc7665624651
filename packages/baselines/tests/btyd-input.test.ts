import { describe, expect, it } from 'vitest';
import { fitBgNbd, fitParetoNbd, prepareBtydRows, probabilityAlive } from '../src/index.ts';
import type { BtydData } from '../src/index.ts';

describe('BTYD input validation', () => {
  const cases: [string, BtydData, string][] = [
    [
      'recency > T',
      { frequency: [1, 2], recency: [3, 40], T: [10, 38.86] },
      'row 2: expected recency <= T, got recency 40 > T 38.86',
    ],
    ['negative T', { frequency: [0], recency: [0], T: [-1] }, 'row 1: expected T >= 0, got -1'],
    [
      'non-integer frequency',
      { frequency: [1, 2.5], recency: [1, 2], T: [5, 5] },
      'row 2: expected frequency to be a non-negative integer, got 2.5',
    ],
    ['negative recency', { frequency: [1], recency: [-2], T: [5] }, 'row 1: expected recency >= 0, got -2'],
    ['empty cohort', { frequency: [], recency: [], T: [] }, 'empty cohort (no customers to fit)'],
    [
      'unequal lengths',
      { frequency: [1], recency: [1, 2], T: [3] },
      'expected frequency, recency and T of equal length, got 1, 2, 1',
    ],
  ];
  for (const [label, data, message] of cases) {
    it(`rejects ${label} with one clear error in every fitter`, () => {
      expect(() => fitBgNbd(data)).toThrow(`baselines/fitBgNbd: ${message}`);
      expect(() => fitParetoNbd(data)).toThrow(`baselines/fitParetoNbd: ${message}`);
    });
  }

  it('rejects bad rows in predictions too', () => {
    const fit = fitBgNbd({ frequency: [0, 1, 2, 5, 0, 3], recency: [0, 5, 9, 20, 0, 12], T: [30, 30, 25, 30, 12, 20] });
    expect(() => probabilityAlive(fit, { frequency: 1, recency: 9, T: 8 })).toThrow(
      'baselines/probabilityAlive: row 1: expected recency <= T',
    );
  });

  it('merges identical histories and ignores recency when frequency is 0', () => {
    const rows = prepareBtydRows('t', { frequency: [0, 0, 1, 1], recency: [0, 0, 2, 2], T: [5, 5, 5, 5] });
    expect(rows.length).toBe(2);
    expect(Array.from(rows.weight)).toEqual([2, 2]);
  });
});
