import { describe, expect, it } from 'vitest';
import { repurchaseProbability } from '../src/index.ts';
import { BG, CUSTOMERS, HISTORY, PNBD } from './btyd-reference.ts';
import { python } from './fixtures.ts';

describe('repurchaseProbability', () => {
  it('matches numerical integration of P(>= 1 purchase in t) for both models', () => {
    const bg = python<{ customers: number[][] }>('bg_nbd_check.py', { params: BG.params, t: 39, customers: CUSTOMERS });
    const pn = python<number[][]>('pareto_nbd_check.py', { params: PNBD.params, t: 39, customers: CUSTOMERS });
    repurchaseProbability(BG, 39, HISTORY).forEach((v, i) =>
      expect(Math.abs(v - bg.customers[i][3])).toBeLessThan(1e-6),
    );
    repurchaseProbability(PNBD, 39, HISTORY).forEach((v, i) => expect(Math.abs(v - pn[i][3])).toBeLessThan(1e-6));
  });

  it('lies in [0, P(alive)] and grows with the horizon', () => {
    const a = repurchaseProbability(PNBD, 4, HISTORY),
      b = repurchaseProbability(PNBD, 52, HISTORY);
    a.forEach((v, i) => {
      expect(v).toBeGreaterThan(0);
      expect(b[i]).toBeGreaterThan(v);
      expect(b[i]).toBeLessThanOrEqual(1);
    });
  });
});
