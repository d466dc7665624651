import { describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, customerLifetimeValue } from '../src/index.ts';
import { convertTime } from '@clvlab/features';
import { BG, HISTORY, PNBD } from './btyd-reference.ts';

describe('customerLifetimeValue', () => {
  it('without discounting equals E[Y(horizon)] × spend, whatever the step', () => {
    const clv = customerLifetimeValue(BG, 10, HISTORY, {
      horizon: 12,
      horizonUnit: 'month',
      discountRate: 0,
      step: 'week',
    });
    const ey = conditionalExpectedPurchases(BG, convertTime(12, 'month', 'week'), HISTORY);
    clv.forEach((v, i) => expect(Math.abs(v - 10 * ey[i])).toBeLessThan(1e-9));
  });

  it('discounts each step by (1 + d)^(years elapsed), checked by hand for one yearly step', () => {
    const clv = customerLifetimeValue(PNBD, 20, HISTORY, {
      horizon: 1,
      horizonUnit: 'year',
      step: 'year',
      discountRate: 0.25,
    });
    const ey = conditionalExpectedPurchases(PNBD, 365.25 / 7, HISTORY);
    clv.forEach((v, i) => expect(Math.abs(v - (20 * ey[i]) / 1.25)).toBeLessThan(1e-9));
  });

  it('handles a partial last step and is lower with a higher discount rate', () => {
    const lo = customerLifetimeValue(BG, 10, HISTORY, { horizon: 100, horizonUnit: 'day', discountRate: 0.05 });
    const hi = customerLifetimeValue(BG, 10, HISTORY, { horizon: 100, horizonUnit: 'day', discountRate: 0.5 });
    lo.forEach((v, i) => expect(hi[i]).toBeLessThan(v));
    expect(() => customerLifetimeValue(BG, 10, HISTORY, { horizon: 12, months: 3 } as never)).toThrow(
      "baselines/customerLifetimeValue: unknown option 'months'",
    );
    expect(() => customerLifetimeValue(BG, 10, HISTORY, { horizon: 12, horizonUnit: 'fortnight' as never })).toThrow(
      "unknown time unit 'fortnight'",
    );
  });
});
