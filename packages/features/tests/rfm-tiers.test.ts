import { describe, expect, it } from 'vitest';
import { quartileTiers, rfmTiers } from '../src/index.ts';

describe('rfmTiers', () => {
  it('cuts quartiles with ties sharing the tier of their last member (hand-worked)', () => {
    expect(Array.from(quartileTiers([5, 3, 3, 1], true))).toEqual([1, 3, 3, 4]);
    expect(Array.from(quartileTiers([1, 10, 10, 10, 30, 2, 2, 50], false))).toEqual([1, 3, 3, 3, 4, 2, 2, 4]);
  });

  it('puts a mass of one-time buyers in F = 4 and orders recency ascending', () => {
    const t = rfmTiers({
      recency: Float64Array.of(5, 50, 100, 200),
      frequency: Float64Array.of(9, 1, 1, 1),
      monetary: Float64Array.of(1, 2, 3, 4),
    });
    expect(Array.from(t.recency)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.frequency)).toEqual([1, 4, 4, 4]);
    expect(Array.from(t.monetary)).toEqual([4, 3, 2, 1]);
  });

  it('rejects NaN features', () => {
    expect(() =>
      rfmTiers({ recency: Float64Array.of(NaN), frequency: Float64Array.of(1), monetary: Float64Array.of(1) }),
    ).toThrow('features/rfmTiers: recency of row 1 is NaN');
  });
});
