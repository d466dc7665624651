import { describe, expect, it } from 'vitest';
import { expectedAverageSpend } from '../src/index.ts';
import type { GammaGammaFit } from '../src/index.ts';

const GG: GammaGammaFit = {
  model: 'gamma-gamma',
  params: { p: 6.25, q: 3.74, gamma: 15.44 },
  stdErrors: { p: 0, q: 0, gamma: 0 },
  excluded: { noRepeatPurchases: 0, nonPositiveSpend: 0 },
  logLikelihood: 0,
  nCustomers: 0,
  converged: true,
  iterations: 0,
  gradientNorm: 0,
  methods: [],
};

describe('expectedAverageSpend', () => {
  it('is the Gamma-Gamma posterior mean (γ + m̄x)p/(px + q − 1), by hand', () => {
    // x = 2, m̄ = 30: (15.44 + 60) · 6.25 / (12.5 + 2.74) = 471.5 / 15.24
    const [v] = expectedAverageSpend(GG, { frequency: 2, monetary: 30 });
    expect(Math.abs(v - 471.5 / 15.24)).toBeLessThan(1e-9);
  });

  it('falls back to the population mean pγ/(q − 1) without repeats or with spend <= 0, and moves toward m̄ with x', () => {
    const pop = (6.25 * 15.44) / 2.74;
    const v = expectedAverageSpend(GG, { frequency: [0, 3, 1, 50], monetary: [0, -4, 100, 100] });
    expect(Math.abs(v[0] - pop)).toBeLessThan(1e-9);
    expect(Math.abs(v[1] - pop)).toBeLessThan(1e-9);
    expect(Math.abs(v[3] - 100)).toBeLessThan(Math.abs(v[2] - 100));
  });

  it('rejects q <= 1 (no finite mean)', () => {
    expect(() =>
      expectedAverageSpend({ ...GG, params: { p: 1, q: 0.9, gamma: 1 } }, { frequency: 1, monetary: 1 }),
    ).toThrow('needs q > 1');
  });
});
