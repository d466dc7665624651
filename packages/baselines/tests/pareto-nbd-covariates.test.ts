import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  covariateCustomerFit,
  covariateMatrix,
  fitParetoNbd,
  fitParetoNbdCovariates,
  paretoNbdCovariatesLogLikelihood,
  paretoNbdLogLikelihood,
  prepareBtydRows,
} from '../src/index.ts';
import { rel } from './fixtures.ts';
import { apparelStaticCovariates, apparelSummary, expectGradient } from './shared-data.ts';

// CLVTools walkthrough vignette (SOURCE.md), apparel, weekly, estimation split 104 weeks, Gender +
// Channel on both processes; 4 decimals, no test tolerance: 0.5%.
const PUBLISHED = {
  params: { r: 1.8387, alpha: 92.9435, s: 0.5913, beta: 49.5048 },
  se: { r: 0.3457, alpha: 16.9749, s: 0.2603, beta: 36.1444 },
  coefficients: { 'life.Gender': -0.6428, 'life.Channel': 0.7902, 'trans.Gender': 0.286, 'trans.Channel': 0.6239 },
  coefficientSe: { 'life.Gender': 0.2956, 'life.Channel': 0.3058, 'trans.Gender': 0.1041, 'trans.Channel': 0.1049 },
  ll: -5821.0627,
  nocov: { r: 1.449, alpha: 48.6361, s: 0.5613, beta: 46.8844, ll: -5848.0978 },
};

describe('fitParetoNbdCovariates', () => {
  const data = apparelSummary();
  const cov = covariateMatrix(data.ids, apparelStaticCovariates(), { columns: ['Gender', 'Channel'] });
  const fit = fitParetoNbdCovariates(data, { trans: cov, life: cov });

  it('reproduces the summary CLVTools works from (1,866 transactions, 213 without a repeat) and its no-covariate fit', () => {
    expect(data.frequency.length).toBe(600);
    expect(data.frequency.reduce((a, x) => a + x + 1, 0)).toBe(1866);
    expect(data.frequency.filter((x) => x === 0).length).toBe(213);
    const base = fitParetoNbd(data);
    for (const k of ['r', 'alpha', 's', 'beta'] as const)
      expect(rel(base.params[k], PUBLISHED.nocov[k])).toBeLessThan(0.005);
    expect(Math.abs(base.logLikelihood - PUBLISHED.nocov.ll)).toBeLessThan(1e-3);
  });

  it('reproduces the published fit with Gender + Channel on both processes (0.5%), standard errors included', () => {
    expect(fit.model).toBe('pareto-nbd-covariates');
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) {
      expect(rel(fit.params[k], PUBLISHED.params[k])).toBeLessThan(0.005);
      expect(rel(fit.stdErrors[k], PUBLISHED.se[k])).toBeLessThan(0.005);
    }
    for (const [k, v] of Object.entries(PUBLISHED.coefficients)) {
      expect(rel(fit.coefficients[k], v), k).toBeLessThan(0.005);
      expect(
        rel(fit.coefficientStdErrors[k], PUBLISHED.coefficientSe[k as keyof typeof PUBLISHED.coefficientSe]),
        k,
      ).toBeLessThan(0.005);
    }
    expect(Math.abs(fit.logLikelihood - PUBLISHED.ll)).toBeLessThan(1e-3);
    expect(fit.penalizedLogLikelihood).toBe(fit.logLikelihood);
    expect(fit.covariates).toEqual({ trans: ['Gender', 'Channel'], life: ['Gender', 'Channel'] });
    expect(Object.isFrozen(fit) && Object.isFrozen(fit.coefficients)).toBe(true);
  });

  it('with all γ = 0 has exactly the no-covariate likelihood, and an exact gradient', () => {
    const rows = prepareBtydRows('t', data),
      g4 = new Float64Array(4),
      g8 = new Float64Array(8);
    const theta = Float64Array.of(Math.log(1.4), Math.log(48), Math.log(0.56), Math.log(47), 0, 0, 0, 0);
    const a = paretoNbdCovariatesLogLikelihood(data, { trans: cov, life: cov }, theta, g8);
    expect(Math.abs(a - paretoNbdLogLikelihood(rows, theta.subarray(0, 4), g4))).toBeLessThan(1e-8);
    for (let j = 0; j < 4; j++) expect(Math.abs(g8[j] - g4[j])).toBeLessThan(1e-8);
    const at = Float64Array.of(Math.log(1.8), Math.log(90), Math.log(0.6), Math.log(50), 0.3, 0.6, -0.6, 0.8);
    expectGradient((t, g) => paretoNbdCovariatesLogLikelihood(data, { trans: cov, life: cov }, t, g), at, 1e-6, 1e-5);
    expectGradient(
      (t, g) => paretoNbdCovariatesLogLikelihood(data, { trans: cov, life: cov }, t, g, { trans: 0.1, life: 0.2 }),
      at,
      1e-6,
      1e-5,
    );
    // one process without covariates (its linked parameter keeps only the base gradient)
    expectGradient((t, g) => paretoNbdCovariatesLogLikelihood(data, { trans: cov }, t, g), at.slice(0, 6), 1e-6, 1e-5);
    expectGradient(
      (t, g) => paretoNbdCovariatesLogLikelihood(data, { life: cov }, t, g),
      Float64Array.of(...at.subarray(0, 4), -0.6, 0.8),
      1e-6,
      1e-5,
    );
  });

  it('takes separate covariate sets per process, and an L2 penalty that shrinks γ toward 0', () => {
    const gender = covariateMatrix(data.ids, apparelStaticCovariates(), { columns: ['Gender'] });
    const one = fitParetoNbdCovariates(data, { trans: cov, life: gender });
    expect(Object.keys(one.coefficients)).toEqual(['trans.Gender', 'trans.Channel', 'life.Gender']);
    expect(one.logLikelihood).toBeLessThan(fit.logLikelihood);
    const zero = fitParetoNbdCovariates(data, { trans: cov, life: cov }, { penalty: { trans: 0, life: 0 } });
    expect(Math.abs(zero.logLikelihood - fit.logLikelihood)).toBeLessThan(1e-9);
    const shrunk = fitParetoNbdCovariates(data, { trans: cov, life: cov }, { penalty: { trans: 1, life: 1 } });
    for (const k of Object.keys(fit.coefficients))
      expect(Math.abs(shrunk.coefficients[k])).toBeLessThan(Math.abs(fit.coefficients[k]));
    expect(shrunk.penalizedLogLikelihood).toBeLessThan(shrunk.logLikelihood);
    expect(shrunk.logLikelihood).toBeLessThan(fit.logLikelihood);
  });

  it('gives per-customer fits that the existing predictions accept (γ applied to α and β)', () => {
    const i = data.ids.indexOf('2'); // Gender 1, Channel 0
    const c = covariateCustomerFit(fit, { trans: cov, life: cov }, i);
    expect(rel(c.params.alpha, fit.params.alpha * Math.exp(-fit.coefficients['trans.Gender']))).toBeLessThan(1e-12);
    expect(rel(c.params.beta, fit.params.beta * Math.exp(-fit.coefficients['life.Gender']))).toBeLessThan(1e-12);
    const h = { frequency: data.frequency[i], recency: data.recency[i], T: data.T[i] };
    expect(conditionalExpectedPurchases(c, 52, h)[0]).toBeGreaterThan(0);
    expect(() => covariateCustomerFit(fit, { trans: cov }, i)).toThrow(
      "baselines/covariateCustomerFit: the 'life' covariates are [], the fit has [Gender, Channel]",
    );
  });

  it('rejects covariates that do not match the histories', () => {
    const short = covariateMatrix(data.ids.slice(1), apparelStaticCovariates(), { columns: ['Gender'] });
    expect(() => fitParetoNbdCovariates(data, { trans: short })).toThrow(
      "baselines/fitParetoNbdCovariates: the 'trans' covariates have 599 customers, the histories 600",
    );
    expect(() => fitParetoNbdCovariates(data, {})).toThrow('baselines/fitParetoNbdCovariates: no covariates given');
    expect(() => fitParetoNbdCovariates(data, { trans: cov }, { lambda: 1 } as never)).toThrow(
      "baselines/fitParetoNbdCovariates: unknown option 'lambda'",
    );
  });
});
