import { describe, expect, it } from 'vitest';
import { btydSummary } from '@clvlab/features';
import { bgNbdLogLikelihood, fitBgNbd, prepareBtydRows } from '../src/index.ts';
import { CDNOW_CUTOFF, cdnowSampleLog, cdnowSummary, python, rel } from './fixtures.ts';

// Fader, Hardie & Lee (2005), Marketing Science, Table / §4: CDNOW sample, 39-week calibration.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, ll: -9582.4 };

describe('fitBgNbd', () => {
  it('reproduces the published CDNOW estimates from cdnow_customers_summary.csv (0.5%)', () => {
    const fit = fitBgNbd(cdnowSummary());
    expect(fit.model).toBe('bgnbd');
    expect(fit.converged).toBe(true);
    expect(fit.nCustomers).toBe(2357);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    expect(rel(fit.logLikelihood, PUBLISHED.ll)).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood - PUBLISHED.ll)).toBeLessThan(0.1);
    expect(Object.isFrozen(fit) && Object.isFrozen(fit.params)).toBe(true);
  });

  it('reproduces the published estimates from the raw CDNOW_sample via btydSummary (0.5%)', async () => {
    const s = btydSummary(await cdnowSampleLog(), { calibrationEnd: CDNOW_CUTOFF, unit: 'week' });
    const fit = fitBgNbd(s);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    expect(rel(fit.logLikelihood, PUBLISHED.ll)).toBeLessThan(0.005);
  });

  it('agrees with an independent scipy fit: parameters, log-likelihood and standard errors', () => {
    const data = cdnowSummary();
    const fit = fitBgNbd(data);
    const ref = python<{ params: number[]; se: number[]; ll: number }>('btyd_mle.py', {
      model: 'bgnbd',
      x: data.frequency,
      tx: data.recency,
      T: data.T,
    });
    const ours = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b];
    const se = [fit.stdErrors.r, fit.stdErrors.alpha, fit.stdErrors.a, fit.stdErrors.b];
    ours.forEach((v, i) => expect(rel(v, ref.params[i])).toBeLessThan(1e-4));
    se.forEach((v, i) => expect(rel(v, ref.se[i])).toBeLessThan(0.01));
    expect(Math.abs(fit.logLikelihood - ref.ll)).toBeLessThan(1e-4);
  });

  it('has an analytic gradient that matches central differences', () => {
    const rows = prepareBtydRows('test', {
      frequency: [0, 1, 5, 40, 2],
      recency: [0, 3, 20, 37, 30.43],
      T: [38.86, 20, 30, 38, 38.86],
    });
    const theta = Float64Array.of(Math.log(0.3), Math.log(5), Math.log(0.9), Math.log(2.5));
    const g = new Float64Array(4),
      scratch = new Float64Array(4);
    bgNbdLogLikelihood(rows, theta, g);
    for (let j = 0; j < 4; j++) {
      const h = 1e-6,
        tp = theta.slice(),
        tm = theta.slice();
      tp[j] += h;
      tm[j] -= h;
      const fd = (bgNbdLogLikelihood(rows, tp, scratch) - bgNbdLogLikelihood(rows, tm, scratch)) / (2 * h);
      expect(Math.abs(g[j] - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
    }
  });

  it('aggregates identical histories without changing the likelihood', () => {
    const data = cdnowSummary();
    const rows = prepareBtydRows('test', data);
    expect(rows.length).toBeLessThan(2357);
    expect(rows.nCustomers).toBe(2357);
    const theta = Float64Array.of(-1.4, 1.5, -0.2, 0.9),
      g = new Float64Array(4);
    let direct = 0;
    for (let i = 0; i < 2357; i++) {
      direct += bgNbdLogLikelihood(
        prepareBtydRows('t', { frequency: [data.frequency[i]], recency: [data.recency[i]], T: [data.T[i]] }),
        theta,
        g,
      );
    }
    expect(Math.abs(bgNbdLogLikelihood(rows, theta, g) - direct)).toBeLessThan(1e-6);
  });

  it('fails loudly when it cannot converge, naming what was tried and the gradient norm', () => {
    expect(() => fitBgNbd(cdnowSummary(), { maxIterations: 2, maxNelderMead: 2 })).toThrow(
      /baselines\/fitBgNbd: failed to converge after \d+ iterations \(tried bfgs -> nelder-mead -> bfgs\); final max \|gradient\| [0-9.e+-]+/,
    );
    const loose = fitBgNbd(cdnowSummary(), { maxIterations: 2, maxNelderMead: 2, requireConvergence: false });
    expect(loose.converged).toBe(false);
    expect(loose.gradientNorm).toBeGreaterThan(1e-7);
  });
});
