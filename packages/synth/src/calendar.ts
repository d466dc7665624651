// Weekly seasonality of the synthetic shop: a weekday multiplier on every session rate and
// an hour-of-day profile for session start times (evening peak, lunchtime bump, night
// trough), the usual shape of e-commerce traffic. Times are UTC (one shop, one time zone).

/** Rate multiplier by UTC weekday (0 = Sunday, as Date#getUTCDay), mean 1. */
export const WEEKDAY_MULTIPLIER: readonly number[] = Object.freeze(normalise([1.2, 0.9, 0.9, 0.95, 1.0, 1.05, 1.25]));

/** Relative session-start weight per UTC hour. */
const HOUR_WEIGHT: readonly number[] = Array.from(
  { length: 24 },
  (_, h) =>
    0.08 +
    Math.exp(-(((h - 20.5) / 2.5) ** 2)) +
    0.45 * Math.exp(-(((h - 12.5) / 2) ** 2)) +
    0.2 * Math.exp(-(((h - 8) / 1.5) ** 2)),
);

/** Cumulative hour distribution (24 entries, last = 1). */
export const HOUR_CDF: Float64Array = (() => {
  const cdf = new Float64Array(24);
  const total = HOUR_WEIGHT.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    acc += HOUR_WEIGHT[h] / total;
    cdf[h] = acc;
  }
  cdf[23] = 1;
  return cdf;
})();

/** Millisecond offset within a day for two uniforms: the hour from the profile, then uniform inside it. */
export function sessionStartOffset(u1: number, u2: number): number {
  let h = 0;
  while (h < 23 && HOUR_CDF[h] <= u1) h++;
  return Math.floor((h + u2) * 3_600_000);
}

function normalise(w: number[]): number[] {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / mean);
}
