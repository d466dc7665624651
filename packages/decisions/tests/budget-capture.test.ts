import { describe, expect, it } from 'vitest';
import { budgetCapture } from '../src/index.ts';
import { clvCase, contactList } from './reference.ts';

describe('budgetCapture', () => {
  it('matches the brute-force top of each list', () => {
    const { predicted, actual } = clvCase(200, 31);
    for (const [budget, cost] of [
      [0, 1],
      [10, 1],
      [33.3, 0.1],
      [150, 2],
      [1e6, 1],
    ]) {
      const r = budgetCapture(predicted, actual, { budget, contactCost: cost });
      const c = Math.min(200, Math.floor(Math.round((budget / cost) * 1e6) / 1e6));
      const sum = (list: number[]): number => list.slice(0, c).reduce((s, i) => s + actual[i], 0);
      const total = actual.reduce((s, v) => s + v, 0);
      expect(r.contacts).toBe(c);
      expect(r.spent).toBeCloseTo(c * cost, 12);
      expect(r.spent).toBeLessThanOrEqual(budget + 1e-9);
      expect(r.captured).toBeCloseTo(sum(contactList(predicted)), 9);
      expect(r.idealCaptured).toBeCloseTo(sum(contactList(actual)), 9);
      expect(r.share).toBeCloseTo(r.captured / total, 12);
      expect(r.idealCaptured).toBeGreaterThanOrEqual(r.captured);
    }
  });

  it('buys ⌊B/c⌋ contacts without losing one to rounding (0.3 / 0.1 = 3)', () => {
    expect(budgetCapture([3, 2, 1, 0], [1, 1, 1, 1], { budget: 0.3, contactCost: 0.1 }).contacts).toBe(3);
  });

  it('defaults the cost to 0.86 × mean actual value, and gives NaN share when nothing has value', () => {
    const r = budgetCapture([3, 2, 1, 0], [4, 0, 2, 2], { budget: 3.44 });
    expect(r.contactCost).toBeCloseTo(1.72, 12);
    expect(r.contacts).toBe(2);
    expect(r.captured).toBe(4);
    expect(budgetCapture([1, 2], [0, 0], { budget: 1, contactCost: 1 }).share).toBeNaN();
  });

  it('rejects bad input', () => {
    expect(() => budgetCapture([1, 2], [1], { budget: 1 })).toThrow(
      /^decisions\/budgetCapture: predicted and actual differ in length \(2 vs 1\)$/,
    );
    expect(() => budgetCapture([1, NaN], [1, 1], { budget: 1 })).toThrow(
      /^decisions\/budgetCapture: predicted\[1\] is NaN/,
    );
    expect(() => budgetCapture([1, 2], [1, 1], { budget: -1 })).toThrow(
      /^decisions\/budgetCapture: budget must be a finite number ≥ 0, got -1$/,
    );
    expect(() => budgetCapture([1, 2], [1, 1], { budget: 1, contactCost: 0 })).toThrow(
      /^decisions\/budgetCapture: contactCost must be a finite number > 0, got 0$/,
    );
    expect(() => budgetCapture([1, 2], [0, 0], { budget: 1 })).toThrow(
      /^decisions\/budgetCapture: the default contact cost .* is 0, expected > 0; pass contactCost$/,
    );
    expect(() => budgetCapture([1, 2], [1, 1], {} as never)).toThrow(
      /^decisions\/budgetCapture: options.budget is required/,
    );
  });
});
