import { describe, expect, it } from 'vitest';
import {
  applyRfmTierCuts,
  quartileCuts,
  quartileTiers,
  rfmFeatures,
  rfmTierCuts,
  rfmTiers,
  tiersFromCuts,
} from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';

describe('rfmTierCuts', () => {
  it('reproduces quartileTiers when fitted on every row (hand-worked and CDNOW)', () => {
    const v = [1, 10, 10, 10, 30, 2, 2, 50];
    const all = v.map((_, i) => i);
    expect(quartileCuts(v, all, false)).toEqual([2, 10, 30]); // 1 | 2 2 | 10 10 10 | 30 50: tier = 1 + #{cuts ≤ v}
    expect(Array.from(tiersFromCuts(v, quartileCuts(v, all, false), false))).toEqual(
      Array.from(quartileTiers(v, false)),
    );
    expect(Array.from(tiersFromCuts([5, 3, 3, 1], quartileCuts([5, 3, 3, 1], [0, 1, 2, 3], true), true))).toEqual([
      1, 3, 3, 4,
    ]);
  });

  it('equals rfmTiers on the CDNOW cohort when fitted on all of it', async () => {
    const f = rfmFeatures(await cdnowTask());
    const all = Array.from(f.customers.keys());
    const a = applyRfmTierCuts(rfmTierCuts(f, all), f),
      b = rfmTiers(f);
    for (const k of ['recency', 'frequency', 'monetary'] as const) expect(Array.from(a[k])).toEqual(Array.from(b[k]));
  });

  it('fits on the reference rows only and places any other value against those cuts', () => {
    const v = [100, 1, 2, 3, 4, 5, 6, 7, 8, -100];
    const ref = [1, 2, 3, 4, 5, 6, 7, 8]; // 1..8: quartiles {1,2} {3,4} {5,6} {7,8}
    const cuts = quartileCuts(v, ref, true);
    expect(cuts).toEqual([6, 4, 2]); // larger is better: tier = 1 + #{cuts ≥ v}
    expect(Array.from(tiersFromCuts(v, cuts, true))).toEqual([1, 4, 4, 3, 3, 2, 2, 1, 1, 4]);
    v[0] = 1e9;
    v[9] = -1e9; // changing rows outside the reference changes nothing fitted
    expect(quartileCuts(v, ref, true)).toEqual(cuts);
  });

  it('rejects NaN and an empty reference', () => {
    expect(() => quartileCuts([1, NaN], [0, 1], true)).toThrow('features/quartileCuts: NaN among the reference values');
    expect(() => quartileCuts([1], [], true)).toThrow('features/quartileCuts: no reference rows');
    expect(() => tiersFromCuts([NaN], [1, 2, 3], true)).toThrow('features/tiersFromCuts: value of row 1 is NaN');
  });
});
