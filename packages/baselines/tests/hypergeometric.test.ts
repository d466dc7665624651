import { describe, expect, it } from 'vitest';
import { logHyp2f1 } from '../src/index.ts';
import { python } from './fixtures.ts';

describe('logHyp2f1', () => {
  it('agrees with scipy.special.hyp2f1 over the BTYD range, including large a, b and z near 1', () => {
    const cases = [
      [0.243, 2.426, 2.219, 0.47],
      [2.243, 4.426, 4.219, 0.9],
      [25.2, 27.4, 27.2, 0.3],
      [0.55, 1.6, 1.55, 0.999],
      [150.5, 151.6, 151.5, 0.05],
      [1, 1, 2, 0.5],
      [3, 2, 10, 0],
    ];
    const ref = python<{ hyp2f1: number[] }>('special_check.py', { lgamma: [], digamma: [], hyp2f1: cases });
    cases.forEach(([a, b, c, z], i) =>
      expect(Math.abs(logHyp2f1(a, b, c, z) - ref.hyp2f1[i])).toBeLessThan(
        1e-11 * Math.max(1, Math.abs(ref.hyp2f1[i])),
      ),
    );
  });

  it('has the closed form 2F1(1, 1; 2; z) = −ln(1 − z)/z', () => {
    expect(Math.abs(Math.exp(logHyp2f1(1, 1, 2, 0.5)) - -Math.log(0.5) / 0.5)).toBeLessThan(1e-14);
  });

  it('rejects z outside [0, 1) and non-positive parameters', () => {
    expect(() => logHyp2f1(1, 1, 2, 1)).toThrow('baselines/hypergeometric: z must be in [0, 1), got 1');
    expect(() => logHyp2f1(-1, 1, 2, 0.5)).toThrow('parameters must be positive');
  });
});
