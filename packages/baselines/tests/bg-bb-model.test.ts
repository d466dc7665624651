// The discrete-time pieces of the bench (issue 15 §7): periodHistory (periods back from the
// cutoff, incidence per period, the kernel's spend rules), the BG/BB repurchase probability, and
// the bg-bb-gg bench model on the CDNOW task.
import { describe, expect, it } from 'vitest';
import { createEventLog, customerOffsets, EventType } from '@clvlab/events';
import { evaluationSplit } from '@clvlab/sessions';
import {
  bgBbConditionalExpectedPurchases,
  bgBbModel,
  bgBbRepurchaseProbability,
  expectedAverageSpend,
  fitBgBb,
  fitGammaGamma,
  periodHistory,
} from '../src/index.ts';
import { cdnowTask, rel } from './fixtures.ts';
import { donations } from './shared-data.ts';

const DAY = 86_400_000,
  WEEK = 7 * DAY,
  CUT = Date.UTC(2020, 2, 1);

describe('periodHistory', () => {
  // customer a: born 5.5 weeks before the cutoff (back-index 5), buys in back-weeks 5, 5, 3, 0 and
  // returns 4 in week 3; b: one purchase in back-week 2; c: a view only, then a purchase at the cutoff (not read)
  const ev = [
    ['a', CUT - 5.5 * WEEK, EventType.purchase, 10],
    ['a', CUT - 5.2 * WEEK, EventType.purchase, 5],
    ['a', CUT - 3.5 * WEEK, EventType.purchase, 20],
    ['a', CUT - 3.4 * WEEK, EventType.return, -4],
    ['a', CUT - 1.5 * WEEK, EventType.return, -3],
    ['a', CUT - 1, EventType.purchase, 7],
    ['b', CUT - 2.1 * WEEK, EventType.purchase, 8],
    ['c', CUT - 3 * WEEK, EventType.view, 0],
    ['c', CUT, EventType.purchase, 9],
  ] as const;
  const ids = ['a', 'b', 'c'];
  const log = createEventLog({
    customer: Int32Array.from(ev, (e) => ids.indexOf(e[0])),
    t: Float64Array.from(ev, (e) => e[1]),
    type: Uint8Array.from(ev, (e) => e[2]),
    amount: Float64Array.from(ev, (e) => e[3]),
    customerIds: ids,
  });

  it('counts whole periods back from the cutoff: n = birth period, x = later purchase periods, t_x = birth − last', () => {
    const h = periodHistory(log, customerOffsets(log), Int32Array.of(0, 1), -Infinity, CUT, WEEK);
    expect([...h.periods]).toEqual([5, 2]);
    expect([...h.frequency]).toEqual([2, 0]); // a: weeks 3 and 0 after the birth week 5 (two purchases in week 5 are one)
    expect([...h.recency]).toEqual([5, 0]);
    expect([...h.purchasePeriods]).toEqual([3, 1]);
    expect([...h.monetary]).toEqual([(20 - 4 + 7) / 2, 0]); // returns count only in a purchase period
    expect([...h.revenue]).toEqual([10 + 5 + 20 - 4 - 3 + 7, 8]);
    const counted = periodHistory(
      { ...log, valueTarget: 'count' },
      customerOffsets(log),
      Int32Array.of(0),
      -Infinity,
      CUT,
      WEEK,
    );
    expect([...counted.monetary]).toEqual([1]);
    expect([...counted.revenue]).toEqual([4]);
    // a 2-week period: a's back-periods are 2, 2, 1, 0
    const two = periodHistory(log, customerOffsets(log), Int32Array.of(0), -Infinity, CUT, 2 * WEEK);
    expect([two.periods[0], two.frequency[0], two.recency[0]]).toEqual([2, 2, 2]);
  });

  it('reads nothing at or after the cutoff or before start, and names a customer without purchases', () => {
    expect(() => periodHistory(log, customerOffsets(log), Int32Array.of(2), -Infinity, CUT, WEEK)).toThrow(
      'baselines/periodHistory: customer 2 (row 1) has no purchase in [start, cutoff)',
    );
    const late = periodHistory(log, customerOffsets(log), Int32Array.of(0), CUT - 4 * WEEK, CUT, WEEK);
    expect([late.periods[0], late.frequency[0]]).toEqual([3, 1]); // born in back-week 3 now
    expect(() => periodHistory(log, customerOffsets(log), Int32Array.of(0), -Infinity, CUT, 0)).toThrow(
      'baselines/periodHistory: expected a period > 0 ms, got 0',
    );
  });
});

describe('bgBbRepurchaseProbability', () => {
  const d = donations(),
    fit = fitBgBb(d);
  it('is E[X(n, n+1)] for one period (at most one transaction), 0 for none, and rises with the window', () => {
    const one = bgBbRepurchaseProbability(fit, 1, d),
      e = bgBbConditionalExpectedPurchases(fit, 1, d);
    one.forEach((p, i) => expect(Math.abs(p - e[i])).toBeLessThan(1e-12));
    expect(bgBbRepurchaseProbability(fit, 0, d).every((p) => p === 0)).toBe(true);
    const five = bgBbRepurchaseProbability(fit, 5, d),
      fifty = bgBbRepurchaseProbability(fit, 50, d);
    five.forEach((p, i) => {
      expect(p).toBeGreaterThan(one[i]);
      expect(fifty[i]).toBeGreaterThan(p);
      expect(fifty[i]).toBeLessThan(1);
    });
    // E[X] >= P(X >= 1) for counts
    const e5 = bgBbConditionalExpectedPurchases(fit, 5, d);
    five.forEach((p, i) => expect(e5[i]).toBeGreaterThanOrEqual(p - 1e-12));
  });
});

describe('bg-bb-gg on the CDNOW task', () => {
  it('value = E[purchase weeks in the 39-week holdout] × Gamma-Gamma spend per purchase week; repurchase = P(>= 1)', async () => {
    const task = await cdnowTask();
    const out = await bgBbModel().run(task);
    const h = periodHistory(
      task.log,
      task.offsets,
      task.split.customers,
      task.split.start,
      task.split.score.featureEnd,
      WEEK,
    );
    const fit = fitBgBb(h);
    const nStar = (task.split.score.labelEnd - task.split.score.featureEnd) / WEEK;
    expect(nStar).toBeCloseTo(39, 12);
    const e = bgBbConditionalExpectedPurchases(fit, 39, h),
      p = bgBbRepurchaseProbability(fit, 39, h);
    const spend = expectedAverageSpend(fitGammaGamma(h), h);
    for (const i of [0, 1, 2, 500, 2356]) {
      expect(rel(out.value[i] + 1e-300, e[i] * spend[i] + 1e-300)).toBeLessThan(1e-9);
      expect(Math.abs(out.repurchase[i] - p[i])).toBeLessThan(1e-9);
    }
    const info = out.info as {
      period: string;
      horizon: number;
      params: Record<string, number>;
      converged: boolean;
      maxPeriods: number;
      spend: { model: string };
    };
    expect(info).toMatchObject({ period: '1w', converged: true, maxPeriods: 38, spend: { model: 'gamma-gamma' } });
    expect(Object.keys(info.params)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it('interpolates a fractional horizon between whole periods, and refuses too short a window or a bad period', async () => {
    const task = await cdnowTask();
    const twoWeeks = await bgBbModel({ period: '2w' }).run(task); // 39 weeks = 19.5 periods
    const h = periodHistory(
      task.log,
      task.offsets,
      task.split.customers,
      task.split.start,
      task.split.score.featureEnd,
      2 * WEEK,
    );
    const fit = fitBgBb(h);
    const lo = bgBbRepurchaseProbability(fit, 19, h),
      hi = bgBbRepurchaseProbability(fit, 20, h);
    for (const i of [0, 7, 900])
      expect(Math.abs(twoWeeks.repurchase[i] - (lo[i] + 0.5 * (hi[i] - lo[i])))).toBeLessThan(1e-12);
    const short = {
      ...task,
      split: evaluationSplit(task.log, {
        start: task.split.cutoff - 10 * DAY,
        cutoff: task.split.cutoff,
        horizon: task.split.horizon,
      }),
    };
    await expect(bgBbModel().run(short)).rejects.toThrow(
      'baselines/bg-bb-gg: the calibration window holds 1 whole period(s) of 1w after any first purchase: too few transaction opportunities; use a shorter period (bg-bb-gg:period=1d)',
    );
    expect(() => bgBbModel({ period: 'weekly' })).toThrow('baselines/bg-bb-gg: period');
    expect(() => bgBbModel({ unit: 'week' })).toThrow("baselines/bg-bb-gg: unknown option 'unit'");
  });
});
