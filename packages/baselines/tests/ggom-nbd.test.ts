import { describe, expect, it } from 'vitest';
import {
  fitGgomNbd,
  fitParetoNbd,
  ggomNbdLogLikelihood,
  ggomNbdProbabilityAlive,
  prepareBtydRows,
  probabilityAlive,
} from '../src/index.ts';
import { cdnowSummary, python, rel } from './fixtures.ts';
import { expectGradient } from './shared-data.ts';
import { simulateGgomNbd } from './simulate-btyd.ts';

// CLVTools tests/testthat/test_correctness_ggomnbd.R: CDNOW, expect_equal(coef, c(r = 0.55313,
// alpha = 10.5758, b = 0.0000011, s = 0.60682, beta = 0.000013), tolerance = 0.001) (all.equal:
// mean relative difference of the vector) and LL −9,594.9762 with the same tolerance.
const CLVTOOLS = { r: 0.55313, alpha: 10.5758, b: 0.0000011, s: 0.60682, beta: 0.000013 };
const CLVTOOLS_LL = -9594.9762;
const HISTORIES = {
  frequency: [0, 2, 1, 7, 60, 0, 3],
  recency: [0, 30.43, 1.71, 35, 38, 0, 10],
  T: [38.86, 38.86, 38.86, 38.86, 38.5, 5, 38.86],
};
const CUSTOMERS = HISTORIES.frequency.map((x, i) => [x, HISTORIES.recency[i], HISTORIES.T[i]]);

describe('fitGgomNbd', () => {
  const data = cdnowSummary();
  const fit = fitGgomNbd(data);

  it("reproduces CLVTools' CDNOW fit (tolerance 0.001) and reduces to the Pareto/NBD at the b → 0 boundary", () => {
    const keys = ['r', 'alpha', 'b', 's', 'beta'] as const;
    const meanRel =
      keys.reduce((a, k) => a + Math.abs(fit.params[k] - CLVTOOLS[k]), 0) /
      keys.reduce((a, k) => a + Math.abs(CLVTOOLS[k]), 0);
    expect(meanRel).toBeLessThan(0.001);
    for (const k of ['r', 'alpha', 's'] as const) expect(rel(fit.params[k], CLVTOOLS[k])).toBeLessThan(0.001);
    expect(rel(fit.logLikelihood, CLVTOOLS_LL)).toBeLessThan(0.001);
    expect(Math.abs(fit.logLikelihood - CLVTOOLS_LL)).toBeLessThan(0.01);
    expect(fit.boundary).toBe(true);
    expect(fit.warning).toMatch(/no finite MLE: b and β vanish together/);
    expect(fit.params.b * 38.86).toBeLessThan(1e-5);
    expect(Number.isNaN(fit.stdErrors.b) && Number.isNaN(fit.stdErrors.beta)).toBe(true);
    // the limit is the Pareto/NBD fit: same parameters and likelihood
    const pnbd = fitParetoNbd(data);
    expect(rel(fit.params.beta / fit.params.b, pnbd.params.beta)).toBeLessThan(1e-4);
    expect(Math.abs(fit.logLikelihood - pnbd.logLikelihood)).toBeLessThan(1e-6);
    // the supremum is at the boundary: the GGom likelihood rises as b → 0 along β = b·β_P
    const rows = prepareBtydRows('t', data),
      g = new Float64Array(5);
    const at = (b: number): number =>
      ggomNbdLogLikelihood(
        rows,
        Float64Array.from([fit.params.r, fit.params.alpha, b, fit.params.s, b * pnbd.params.beta], Math.log),
        g,
      );
    expect(at(1e-2)).toBeLessThan(at(1e-4));
    expect(at(1e-4)).toBeLessThan(fit.logLikelihood);
    expect(Math.abs(at(fit.params.b) - fit.logLikelihood)).toBeLessThan(1e-3);
  });

  it('recovers known parameters from simulated Gamma-Gompertz lifetimes (interior fit)', () => {
    const truth = { r: 1.5, alpha: 3, b: 0.1, s: 0.5, beta: 2 };
    const fit = fitGgomNbd(simulateGgomNbd(2000, truth, 6));
    expect(fit.boundary).toBe(false);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'b', 's', 'beta'] as const) {
      expect(fit.stdErrors[k]).toBeGreaterThan(0);
      expect(Math.abs(fit.params[k] - truth[k]), `${k}: ${fit.params[k]} ± ${fit.stdErrors[k]}`).toBeLessThan(
        3 * fit.stdErrors[k],
      );
    }
  });
});

describe('GGom/NBD likelihood', () => {
  for (const [label, p] of [
    ['CLVTools CDNOW estimate', CLVTOOLS],
    ['interior, increasing hazard', { r: 0.8, alpha: 5, b: 0.08, s: 1.5, beta: 4 }],
    ['steep Gompertz, beta < 1', { r: 2, alpha: 3, b: 0.5, s: 0.7, beta: 0.2 }],
    ['small scales (singularities near the range)', { r: 0.4, alpha: 0.3, b: 0.02, s: 0.9, beta: 0.004 }],
  ] as const) {
    it(`matches CLVTools' reference formula integrated by scipy quad per customer (${label}, x up to 60)`, () => {
      const ref = python<{ ll: number[]; alive: number[] }>('ggom_nbd_check.py', { params: p, customers: CUSTOMERS });
      const g = new Float64Array(5);
      CUSTOMERS.forEach(([x, tx, T], i) => {
        const rows = prepareBtydRows('t', { frequency: [x], recency: [tx], T: [T] });
        expect(
          Math.abs(
            ggomNbdLogLikelihood(rows, Float64Array.from([p.r, p.alpha, p.b, p.s, p.beta], Math.log), g) - ref.ll[i],
          ),
        ).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref.ll[i])));
      });
      const fit = { params: p } as Parameters<typeof ggomNbdProbabilityAlive>[0];
      ggomNbdProbabilityAlive(fit, HISTORIES).forEach((v, i) => expect(Math.abs(v - ref.alive[i])).toBeLessThan(1e-9));
    });

    it(`has an exact gradient matching central differences (${label})`, () => {
      const rows = prepareBtydRows('t', HISTORIES);
      expectGradient(
        (t, g) => ggomNbdLogLikelihood(rows, t, g),
        Float64Array.from([p.r, p.alpha, p.b, p.s, p.beta], Math.log),
        1e-5,
      );
    });
  }

  it("P(alive) at the boundary fit equals the Pareto/NBD limit's", () => {
    const fit = fitGgomNbd(cdnowSummary());
    const a = ggomNbdProbabilityAlive(fit, HISTORIES),
      b = probabilityAlive(fit.limit!, HISTORIES);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThan(1e-5));
  });
});
