import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFIT, profitCurve } from '../src/index.ts';
import { clvCase, referenceProfit } from './reference.ts';

const closeTo = (a: number, b: number, rel = 1e-12): void =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * (1 + Math.abs(b)));

describe('profitCurve', () => {
  it('matches the brute-force reference on random cases with ties, default grid', () => {
    const percents = Array.from({ length: 100 }, (_, j) => j + 1);
    for (const [n, seed] of [
      [1, 1],
      [7, 2],
      [30, 3],
      [101, 4],
      [997, 5],
    ]) {
      const { predicted, actual } = clvCase(n, seed);
      const c = profitCurve(predicted, actual, { margin: 0.4, contactCost: 3 });
      const ref = referenceProfit(predicted, actual, 0.4, 3, percents);
      expect(Array.from(c.contacts)).toEqual(ref.contacts);
      ref.profit.forEach((p, j) => closeTo(c.profit[j], p));
      expect(c.bestK).toBe((ref.best + 1) / 100);
      expect(c.bestContacts).toBe(ref.contacts[ref.best]);
      closeTo(c.bestProfit, ref.profit[ref.best]);
    }
  });

  it('matches the reference on a custom grid, and value is margin-free', () => {
    const { predicted, actual } = clvCase(250, 11);
    const percents = [5, 10, 25, 50, 100];
    const c = profitCurve(predicted, actual, { ks: percents.map((j) => j / 100), margin: 2, contactCost: 1.5 });
    const ref = referenceProfit(predicted, actual, 2, 1.5, percents);
    expect(Array.from(c.k)).toEqual([0.05, 0.1, 0.25, 0.5, 1]);
    expect(Array.from(c.contacts)).toEqual(ref.contacts);
    ref.profit.forEach((p, j) => closeTo(c.profit[j], p));
    c.value.forEach((v, j) => closeTo(2 * v - 1.5 * c.contacts[j], c.profit[j]));
  });

  it('derives the default cost as contactCostShare × mean actual value', () => {
    const { predicted, actual } = clvCase(400, 12);
    const mean = actual.reduce((s, v) => s + v, 0) / actual.length;
    const c = profitCurve(predicted, actual);
    expect(DEFAULT_PROFIT.margin).toBe(1);
    expect(DEFAULT_PROFIT.contactCostShare).toBe(0.86);
    expect(DEFAULT_PROFIT.ks.length).toBe(100);
    expect(Object.isFrozen(DEFAULT_PROFIT) && Object.isFrozen(DEFAULT_PROFIT.ks)).toBe(true);
    closeTo(c.contactCost, 0.86 * mean);
    expect(c.margin).toBe(1);
    // Contacting everyone returns 14% of the total value.
    closeTo(c.profit[99], 0.14 * mean * actual.length, 1e-9);
    expect(Object.isFrozen(c)).toBe(true);
    // An unset option passed through as undefined keeps its default.
    expect(profitCurve(predicted, actual, { margin: undefined, contactCost: undefined, ks: undefined })).toEqual(c);
  });

  it('breaks ties in predictions by customer index, and ties in profit by the smaller k', () => {
    const c = profitCurve([1, 1, 1], [0, 5, 10], { ks: [1 / 3, 2 / 3, 1], contactCost: 0 });
    expect(Array.from(c.contacts)).toEqual([1, 2, 3]);
    expect(Array.from(c.value)).toEqual([0, 5, 15]);
    const flat = profitCurve([3, 2, 1], [4, 0, 0], { ks: [1 / 3, 2 / 3, 1], contactCost: 0 });
    expect(flat.bestK).toBe(1 / 3);
    expect(flat.bestProfit).toBe(4);
  });

  it('counts ⌈k·n⌉ customers without rounding up 0.1 · 30 and contacts at least one', () => {
    const n = 30,
      ones = new Float64Array(n).fill(1);
    const c = profitCurve(ones, ones, { ks: [0.001, 0.1, 0.3, 0.7, 1] });
    expect(Array.from(c.contacts)).toEqual([1, 3, 9, 21, 30]);
  });

  it('rejects bad input with one-line errors naming the function', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => profitCurve([1, 2], [1]), /^decisions\/profitCurve: predicted and actual differ in length \(2 vs 1\)$/],
      [
        () => profitCurve([1, NaN], [1, 2]),
        /^decisions\/profitCurve: predicted\[1\] is NaN, expected a finite number$/,
      ],
      [() => profitCurve([], []), /^decisions\/profitCurve: predicted is empty/],
      [
        () => profitCurve([1, 2], [1, 2], { contactCost: -1 }),
        /^decisions\/profitCurve: contactCost must be a finite number ≥ 0, got -1$/,
      ],
      [
        () => profitCurve([1, 2], [1, 2], { margin: 0 }),
        /^decisions\/profitCurve: margin must be a finite number > 0, got 0$/,
      ],
      [
        () => profitCurve([1, 2], [1, 2], { ks: [0, 0.5] }),
        /^decisions\/profitCurve: ks\[0\] must be in \(0, 1\], got 0$/,
      ],
      [
        () => profitCurve([1, 2], [1, 2], { ks: [0.5, 1.5] }),
        /^decisions\/profitCurve: ks\[1\] must be in \(0, 1\], got 1.5$/,
      ],
      [
        () => profitCurve([1, 2], [1, 2], { ks: [0.5, 0.5] }),
        /^decisions\/profitCurve: ks must be strictly increasing/,
      ],
      [() => profitCurve([1, 2], [1, 2], { ks: [] }), /^decisions\/profitCurve: ks must be a non-empty array/],
      [
        () => profitCurve([1, 2], [-5, 1]),
        /^decisions\/profitCurve: mean actual value is -2, expected ≥ 0 to derive the contact cost; pass contactCost$/,
      ],
    ];
    for (const [f, re] of bad) expect(f).toThrow(re);
  });
});
