import { describe, expect, it } from 'vitest';
import { probabilityAlive } from '../src/index.ts';
import { BG, CUSTOMERS, HISTORY, PNBD } from './btyd-reference.ts';
import { python } from './fixtures.ts';

describe('probabilityAlive', () => {
  it('matches numerical integration for BG/NBD and Pareto/NBD', () => {
    const bg = python<{ customers: number[][] }>('bg_nbd_check.py', { params: BG.params, t: 1, customers: CUSTOMERS });
    const pn = python<number[][]>('pareto_nbd_check.py', { params: PNBD.params, t: 1, customers: CUSTOMERS });
    probabilityAlive(BG, HISTORY).forEach((v, i) => expect(Math.abs(v - bg.customers[i][1])).toBeLessThan(1e-6));
    probabilityAlive(PNBD, HISTORY).forEach((v, i) => expect(Math.abs(v - pn[i][1])).toBeLessThan(1e-6));
  });

  it('is exactly 1 for BG/NBD customers without repeat purchases', () => {
    expect(Array.from(probabilityAlive(BG, { frequency: [0, 0], recency: [0, 0], T: [1, 50] }))).toEqual([1, 1]);
  });
});
