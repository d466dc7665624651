import { describe, expect, it } from 'vitest';
import { rank } from '../src/index.ts';
import { clvCase, reference } from './reference.ts';

describe('rank', () => {
  it('gives average ranks for ties (by hand)', () => {
    // 10 -> 1; the two 20s share ranks 2,3 -> 2.5; 30 -> 4; the three 0s share 1,2,3 -> 2.
    expect(Array.from(rank([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(Array.from(rank([0, 5, 0, 0]))).toEqual([2, 4, 2, 2]);
  });

  it('equals scipy.stats.rankdata(method="average") exactly', () => {
    const { actual, predicted } = clvCase(500, 31);
    expect(Array.from(rank(actual))).toEqual(reference({ actual, predicted }).rank_actual);
  });

  it('throws on empty input and NaN', () => {
    expect(() => rank([])).toThrow('metrics/rank: values is empty');
    expect(() => rank([1, NaN])).toThrow('metrics/rank: values[1] is NaN');
  });
});
