import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, fitBgNbd } from '../src/index.ts';
import { BG, CUSTOMERS, HISTORY, PNBD } from './btyd-reference.ts';
import { cdnowSummary, python, rel } from './fixtures.ts';

describe('conditionalExpectedPurchases', () => {
  it('hits the published BG/NBD point check: x = 2, t_x = 30.43, T = 38.86, t = 39 -> 1.226', () => {
    const fit = fitBgNbd(cdnowSummary());
    const [v] = conditionalExpectedPurchases(fit, 39, { frequency: 2, recency: 30.43, T: 38.86 });
    expect(Math.abs(v - 1.226)).toBeLessThan(0.0015);
  });

  it('matches numerical integration of the BG/NBD individual model (eq. 10)', () => {
    const ref = python<{ customers: number[][] }>('bg_nbd_check.py', {
      params: BG.params,
      t: 39,
      customers: CUSTOMERS,
    });
    const ours = conditionalExpectedPurchases(BG, 39, HISTORY);
    ours.forEach((v, i) => expect(rel(v, ref.customers[i][2])).toBeLessThan(1e-5));
  });

  it('matches numerical integration of the Pareto/NBD individual model', () => {
    const ref = python<number[][]>('pareto_nbd_check.py', { params: PNBD.params, t: 39, customers: CUSTOMERS });
    const ours = conditionalExpectedPurchases(PNBD, 39, HISTORY);
    ours.forEach((v, i) => expect(rel(v, ref[i][2])).toBeLessThan(1e-5));
  });

  it('is 0 at t = 0, increasing in t, and rejects a negative horizon', () => {
    expect(conditionalExpectedPurchases(BG, 0, HISTORY).every((v) => v === 0)).toBe(true);
    const a = conditionalExpectedPurchases(PNBD, 10, HISTORY),
      b = conditionalExpectedPurchases(PNBD, 20, HISTORY);
    a.forEach((v, i) => expect(b[i]).toBeGreaterThan(v));
    expect(() => conditionalExpectedPurchases(BG, -1, HISTORY)).toThrow(
      'baselines/conditionalExpectedPurchases: expected a horizon t >= 0',
    );
  });
});
