// The BTYD model checks the community expects (Fader, Hardie & Lee 2005, Figures 2–4), as
// plain data for the report to draw:
//   byFrequency: customers grouped by calibration repeat purchase days 0..maxFrequency−1 and
//     "maxFrequency+", mean actual holdout purchase days vs each model's mean conditional
//     expectation E[Y(t) | x, t_x, T] (conditional-expected-purchases.ts);
//   cumulative: cumulative repeat purchase days per unit step since the first purchase in the
//     log, actual vs each model's Σ_i E[X(τ − t0_i)] over customers acquired at t0_i
//     (expected-purchases.ts), through calibration and holdout.
// Cohort = customers with a purchase in [start, calibrationEnd); purchase days as in
// customer-history.ts.
import { customerOffsets, EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { calibrationCohort, customerHistory, DAYS_PER_UNIT } from '@clvlab/features';
import { conditionalExpectedPurchases } from './conditional-expected-purchases.ts';
import { expectedPurchases } from './expected-purchases.ts';
import type { PurchaseFit } from './fit-types.ts';
import type { TimeUnit } from '@clvlab/features';

export interface TrackingOptions {
  /** Epoch ms: calibration end (exclusive) and holdout end (exclusive). */
  calibrationEnd: number;
  holdoutEnd: number;
  /** Epoch ms, start of calibration (default: no bound). */
  start?: number;
  /** Unit the fits were made in (default week). */
  unit?: TimeUnit;
  /** Frequencies ≥ this are pooled into one "N+" group (default 7, as FHL Figure 4). */
  maxFrequency?: number;
}

export interface TrackingData {
  readonly unit: TimeUnit;
  readonly horizon: number;
  readonly byFrequency: readonly {
    readonly frequency: string;
    readonly customers: number;
    readonly actual: number;
    readonly expected: Readonly<Record<string, number>>;
  }[];
  readonly cumulative: readonly {
    readonly step: number;
    readonly actual: number;
    readonly expected: Readonly<Record<string, number>>;
  }[];
  /** Σ actual holdout purchase days and Σ expected per model. */
  readonly holdoutTotal: Readonly<{ actual: number; expected: Readonly<Record<string, number>> }>;
  /** Index of the last calibration step in `cumulative`. */
  readonly calibrationSteps: number;
}

const DAY_MS = 86_400_000;

/** Calibration-vs-holdout and cumulative tracking data for `fits` (name -> fit). */
export function trackingData(
  log: Pick<EventLog, 'length' | 'customer' | 't' | 'type' | 'amount' | 'customerIds' | 'valueTarget'>,
  fits: Readonly<Record<string, PurchaseFit>>,
  options: TrackingOptions,
): TrackingData {
  const where = 'baselines/trackingData';
  const { calibrationEnd, holdoutEnd, start = -Infinity, unit = 'week', maxFrequency = 7 } = options;
  if (!(holdoutEnd > calibrationEnd)) throw new Error(`${where}: holdoutEnd must be after calibrationEnd`);
  const offsets = customerOffsets(log);
  const customers = calibrationCohort(log, calibrationEnd, start, where);
  const h = customerHistory(log, offsets, customers, start, calibrationEnd, unit);
  const scale = DAYS_PER_UNIT[unit];
  const horizon = (holdoutEnd - calibrationEnd) / DAY_MS / scale;
  const lastCalDay = Math.floor((calibrationEnd - 1) / DAY_MS);
  // actual: holdout purchase days per customer, and repeat purchase days by step since origin
  const firstDay = Float64Array.from(h.T, (T) => lastCalDay - T * scale);
  let origin = Infinity;
  for (const d of firstDay) origin = Math.min(origin, Math.round(d));
  const steps = Math.ceil((Math.floor((holdoutEnd - 1) / DAY_MS) + 1 - origin) / scale);
  const calibrationSteps = Math.ceil((lastCalDay + 1 - origin) / scale);
  const repeatByStep = new Float64Array(steps + 1);
  const holdout = new Float64Array(customers.length);
  customers.forEach((c, r) => {
    let prev = NaN;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (log.type[i] !== EventType.purchase || log.t[i] < start || log.t[i] >= holdoutEnd) continue;
      const day = Math.floor(log.t[i] / DAY_MS);
      if (day === prev) continue;
      prev = day;
      if (day <= Math.round(firstDay[r])) continue;
      repeatByStep[Math.floor((day - origin) / scale) + 1]++;
      if (log.t[i] >= calibrationEnd) holdout[r]++;
    }
  });
  const names = Object.keys(fits);
  const predicted = Object.fromEntries(names.map((n) => [n, conditionalExpectedPurchases(fits[n], horizon, h)]));
  const groups = Array.from({ length: maxFrequency + 1 }, (_, k) => ({
    frequency: k < maxFrequency ? String(k) : `${maxFrequency}+`,
    customers: 0,
    actual: 0,
    expected: Object.fromEntries(names.map((n) => [n, 0])) as Record<string, number>,
  }));
  const holdoutTotal = { actual: 0, expected: Object.fromEntries(names.map((n) => [n, 0])) as Record<string, number> };
  for (let r = 0; r < customers.length; r++) {
    const g = groups[Math.min(h.frequency[r], maxFrequency)];
    g.customers++;
    g.actual += holdout[r];
    holdoutTotal.actual += holdout[r];
    for (const n of names) {
      g.expected[n] += predicted[n][r];
      holdoutTotal.expected[n] += predicted[n][r];
    }
  }
  for (const g of groups) {
    if (g.customers === 0) continue;
    g.actual /= g.customers;
    for (const n of names) g.expected[n] /= g.customers;
  }
  // expected cumulative repeats: customers grouped by acquisition day
  const acquired = new Map<number, number>();
  for (const d of firstDay) acquired.set(Math.round(d), (acquired.get(Math.round(d)) ?? 0) + 1);
  const cumulative = [];
  let actual = 0;
  for (let k = 1; k <= steps; k++) {
    actual += repeatByStep[k];
    const endDay = origin + k * scale; // exclusive
    const expected: Record<string, number> = {};
    for (const n of names) {
      let e = 0;
      for (const [day, count] of acquired)
        if (endDay - 1 > day) e += count * expectedPurchases(fits[n], (endDay - 1 - day) / scale);
      expected[n] = e;
    }
    cumulative.push(Object.freeze({ step: k, actual, expected: Object.freeze(expected) }));
  }
  return Object.freeze({
    unit,
    horizon,
    byFrequency: Object.freeze(groups),
    cumulative: Object.freeze(cumulative),
    holdoutTotal: Object.freeze(holdoutTotal),
    calibrationSteps,
  });
}
