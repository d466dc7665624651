import { describe, expect, it } from 'vitest';
import { expectedPurchases } from '../src/index.ts';
import { BG, PNBD } from './btyd-reference.ts';
import { python, rel } from './fixtures.ts';

describe('expectedPurchases', () => {
  it('matches numerical integration of the BG/NBD model (eq. 7) at several horizons', () => {
    for (const t of [1, 39, 78]) {
      const ref = python<{ unconditional: number }>('bg_nbd_check.py', { params: BG.params, t, customers: [] });
      expect(rel(expectedPurchases(BG, t), ref.unconditional)).toBeLessThan(1e-5);
    }
  });

  it('matches the Pareto/NBD closed form integrated numerically over λ and μ', () => {
    // E[X(t)] = E[λ/μ (1 − e^{−μt})] = E[λ] · E[(1 − e^{−μt})/μ], integrated with a fine grid.
    const { r, alpha, s, beta } = PNBD.params;
    const t = 39,
      n = 200000;
    let inner = 0;
    for (let k = 0; k < n; k++) {
      // ∫_0^t E[e^{−μu}] du = ∫_0^t (β/(β+u))^s du (midpoint rule)
      const u = ((k + 0.5) / n) * t;
      inner += Math.pow(beta / (beta + u), s) * (t / n);
    }
    expect(rel(expectedPurchases(PNBD, t), (r / alpha) * inner)).toBeLessThan(1e-8);
  });

  it('is 0 at t = 0 and rejects bad horizons', () => {
    expect(expectedPurchases(BG, 0)).toBe(0);
    expect(() => expectedPurchases(PNBD, Number.NaN)).toThrow('baselines/expectedPurchases: expected a horizon t >= 0');
  });
});
