import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { fitRidge, predictRidge } from '../src/index.ts';
import { python } from './fixtures.ts';

describe('fitRidge', () => {
  it('matches numpy solving the standardised normal equations', () => {
    const rng = createRng(11);
    const n = 300,
      p = 4;
    const X = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal() * 3 + 1));
    X.push(new Float64Array(n).fill(2)); // constant column: ignored
    const y = Float64Array.from({ length: n }, (_, i) => 1.5 * X[0][i] - 0.7 * X[2][i] + rng.normal());
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    const m = fitRidge(X, y, rows, 5);
    const ref = python<number[]>('ridge_check.py', {
      X: X.map((c) => Array.from(c)),
      y: Array.from(y),
      rows: Array.from(rows),
      lambda: 5,
    });
    const pred = predictRidge(m, X);
    ref.forEach((v, i) => expect(Math.abs(pred[i] - v)).toBeLessThan(1e-7));
    expect(m.sd[4]).toBe(0);
  });

  it('rejects an empty training set and a negative penalty', () => {
    expect(() => fitRidge([Float64Array.of(1)], [1], [], 1)).toThrow('baselines/fitRidge: no training rows');
    expect(() => fitRidge([Float64Array.of(1)], [1], [0], -1)).toThrow('lambda must be >= 0');
  });
});
