import { describe, expect, it } from 'vitest';
import { convertTime, DAYS_PER_UNIT, unitMs } from '../src/index.ts';

describe('time units', () => {
  it('uses 30.4375-day months and 365.25-day years', () => {
    expect(DAYS_PER_UNIT.month).toBe(30.4375);
    expect(convertTime(12, 'month', 'year')).toBe(1);
    expect(convertTime(1, 'year', 'week')).toBeCloseTo(365.25 / 7, 12);
    expect(unitMs('week')).toBe(7 * 86_400_000);
  });

  it('rejects unknown units', () => {
    expect(() => convertTime(1, 'fortnight' as never, 'day')).toThrow(
      "features/time-units: unknown time unit 'fortnight'",
    );
  });
});
