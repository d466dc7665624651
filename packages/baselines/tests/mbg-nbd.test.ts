import { describe, expect, it } from 'vitest';
import {
  fitMbgNbd,
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
  prepareBtydRows,
} from '../src/index.ts';
import type { MbgNbdFit } from '../src/index.ts';
import { cdnowSummary, python, rel } from './fixtures.ts';
import { expectGradient } from './shared-data.ts';

// lifetimes' test_params_out_is_close_to_BTYDplus: CDNOW summary, assert_array_almost_equal
// decimal=3 (|Δ| < 1.5e-3); LL −9,582.13 from an independent fit (SOURCE / tests/python).
const PUBLISHED = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614, ll: -9582.13 };

describe('fitMbgNbd', () => {
  const data = cdnowSummary();
  const fit = fitMbgNbd(data);

  it('reproduces the published CDNOW estimates (lifetimes: 3 decimals) and the log-likelihood', () => {
    expect(fit.model).toBe('mbg-nbd');
    expect(fit.converged).toBe(true);
    expect(fit.nCustomers).toBe(2357);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(fit.params[k] - PUBLISHED[k])).toBeLessThan(1.5e-3);
    expect(Math.abs(fit.logLikelihood - PUBLISHED.ll)).toBeLessThan(0.01);
    expect(Object.isFrozen(fit) && Object.isFrozen(fit.params) && Object.isFrozen(fit.stdErrors)).toBe(true);
  });

  it('agrees with an independent scipy fit: parameters, log-likelihood and standard errors', () => {
    const ref = python<{ params: number[]; se: number[]; ll: number }>('btyd_family_mle.py', {
      model: 'mbgnbd',
      x: data.frequency,
      tx: data.recency,
      T: data.T,
    });
    [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].forEach((v, i) =>
      expect(rel(v, ref.params[i])).toBeLessThan(1e-4),
    );
    [fit.stdErrors.r, fit.stdErrors.alpha, fit.stdErrors.a, fit.stdErrors.b].forEach((v, i) =>
      expect(rel(v, ref.se[i])).toBeLessThan(0.01),
    );
    expect(Math.abs(fit.logLikelihood - ref.ll)).toBeLessThan(1e-4);
  });

  it('has an analytic gradient that matches central differences (x = 0 included)', () => {
    const rows = prepareBtydRows('test', {
      frequency: [0, 0, 1, 5, 40, 2],
      recency: [0, 0, 3, 20, 37, 30.43],
      T: [38.86, 0.5, 20, 30, 38, 38.86],
    });
    expectGradient(
      (t, g) => mbgNbdLogLikelihood(rows, t, g),
      Float64Array.of(Math.log(0.5), Math.log(6), Math.log(0.9), Math.log(1.6)),
    );
  });

  it('fails loudly when it cannot converge, and rejects unknown options', () => {
    expect(() => fitMbgNbd(data, { maxIterations: 2, maxNelderMead: 2 })).toThrow(
      /baselines\/fitMbgNbd: failed to converge/,
    );
    expect(() => fitMbgNbd(data, { tolerance: 1e-6 } as never)).toThrow(
      "baselines/fitMbgNbd: unknown option 'tolerance' (expected one of",
    );
  });
});

describe('MBG/NBD predictions', () => {
  const fit = fitMbgNbd(cdnowSummary());

  // lifetimes' ModifiedBetaGeoFitter tests compare with Hardie's BG/NBD spreadsheet values,
  // loosely: E[X(t)] rtol 0.05, and the (2, 30.43, 38.86) customer over 39 weeks within 0.05.
  it("matches lifetimes' spreadsheet checks of E[X(t)] (rtol 0.05) and E[Y(39) | 2, 30.43, 38.86] (±0.05)", () => {
    const times = [0.1429, 1.0, 3.0, 31.8571, 32.0, 78.0],
      expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(rel(mbgNbdExpectedPurchases(fit, t), expected[i])).toBeLessThan(0.05));
    const ce = mbgNbdConditionalExpectedPurchases(fit, 39, { frequency: 2, recency: 30.43, T: 38.86 })[0];
    expect(Math.abs(ce - 1.226)).toBeLessThan(0.05);
  });

  it('agrees with brute-force integration over (λ, p) of the individual-level model', () => {
    const { r, alpha, a, b } = fit.params;
    const customers = [
      [0, 0, 38.86],
      [2, 30.43, 38.86],
      [7, 35, 38.86],
      [1, 1.71, 20],
    ];
    const ref = python<{ ex: number[]; alive: number[]; ce: number[] }>('mbg_nbd_check.py', {
      params: { r, alpha, a, b },
      t: 39,
      times: [1, 10, 78],
      customers,
    });
    [1, 10, 78].forEach((t, i) => expect(rel(mbgNbdExpectedPurchases(fit, t), ref.ex[i])).toBeLessThan(1e-6));
    const h = {
      frequency: customers.map((c) => c[0]),
      recency: customers.map((c) => c[1]),
      T: customers.map((c) => c[2]),
    };
    const alive = mbgNbdProbabilityAlive(fit, h),
      ce = mbgNbdConditionalExpectedPurchases(fit, 39, h);
    customers.forEach((_, i) => {
      expect(rel(alive[i], ref.alive[i])).toBeLessThan(1e-6);
      expect(rel(ce[i], ref.ce[i])).toBeLessThan(1e-6);
    });
    expect(alive[0]).toBeLessThan(1); // unlike the BG/NBD, a zero-repeat customer may have left at time 0
  });

  it('rejects a = 1 and bad histories with one-line errors', () => {
    const atOne: MbgNbdFit = { ...fit, params: { ...fit.params, a: 1 } };
    expect(() => mbgNbdExpectedPurchases(atOne, 5)).toThrow(
      'baselines/mbgNbdExpectedPurchases: the MBG/NBD expectations are undefined at a = 1',
    );
    expect(() => mbgNbdProbabilityAlive(fit, { frequency: [1], recency: [40], T: [38.86] })).toThrow(
      'baselines/mbgNbdProbabilityAlive: row 1: expected recency <= T',
    );
  });
});
