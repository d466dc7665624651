import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import {
  bgNbdCovariatesLogLikelihood,
  bgNbdLogLikelihood,
  covariateCustomerFit,
  fitBgNbdCovariates,
  prepareBtydRows,
} from '../src/index.ts';
import type { CovariateSets } from '../src/index.ts';
import { cdnowSummary } from './fixtures.ts';
import { expectGradient } from './shared-data.ts';
import { simulateBgNbdCovariates } from './simulate-btyd.ts';

// The BG/NBD with covariates has no published fit to reproduce: CLVTools' vignette calls the
// apparel fit poorly identified (a, b and the lifetime coefficients move with the start
// values; SOURCE.md), so the model is tested on data simulated from it with known parameters.
const TRUTH = { r: 0.8, alpha: 4, a: 0.8, b: 2.5, trans: [0.4, -0.3], life: [0.8] };

describe('fitBgNbdCovariates', () => {
  it('recovers known parameters and coefficients from 20,000 simulated customers (within 3 standard errors)', () => {
    const { data, cov } = simulateBgNbdCovariates(20000, TRUTH, 2);
    const fit = fitBgNbdCovariates(data, cov);
    expect(fit.model).toBe('bgnbd-covariates');
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(fit.params[k] - TRUTH[k]), k).toBeLessThan(3 * fit.stdErrors[k]);
    const truth: Record<string, number> = {
      'trans.z': TRUTH.trans[0],
      'trans.w': TRUTH.trans[1],
      'life.z': TRUTH.life[0],
    };
    for (const [k, v] of Object.entries(truth))
      expect(Math.abs(fit.coefficients[k] - v), k).toBeLessThan(3 * fit.coefficientStdErrors[k]);
    const c = covariateCustomerFit(fit, cov, 0);
    expect(c.model).toBe('bgnbd');
    expect(c.params.a / (c.params.a + c.params.b)).toBeCloseTo(fit.params.a / (fit.params.a + fit.params.b), 12); // life covariates keep the mean dropout
  });

  it('with all γ = 0 has exactly the no-covariate likelihood, and an exact gradient', () => {
    const data = cdnowSummary(),
      n = data.frequency.length,
      rng = createRng(5);
    const x = Float64Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const cov: CovariateSets = {
      trans: { names: ['g'], values: x, customers: n },
      life: { names: ['g'], values: x, customers: n },
    };
    const g4 = new Float64Array(4),
      g6 = new Float64Array(6);
    const theta = Float64Array.of(Math.log(0.24), Math.log(4.4), Math.log(0.79), Math.log(2.4), 0, 0);
    const a = bgNbdCovariatesLogLikelihood(data, cov, theta, g6);
    expect(Math.abs(a - bgNbdLogLikelihood(prepareBtydRows('t', data), theta.subarray(0, 4), g4))).toBeLessThan(1e-8);
    for (let j = 0; j < 4; j++) expect(Math.abs(g6[j] - g4[j])).toBeLessThan(1e-8);
    expectGradient(
      (t, g) => bgNbdCovariatesLogLikelihood(data, cov, t, g, { trans: 0.05, life: 0.1 }),
      Float64Array.of(Math.log(0.3), Math.log(4), Math.log(0.8), Math.log(2.5), 0.4, -0.5),
      1e-6,
      1e-5,
    );
  });
});
