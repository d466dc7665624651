import { describe, expect, it } from 'vitest';
import { lift, topCapture } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('topCapture and lift', () => {
  it('matches cases computed by hand', () => {
    // Order by prediction: actual 4,1,3,0 (total 8); the top 25% is the first customer: 4/8.
    expect(topCapture([4, 0, 1, 3], [0.9, 0.1, 0.5, 0.3], 0.25)).toBe(0.5);
    expect(lift([4, 0, 1, 3], [0.9, 0.1, 0.5, 0.3], 0.25)).toBe(2);
    // Tie block {6,0} first: the top 25% is half the block -> 3/8; top 10% = 0.4 customer -> 0.4·3/8.
    expect(topCapture([6, 0, 2, 0], [1, 1, 0, 0], 0.25)).toBeCloseTo(0.375, 14);
    expect(topCapture([6, 0, 2, 0], [1, 1, 0, 0])).toBeCloseTo(0.15, 14);
    expect(lift([6, 0, 2, 0], [1, 1, 0, 0])).toBeCloseTo(1.5, 14);
  });

  it('gives capture = fraction (lift 1) for a constant predictor', () => {
    const { actual } = clvCase(500, 61);
    expect(topCapture(actual, new Float64Array(500))).toBeCloseTo(0.1, 14);
    expect(lift(actual, new Float64Array(500), 0.2)).toBeCloseTo(1, 14);
  });

  it('equals the numpy reference on a seeded case', () => {
    const { actual, predicted } = clvCase(1500, 62);
    expect(Math.abs(topCapture(actual, predicted) - num(reference({ actual, predicted }).top10_capture))).toBeLessThan(
      1e-12,
    );
  });

  it('rejects fractions outside (0, 1]', () => {
    expect(() => topCapture([1, 2], [1, 2], 0)).toThrow('metrics/topCapture: fraction must be in (0, 1], got 0');
    expect(() => lift([1, 2], [1, 2], 1.5)).toThrow('metrics/lift: fraction must be in (0, 1]');
  });
});
