import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { btydSummary } from '@clvlab/features';
import { fitGammaGamma } from '../src/index.ts';
import { rfmFeatures } from '@clvlab/features';
import { CDNOW_CUTOFF, cdnowSampleLog, cdnowTask, python, rel } from './fixtures.ts';

// Fader & Hardie (2013) / lifetimes' documented fit on the CDNOW sample's 946 repeat buyers.
const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('fitGammaGamma', () => {
  it('reproduces the published fit on the 946 repeat buyers of the raw CDNOW sample (0.5%)', async () => {
    const s = btydSummary(await cdnowSampleLog(), { calibrationEnd: CDNOW_CUTOFF, unit: 'week' });
    const fit = fitGammaGamma(s);
    expect(fit.model).toBe('gamma-gamma');
    expect(fit.nCustomers).toBe(946);
    expect(fit.excluded).toEqual({ noRepeatPurchases: 1411, nonPositiveSpend: 0 });
    for (const k of ['p', 'q', 'gamma'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
  });

  it('gets the same fit from the package history (net spend per purchase day) and agrees with scipy', async () => {
    const h = rfmFeatures(await cdnowTask()).history;
    const fit = fitGammaGamma(h);
    for (const k of ['p', 'q', 'gamma'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    const keep = Array.from(h.frequency.keys()).filter((i) => h.frequency[i] > 0);
    const ref = python<{ params: number[]; se: number[]; ll: number }>('btyd_mle.py', {
      model: 'gamma-gamma',
      x: keep.map((i) => h.frequency[i]),
      m: keep.map((i) => h.monetary[i]),
    });
    [fit.params.p, fit.params.q, fit.params.gamma].forEach((v, i) => expect(rel(v, ref.params[i])).toBeLessThan(1e-3));
    [fit.stdErrors.p, fit.stdErrors.q, fit.stdErrors.gamma].forEach((v, i) =>
      expect(rel(v, ref.se[i])).toBeLessThan(0.02),
    );
    expect(Math.abs(fit.logLikelihood - ref.ll)).toBeLessThan(1e-3);
  });

  it('excludes and counts customers whose mean repeat spend is <= 0', () => {
    // 300 repeat buyers drawn from the Gamma-Gamma model (seeded), plus 1 without repeats and 2 with spend <= 0
    const rng = createRng(3);
    const frequency = [0, 1, 2],
      monetary = [0, -5, 0];
    for (let i = 0; i < 300; i++) {
      const x = 1 + rng.int(6),
        nu = rng.gamma(4) / 15;
      frequency.push(x);
      monetary.push(rng.gamma(6 * x) / (nu * x));
    }
    const fit = fitGammaGamma({ frequency, monetary });
    expect(fit.excluded).toEqual({ noRepeatPurchases: 1, nonPositiveSpend: 2 });
    expect(fit.nCustomers).toBe(300);
    expect(fit.converged).toBe(true);
  });

  it('says so when the MLE does not exist (homogeneous spend: q and γ diverge)', () => {
    expect(() => fitGammaGamma({ frequency: [1, 2, 3, 1, 2], monetary: [20, 21, 20, 19, 20] })).toThrow(
      /failed to converge .* parameters diverge/,
    );
  });

  it('rejects all-zero spend, an empty cohort and non-integer frequency with one clear error each', () => {
    expect(() => fitGammaGamma({ frequency: [1, 2, 0], monetary: [0, 0, 0] })).toThrow(
      'baselines/fitGammaGamma: no customer with a repeat purchase and positive mean spend (1 without repeats, 2 with spend <= 0)',
    );
    expect(() => fitGammaGamma({ frequency: [], monetary: [] })).toThrow('baselines/fitGammaGamma: empty cohort');
    expect(() => fitGammaGamma({ frequency: [1.5], monetary: [10] })).toThrow(
      'baselines/fitGammaGamma: row 1: expected frequency to be a non-negative integer, got 1.5',
    );
  });
});
