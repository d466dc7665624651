import { describe, expect, it } from 'vitest';
import { btydModel, conditionalExpectedPurchases, expectedAverageSpend, fitBgNbd, fitGammaGamma, repurchaseProbability, rfmFeatures } from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';

describe('bgnbd-gg / pareto-nbd-gg', () => {
  it('value = E[purchases in the 39-week holdout] × Gamma-Gamma spend; repurchase = P(>= 1)', async () => {
    const task = await cdnowTask();
    const out = await btydModel('bgnbd').run(task);
    const h = rfmFeatures(task).history;
    const fit = fitBgNbd(h), spend = expectedAverageSpend(fitGammaGamma(h), h);
    const e = conditionalExpectedPurchases(fit, 39, h), p = repurchaseProbability(fit, 39, h);
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
});
