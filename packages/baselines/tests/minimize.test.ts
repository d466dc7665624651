import { describe, expect, it } from 'vitest';
import { minimize } from '../src/index.ts';

// Rosenbrock in 4 dimensions (minimum 0 at all-ones), with its analytic gradient.
function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i],
      b = 1 - x[i];
    f += 100 * a * a + b * b;
    g[i] += -400 * x[i] * a - 2 * b;
    g[i + 1] += 200 * a;
  }
  return f;
}

describe('minimize', () => {
  it('finds the Rosenbrock minimum with BFGS alone', () => {
    const r = minimize(rosenbrock, Float64Array.of(-1.2, 1, -1.2, 1), { gradientTolerance: 1e-9 });
    expect(r.converged).toBe(true);
    expect(r.methods).toEqual(['bfgs']);
    r.x.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-6));
  });

  it('falls back to Nelder–Mead then BFGS when BFGS runs out of iterations', () => {
    const r = minimize(rosenbrock, Float64Array.of(-1.2, 1, -1.2, 1), { maxIterations: 3, maxNelderMead: 20000 });
    expect(r.methods).toEqual(['bfgs', 'nelder-mead', 'bfgs']);
    expect(r.value).toBeLessThan(rosenbrock(Float64Array.of(-1.2, 1, -1.2, 1), new Float64Array(4)));
  });

  it('recovers from non-finite regions by backtracking', () => {
    // f = x − ln x is +∞ (NaN) for x ≤ 0; minimum at x = 1; a full Newton-like step from 0.05 overshoots
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : NaN;
    };
    const r = minimize(f, Float64Array.of(0.05));
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
  });

  it('throws when the start point is not finite', () => {
    expect(() => minimize(() => NaN, Float64Array.of(0))).toThrow(
      'baselines/minimize: objective is not finite at the start point',
    );
  });

  it('throws a clear error past maxEvaluations instead of running on', () => {
    // a function with a constant slope never converges: without the budget BFGS would walk forever
    const slope = (x: Float64Array, g: Float64Array): number => {
      g[0] = -1;
      return -x[0];
    };
    expect(() => minimize(slope, Float64Array.of(0), { maxEvaluations: 50, maxIterations: 1000 })).toThrow(
      /baselines\/minimize: exceeded 50 objective evaluations/,
    );
  });

  it('stops where the monitor says, flagged stopped and not converged', () => {
    const r = minimize(rosenbrock, Float64Array.of(-1.2, 1, -1.2, 1), { gradientTolerance: 1e-9 }, (_x, v) => v < 1);
    expect(r.stopped).toBe(true);
    expect(r.converged).toBe(false);
    expect(r.value).toBeLessThan(1);
    expect(r.value).toBeGreaterThan(1e-6); // well short of the minimum 0
    expect(r.evaluations).toBeGreaterThan(0);
  });
});
