import { describe, expect, it } from 'vitest';
import { digamma, logBeta, logGamma } from '../src/index.ts';
import { python } from './fixtures.ts';

describe('special functions', () => {
  const xs = [1e-6, 0.1, 0.243, 0.5, 1, 2.5, 7.3, 42, 1000.5, 1e6];
  it('logGamma and digamma agree with scipy to 1e-12 relative', () => {
    const ref = python<{ lgamma: number[]; digamma: number[] }>('special_check.py', {
      lgamma: xs,
      digamma: xs,
      hyp2f1: [],
    });
    xs.forEach((x, i) => {
      expect(Math.abs(logGamma(x) - ref.lgamma[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref.lgamma[i])));
      expect(Math.abs(digamma(x) - ref.digamma[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(ref.digamma[i])));
    });
  });

  it('logBeta(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b), e.g. B(2, 3) = 1/12', () => {
    expect(Math.abs(logBeta(2, 3) - Math.log(1 / 12))).toBeLessThan(1e-14);
  });
});
