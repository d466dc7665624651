import { describe, expect, it } from 'vitest';
import { btydSummary } from '@clvlab/features';
import { fitParetoNbd, paretoNbdLogLikelihood, prepareBtydRows } from '../src/index.ts';
import { CDNOW_CUTOFF, cdnowSampleLog, cdnowSummary, python, rel } from './fixtures.ts';

// Fader, Hardie & Lee (2005) report the Pareto/NBD on the same CDNOW sample.
const PUBLISHED = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669, ll: -9595.0 };
const HISTORIES = {
  frequency: [0, 2, 1, 7, 60, 150],
  recency: [0, 30.43, 1.71, 35, 38, 20],
  T: [38.86, 38.86, 38.86, 38.86, 38.5, 38.86],
};

function totalLl(params: number[], data: typeof HISTORIES): number {
  const g = new Float64Array(4);
  return paretoNbdLogLikelihood(prepareBtydRows('t', data), Float64Array.from(params, Math.log), g);
}

describe('fitParetoNbd', () => {
  it('reproduces the published CDNOW estimates from cdnow_customers_summary.csv (0.5%)', () => {
    const fit = fitParetoNbd(cdnowSummary());
    expect(fit.model).toBe('pareto-nbd');
    expect(fit.converged).toBe(true);
    expect(fit.boundary).toBe(false);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood - PUBLISHED.ll)).toBeLessThan(0.1);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(fit.stdErrors[k]).toBeGreaterThan(0);
  });

  it('reproduces the published estimates from the raw CDNOW_sample via btydSummary (0.5%)', async () => {
    const fit = fitParetoNbd(btydSummary(await cdnowSampleLog(), { calibrationEnd: CDNOW_CUTOFF, unit: 'week' }));
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(rel(fit.params[k], PUBLISHED[k])).toBeLessThan(0.005);
    expect(rel(fit.logLikelihood, PUBLISHED.ll)).toBeLessThan(0.005);
  });

  // Both hypergeometric branches (α < β and α ≥ β) and large x (60, 150 purchases) against
  // brute-force integration of the individual-level model in numpy.
  for (const [label, params] of [
    ['alpha < beta', [0.553, 10.578, 0.606, 11.669]],
    ['alpha >= beta', [0.8, 12, 0.4, 3]],
    ['alpha == beta', [0.5, 6, 0.9, 6]],
    ['z near 1: quadrature path', [0.5, 2, 400, 4000]],
  ] as const) {
    it(`matches per-customer likelihoods from numerical integration (${label}, x up to 150)`, () => {
      const [r, alpha, s, beta] = params;
      const ref = python<number[][]>('pareto_nbd_check.py', {
        params: { r, alpha, s, beta },
        t: 10,
        customers: HISTORIES.frequency.map((x, i) => [x, HISTORIES.recency[i], HISTORIES.T[i]]),
      });
      HISTORIES.frequency.forEach((x, i) => {
        const one = { frequency: [x], recency: [HISTORIES.recency[i]], T: [HISTORIES.T[i]] };
        expect(Math.abs(totalLl([...params], one) - ref[i][0])).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref[i][0])));
      });
    });

    it(`has an exact gradient matching central differences (${label})`, () => {
      const rows = prepareBtydRows('t', HISTORIES);
      const theta = Float64Array.from(params, Math.log);
      const g = new Float64Array(4),
        scratch = new Float64Array(4);
      paretoNbdLogLikelihood(rows, theta, g);
      for (let j = 0; j < 4; j++) {
        const h = 1e-6,
          tp = theta.slice(),
          tm = theta.slice();
        tp[j] += h;
        tm[j] -= h;
        const fd = (paretoNbdLogLikelihood(rows, tp, scratch) - paretoNbdLogLikelihood(rows, tm, scratch)) / (2 * h);
        expect(Math.abs(g[j] - fd)).toBeLessThan(1e-5 * (1 + Math.abs(fd)));
      }
    });
  }

  it('stays finite for a very frequent buyer (x = 2000) in both branches', () => {
    const one = { frequency: [2000], recency: [38], T: [38.86] };
    expect(Number.isFinite(totalLl([0.5, 10, 0.6, 12], one))).toBe(true);
    expect(Number.isFinite(totalLl([0.5, 12, 0.6, 1], one))).toBe(true);
  });
});
