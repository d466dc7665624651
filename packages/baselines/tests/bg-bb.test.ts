import { describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedPurchases,
  bgBbExpectedPurchases,
  bgBbLogLikelihood,
  bgBbProbabilityAlive,
  bgBbPurchaseProbability,
  fitBgBb,
  logBeta as lbeta,
  logGamma as lg,
  prepareBgBbRows,
} from '../src/index.ts';
import { python, rel } from './fixtures.ts';
import { donations, expectGradient } from './shared-data.ts';

// Fader, Hardie & Shang (2010) on donations.csv (11,104 donors, n = 6): MLE and LL as published;
// lifetimes' tests: parameters to 2 decimals, Table 6 P(alive in 2002) to 2 decimals, the
// spreadsheet's conditional expectation total 12,884.2 and in-sample counts 3,454.9 (x = 0) and
// 1,253.1 (x = 6) with assert_almost_equal decimal=0 (|Δ| < 1.5).
const PUBLISHED = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783, ll: -33225.6 };

describe('fitBgBb', () => {
  const data = donations();
  const fit = fitBgBb(data);

  it('reproduces the published donations estimates (3 decimals) and LL −33,225.6', () => {
    expect(fit.model).toBe('bg-bb');
    expect(fit.converged).toBe(true);
    expect(fit.nCustomers).toBe(11104);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(Math.abs(fit.params[k] - PUBLISHED[k])).toBeLessThan(1.5e-3);
    expect(Math.abs(fit.logLikelihood - PUBLISHED.ll)).toBeLessThan(0.05);
    expect(Object.isFrozen(fit) && Object.isFrozen(fit.params)).toBe(true);
  });

  it('agrees with an independent scipy fit: parameters, log-likelihood and standard errors', () => {
    const ref = python<{ params: number[]; se: number[]; ll: number }>('btyd_family_mle.py', {
      model: 'bgbb',
      x: data.frequency,
      tx: data.recency,
      n: data.periods,
      w: data.weights,
    });
    [fit.params.alpha, fit.params.beta, fit.params.gamma, fit.params.delta].forEach((v, i) =>
      expect(rel(v, ref.params[i])).toBeLessThan(1e-4),
    );
    [fit.stdErrors.alpha, fit.stdErrors.beta, fit.stdErrors.gamma, fit.stdErrors.delta].forEach((v, i) =>
      expect(rel(v, ref.se[i])).toBeLessThan(0.01),
    );
    expect(Math.abs(fit.logLikelihood - ref.ll)).toBeLessThan(1e-4);
  });

  it('gives the same fit from one row per donor as from the weighted patterns', () => {
    const expand = (c: number[]): number[] => c.flatMap((v, i) => Array<number>(data.weights[i]).fill(v));
    const unweighted = fitBgBb({
      frequency: expand(data.frequency),
      recency: expand(data.recency),
      periods: expand(data.periods),
    });
    expect(Math.abs(unweighted.params.alpha - fit.params.alpha)).toBeLessThan(1e-6);
    expect(Math.abs(unweighted.logLikelihood - fit.logLikelihood)).toBeLessThan(1e-6);
  });

  it('has an analytic gradient that matches central differences (mixed n)', () => {
    const rows = prepareBgBbRows('test', {
      frequency: [0, 1, 3, 6, 2, 4],
      recency: [0, 1, 5, 6, 9, 4],
      periods: [6, 6, 6, 6, 12, 4],
      weights: [10, 3, 2, 1, 4, 2],
    });
    expectGradient(
      (t, g) => bgBbLogLikelihood(rows, t, g),
      Float64Array.of(Math.log(1.2), Math.log(0.75), Math.log(0.66), Math.log(2.8)),
    );
  });
});

describe('BG/BB predictions', () => {
  const data = donations();
  const fit = fitBgBb(data);
  const find = (x: number, tx: number): number => data.frequency.findIndex((f, i) => f === x && data.recency[i] === tx);

  it('reproduces Table 6 P(alive in 2002) for (0, 0), (2, 4), (6, 6) to 2 decimals', () => {
    const alive = bgBbProbabilityAlive(fit, data);
    [
      [0, 0, 0.11],
      [2, 4, 0.59],
      [6, 6, 0.93],
    ].forEach(([x, tx, p]) => expect(Math.abs(alive[find(x, tx)] - p)).toBeLessThan(0.005 + 1e-9));
  });

  it('reproduces the spreadsheet total of conditional expected transactions over the next 5 years (12,884.2)', () => {
    const ce = bgBbConditionalExpectedPurchases(fit, 5, data);
    const total = ce.reduce((s, v, i) => s + v * data.weights[i], 0);
    expect(Math.abs(total - 12884.2)).toBeLessThan(1.5);
  });

  it('reproduces the in-sample expected counts of donors with 0 and 6 repeat donations (3,454.9; 1,253.1)', () => {
    expect(Math.abs(11104 * bgBbPurchaseProbability(fit, 6, 0) - 3454.9)).toBeLessThan(1.5);
    expect(Math.abs(11104 * bgBbPurchaseProbability(fit, 6, 6) - 1253.1)).toBeLessThan(1.5);
  });

  it('is internally consistent: P(X(n)=x) sums to 1 with mean E[X(n)], and eq. 13 matches the closed form', () => {
    for (const n of [1, 6, 20]) {
      let total = 0,
        mean = 0;
      for (let x = 0; x <= n; x++) {
        const p = bgBbPurchaseProbability(fit, n, x);
        total += p;
        mean += x * p;
      }
      expect(Math.abs(total - 1)).toBeLessThan(1e-12);
      expect(rel(mean, bgBbExpectedPurchases(fit, n))).toBeLessThan(1e-12);
    }
    // closed form of eq. 13 at γ ≠ 1 for one history
    const { alpha, beta, gamma, delta } = fit.params;
    const x = 2,
      tx = 4,
      n = 6,
      ns = 5;
    const L = Math.exp(
      -Math.log(bgBbProbabilityAlive(fit, { frequency: x, recency: tx, periods: n }, 0)[0]) +
        lbeta(alpha + x, beta + n - x) -
        lbeta(alpha, beta) +
        lbeta(gamma, delta + n) -
        lbeta(gamma, delta),
    );
    const closed =
      (Math.exp(lbeta(alpha + x + 1, beta + n - x) - lbeta(alpha, beta)) / L) *
      (delta / (gamma - 1)) *
      Math.exp(lg(gamma + delta) - lg(1 + delta)) *
      (Math.exp(lg(1 + delta + n) - lg(gamma + delta + n)) -
        Math.exp(lg(1 + delta + n + ns) - lg(gamma + delta + n + ns)));
    expect(
      rel(bgBbConditionalExpectedPurchases(fit, ns, { frequency: x, recency: tx, periods: n })[0], closed),
    ).toBeLessThan(1e-10);
  });

  it('stays finite at γ = 1 (the closed forms are 0/0 there)', () => {
    const one = { ...fit, params: { ...fit.params, gamma: 1 } };
    expect(Number.isFinite(bgBbExpectedPurchases(one, 6))).toBe(true);
    expect(Number.isFinite(bgBbConditionalExpectedPurchases(one, 5, { frequency: 2, recency: 4, periods: 6 })[0])).toBe(
      true,
    );
  });

  it('rejects periods inconsistent with the summary with one-line errors naming the row', () => {
    expect(() => fitBgBb({ frequency: [1, 2], recency: [1, 7], periods: [6, 6] })).toThrow(
      'baselines/fitBgBb: row 2: expected recency <= periods, got recency 7 > periods 6',
    );
    expect(() => fitBgBb({ frequency: [3], recency: [2], periods: [6] })).toThrow(
      'baselines/fitBgBb: row 1: expected frequency <= recency',
    );
    expect(() => fitBgBb({ frequency: [0], recency: [2], periods: [6] })).toThrow(
      'baselines/fitBgBb: row 1: expected recency 0 with frequency 0, got recency 2',
    );
    expect(() => fitBgBb({ frequency: [1], recency: [1.5], periods: [6] })).toThrow(
      'baselines/fitBgBb: row 1: expected recency to be a non-negative integer',
    );
    expect(() => bgBbProbabilityAlive(fit, { frequency: [1, 1], recency: [1, 2], periods: [6] })).toThrow(
      'baselines/bgBbProbabilityAlive: expected frequency, recency and periods of equal length, got 2, 2, 1',
    );
  });
});
