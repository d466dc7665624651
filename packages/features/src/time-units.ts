// Explicit time units for BTYD fits and CLV horizons. A month is 30.4375 days (365.25 / 12)
// and a year 365.25 days, so that conversions are exact and documented rather than implied.

export const TIME_UNITS = Object.freeze(['day', 'week', 'month', 'year'] as const);
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Length of each unit in days. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = Object.freeze({
  day: 1,
  week: 7,
  month: 30.4375,
  year: 365.25,
});

/** Converts `value` from one unit to another (e.g. 12 months -> 52.18 weeks). */
export function convertTime(value: number, from: TimeUnit, to: TimeUnit): number {
  for (const u of [from, to]) {
    if (!(u in DAYS_PER_UNIT))
      throw new Error(`features/time-units: unknown time unit '${String(u)}' (expected ${TIME_UNITS.join(', ')})`);
  }
  return (value * DAYS_PER_UNIT[from]) / DAYS_PER_UNIT[to];
}

/** Milliseconds in one unit. */
export function unitMs(unit: TimeUnit): number {
  return convertTime(1, unit, 'day') * 86_400_000;
}
