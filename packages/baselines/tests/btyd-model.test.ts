import { describe, expect, it } from 'vitest';
import {
  btydModel,
  conditionalExpectedPurchases,
  expectedAverageSpend,
  fitBgNbd,
  fitGammaGamma,
  repurchaseProbability,
} from '../src/index.ts';
import { rfmFeatures } from '@clvlab/features';
import { cdnowTask } from './fixtures.ts';

describe('bgnbd-gg / pareto-nbd-gg', () => {
  it('value = E[purchases in the 39-week holdout] × Gamma-Gamma spend; repurchase = P(>= 1)', async () => {
    const task = await cdnowTask();
    const out = await btydModel('bgnbd').run(task);
    const h = rfmFeatures(task).history;
    const fit = fitBgNbd(h),
      spend = expectedAverageSpend(fitGammaGamma(h), h);
    const e = conditionalExpectedPurchases(fit, 39, h),
      p = repurchaseProbability(fit, 39, h);
    for (const i of [0, 1, 2, 500, 2356]) {
      expect(out.value[i]).toBeCloseTo(e[i] * spend[i], 8);
      expect(out.repurchase[i]).toBeCloseTo(p[i], 12);
    }
    expect((out.info as { horizon: number }).horizon).toBeCloseTo(39, 12);
  });

  it('switches to days for a short calibration window and to purchase counts for a count target', async () => {
    const task = await cdnowTask();
    const short = { ...task, split: { ...task.split, start: task.split.cutoff - 100 * 86_400_000 } };
    const out = await btydModel('pareto-nbd').run(short);
    expect((out.info as { unit: string }).unit).toBe('day');
    const counted = await btydModel('bgnbd').run({ ...task, log: { ...task.log, valueTarget: 'count' } });
    expect((counted.info as { spend: { model: string } }).spend.model).toBe('count');
  });

  it('records the fitted parameters, their standard errors and the boundary flag under stable keys', async () => {
    const task = await cdnowTask();
    const names = { bgnbd: ['r', 'alpha', 'a', 'b'], 'pareto-nbd': ['r', 'alpha', 's', 'beta'] } as const;
    for (const kind of ['bgnbd', 'pareto-nbd'] as const) {
      const info = (await btydModel(kind).run(task)).info as {
        params: Record<string, number>;
        stdErrors: Record<string, number>;
        boundary: boolean;
        converged: boolean;
        spend: { params: Record<string, number>; stdErrors: Record<string, number> };
      };
      expect(Object.keys(info.params)).toEqual(names[kind]);
      expect(Object.keys(info.stdErrors)).toEqual(names[kind]);
      for (const k of names[kind]) expect(info.stdErrors[k] > 0 && info.stdErrors[k] < info.params[k]).toBe(true);
      expect(info.boundary).toBe(false);
      expect(info.converged).toBe(true);
      expect(Object.keys(info.spend.stdErrors)).toEqual(['p', 'q', 'gamma']);
      expect(info).not.toHaveProperty('dropoutRate');
    }
  });

  it("is scale-equivariant in the time unit, so 'unit' is no hyper-parameter (no search space)", async () => {
    const task = await cdnowTask();
    for (const kind of ['bgnbd', 'pareto-nbd'] as const) {
      const w = await btydModel(kind, { unit: 'week' }).run(task),
        d = await btydModel(kind, { unit: 'day' }).run(task);
      for (let i = 0; i < w.value.length; i++) {
        expect(Math.abs(w.value[i] - d.value[i])).toBeLessThan(1e-5 * (1 + w.value[i]));
        expect(Math.abs(w.repurchase[i] - d.repurchase[i])).toBeLessThan(1e-5);
      }
    }
  });
});
