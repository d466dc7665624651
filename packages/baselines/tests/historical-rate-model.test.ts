import { describe, expect, it } from 'vitest';
import { historicalRateModel } from '../src/index.ts';
import { smallTask } from '../../features/tests/small-log.ts';

describe('historical-rate', () => {
  it('extrapolates the calibration value rate over the horizon (hand-worked)', async () => {
    const task = smallTask();
    const out = await historicalRateModel().run(task);
    const horizonDays = 61; // 2020-04-01 .. 2020-06-01
    // a: 54 over 91 observed days (01-01 .. 03-31 inclusive); 3 purchase days
    expect(out.value[0]).toBeCloseTo((54 / 91) * horizonDays, 10);
    expect(out.repurchase[0]).toBeCloseTo(1 - Math.exp(-(3 / 91) * horizonDays), 12);
    // b: bought once 12 days ago for 0 -> value 0, repurchase from 1 day in 12
    expect(out.value[1]).toBe(0);
    expect(out.repurchase[1]).toBeCloseTo(1 - Math.exp(-(1 / 12) * horizonDays), 12);
    expect(out.value[2]).toBe(0);
  });

  it('rejects unknown config keys and bad values', () => {
    expect(() => historicalRateModel({ minDays: 3 })).toThrow(
      "baselines/historical-rate: unknown option 'minDays' (expected one of minObservedDays)",
    );
    expect(historicalRateModel({ minObservedDays: '14' }).config).toEqual({ minObservedDays: 14 }); // CLI strings are coerced
    expect(() => historicalRateModel({ minObservedDays: '7 days' })).toThrow(
      `baselines/historical-rate: option 'minObservedDays' must be a number, got "7 days"`,
    );
    expect(() => historicalRateModel({ minObservedDays: 0 })).toThrow('minObservedDays must be > 0');
  });
});
