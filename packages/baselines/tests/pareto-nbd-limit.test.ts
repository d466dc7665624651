import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { fitParetoNbd, paretoLimitLogLikelihood, paretoNbdLogLikelihood, prepareBtydRows } from '../src/index.ts';
import { python, rel } from './fixtures.ts';

const HISTORIES = {
  frequency: [0, 2, 1, 7, 60, 150, 0],
  recency: [0, 30.43, 1.71, 35, 38, 20, 0],
  T: [38.86, 38.86, 38.86, 38.86, 38.5, 38.86, 5],
};
const PARAMS = [
  [0.55, 10.6, 0.05],
  [0.5, 4, 0.01],
  [2, 0.5, 0.3],
] as const;

function limitLl(params: readonly number[], data: typeof HISTORIES, grad = new Float64Array(3)): number {
  return paretoLimitLogLikelihood(prepareBtydRows('t', data), Float64Array.from(params, Math.log), grad);
}

/**
 * λ ~ Gamma(r, α); lifetimes Gamma(shape) with mean 1/μ: shape 1 is the boundary model itself
 * (one exponential rate), shape > 1 is less dispersed than any Gamma mixture of exponentials,
 * which pushes the Pareto/NBD fit onto the s, β → ∞ boundary for every sample.
 */
function simulateHomogeneousDropout(
  n: number,
  r: number,
  alpha: number,
  mu: number,
  seed: number,
  shape = 1,
): { frequency: number[]; recency: number[]; T: number[] } {
  const rng = createRng(seed, 7);
  const frequency: number[] = [],
    recency: number[] = [],
    T: number[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(r) / alpha,
      age = 20 + 20 * rng.next();
    const alive = Math.min(age, rng.gamma(shape) / shape / mu);
    const x = rng.poisson(lambda * alive);
    let last = 0;
    for (let k = 0; k < x; k++) last = Math.max(last, alive * rng.next());
    frequency.push(x);
    recency.push(last);
    T.push(age);
  }
  return { frequency, recency, T };
}

describe('Pareto/NBD boundary s, β → ∞ (pareto-nbd-limit)', () => {
  for (const params of PARAMS) {
    it(`matches numpy integration of the common-μ model per customer (r, α, μ = ${params.join(', ')})`, () => {
      const [r, alpha, mu] = params;
      const ref = python<number[]>('pareto_limit_check.py', {
        params: { r, alpha, mu },
        customers: HISTORIES.frequency.map((x, i) => [x, HISTORIES.recency[i], HISTORIES.T[i]]),
      });
      HISTORIES.frequency.forEach((x, i) => {
        const one = { frequency: [x], recency: [HISTORIES.recency[i]], T: [HISTORIES.T[i]] };
        expect(Math.abs(limitLl(params, one) - ref[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref[i])));
      });
    });

    it(`is the limit of the Pareto/NBD likelihood along s/β = μ, with an exact gradient (${params.join(', ')})`, () => {
      const [r, alpha, mu] = params;
      const rows = prepareBtydRows('t', HISTORIES),
        g4 = new Float64Array(4);
      const lim = limitLl(params, HISTORIES);
      const gap = (s: number): number =>
        Math.abs(paretoNbdLogLikelihood(rows, Float64Array.from([r, alpha, s, s / mu], Math.log), g4) - lim);
      expect(gap(1e6)).toBeLessThan(2e-4);
      expect(gap(1e6)).toBeLessThan(gap(1e4)); // closes in as s grows
      const theta = Float64Array.from(params, Math.log),
        g = new Float64Array(3),
        scratch = new Float64Array(3);
      paretoLimitLogLikelihood(rows, theta, g);
      for (let j = 0; j < 3; j++) {
        const h = 1e-6,
          tp = theta.slice(),
          tm = theta.slice();
        tp[j] += h;
        tm[j] -= h;
        const fd =
          (paretoLimitLogLikelihood(rows, tp, scratch) - paretoLimitLogLikelihood(rows, tm, scratch)) / (2 * h);
        expect(Math.abs(g[j] - fd)).toBeLessThan(1e-5 * (1 + Math.abs(fd)));
      }
    });
  }

  it('fitParetoNbd stops on the ridge, fits the limit and flags it (under-dispersed lifetimes)', () => {
    const data = simulateHomogeneousDropout(2000, 0.8, 4, 0.02, 11, 4);
    const fit = fitParetoNbd(data);
    expect(fit.boundary).toBe(true);
    expect(fit.warning).toMatch(/no finite MLE/);
    expect(fit.methods).toContain('boundary-limit');
    expect(Number.isNaN(fit.stdErrors.s) && Number.isNaN(fit.stdErrors.beta)).toBe(true);
    const d = fit.dropoutRate!;
    expect(d.mu > 0.005 && d.mu < 0.08).toBe(true); // mean lifetime 50 weeks, not exponential
    expect(d.stdError).toBeGreaterThan(0);
    expect(rel(fit.params.s / fit.params.beta, d.mu)).toBeLessThan(1e-12);
    expect(Math.abs(fit.params.r - 0.8)).toBeLessThan(4 * fit.stdErrors.r);
    // the supremum really is at the boundary: every finite s on the fitted ridge is worse
    const rows = prepareBtydRows('t', data),
      g = new Float64Array(4);
    for (const s of [1, 10, 100, 1000]) {
      const ll = paretoNbdLogLikelihood(
        rows,
        Float64Array.from([fit.params.r, fit.params.alpha, s, s / d.mu], Math.log),
        g,
      );
      expect(ll).toBeLessThan(fit.logLikelihood);
    }
  });

  it('keeps interior fits interior (heterogeneous dropout: no boundary flag, finite standard errors)', () => {
    const data = simulateHomogeneousDropout(2000, 0.8, 4, 0.02, 11);
    // mix in a second, fast-churning half so dropout rates are clearly heterogeneous
    const fast = simulateHomogeneousDropout(2000, 0.8, 4, 0.5, 12);
    const mixed = {
      frequency: [...data.frequency, ...fast.frequency],
      recency: [...data.recency, ...fast.recency],
      T: [...data.T, ...fast.T],
    };
    const fit = fitParetoNbd(mixed);
    expect(fit.boundary).toBe(false);
    expect(fit.params.s).toBeLessThan(100);
    expect(fit.stdErrors.s).toBeGreaterThan(0);
  });
});
