// Hand-worked values of every feature group on the log of engineered-log.ts (customers a, b, c;
// last feature day 2020-03-31). Ages in days before it: 2019-12-01 121, 2020-01-10 81,
// 03-07 24, 03-20 11, 03-28 3, 03-30 1, 03-31 0.
import { describe, expect, it } from 'vitest';
import {
  applyRfmTierCuts,
  engineeredFeatures,
  ENGINEERED_FEATURE_NAMES,
  ENGINEERED_FEATURES,
  rfmColumns,
  rfmTierCuts,
  withSocialFeatures,
} from '../src/index.ts';
import { cdnowTask, CDNOW_CUTOFF } from './fixtures.ts';
import { column, ENGINEERED_END, engineeredLog, sourceOf } from './engineered-log.ts';

const f = engineeredFeatures(sourceOf(engineeredLog()), ENGINEERED_END);
const get = (name: string): number[] => column(f, name);
const close = (name: string, expected: number[]): void => {
  const got = get(name);
  expect(got.length, name).toBe(expected.length);
  got.forEach((v, r) => {
    if (Number.isNaN(expected[r])) expect(v, `${name}[${r}]`).toBeNaN();
    else expect(v, `${name}[${r}]`).toBeCloseTo(expected[r], 12);
  });
};
const decay = (ages: number[], h: number, weights: number[] = ages.map(() => 1)): number =>
  ages.reduce((s, a, k) => s + weights[k] * 2 ** (-a / h), 0);

describe('engineeredFeatures (hand-worked)', () => {
  it('keeps every feature on a log that has them all, in table order', () => {
    expect(f.omitted).toEqual([]);
    expect(f.names).toEqual(ENGINEERED_FEATURE_NAMES);
    expect(f.names.length).toBe(ENGINEERED_FEATURES.length);
    expect(Object.isFrozen(f) && Object.isFrozen(f.columns)).toBe(true);
  });

  it('activity windows: purchase events, net revenue, purchase days and distinct items', () => {
    // a: purchases at ages 121 (40), 81 (10, 20; a return of 5 the same day), 11 (30); b: 0 (15); c: none before the cutoff
    close('purchases_7d', [0, 1, 0]);
    close('purchases_30d', [1, 1, 0]);
    close('purchases_90d', [3, 1, 0]);
    close('purchases_180d', [4, 1, 0]);
    close('purchases_all', [4, 1, 0]);
    close('revenue_7d', [0, 15, 0]);
    close('revenue_30d', [30, 15, 0]);
    close('revenue_90d', [55, 15, 0]);
    close('revenue_365d', [95, 15, 0]);
    close('purchase_days_30d', [1, 1, 0]);
    close('purchase_days_90d', [2, 1, 0]);
    close('purchase_days_180d', [3, 1, 0]);
    // a's items: 1 last bought at 81, 2 at 81, 3 at 11
    close('items_7d', [0, 1, 0]);
    close('items_30d', [1, 1, 0]);
    close('items_90d', [3, 1, 0]);
    close('items_all', [3, 1, 0]);
  });

  it("RFM columns are the kernel's numbers; first-purchase amount", () => {
    const src = sourceOf(engineeredLog());
    const rfm = rfmColumns(src.log, src.offsets, src.split.customers, src.split.start, ENGINEERED_END, 'day');
    for (const name of ['recency', 'frequency', 'monetary', 'tenure'] as const)
      expect(get(name), name).toEqual(Array.from(rfm[name]));
    close('recency', [11, 0, 0]);
    close('frequency', [3, 1, 0]);
    close('monetary', [95, 15, 0]);
    close('tenure', [121 + 14 / 24, 1 + 16 / 24, 0]); // first events 2019-12-01 10:00 and 2020-03-30 08:00
    close('first_purchase_amount', [40, 15, NaN]);
  });

  it('inter-purchase times: gaps 40 and 70 days for a', () => {
    close('ipt_mean', [55, NaN, NaN]);
    close('ipt_std', [Math.sqrt(450), NaN, NaN]); // (40 − 55)² + (70 − 55)² over n − 1 = 1
    close('ipt_cv', [Math.sqrt(450) / 55, NaN, NaN]);
    close('ipt_last_gap', [70, NaN, NaN]);
    close('overdue', [11 / 55, NaN, NaN]);
  });

  it('trend: last 30 days against the 30 before; slopes over 30-day months', () => {
    close('trend_purchase_days_30d', [1, 1, 0]);
    close('trend_revenue_30d', [30, 15, 0]);
    // a: months j = 0..4 back (first event at age 121); purchase days 1, 0, 1, 0, 1 -> slope 0;
    // revenue 30, 0, 25, 0, 40 (oldest last) -> Σ(x − x̄)(y − ȳ) = −20 over Σ(x − x̄)² = 10
    close('slope_purchase_days_month', [0, NaN, NaN]);
    close('slope_revenue_month', [-2, NaN, NaN]);
  });

  it('engagement: sessions cut at the cutoff, views, carts, abandoned carts', () => {
    // a: 7 sessions, last events at ages 121, 81, 81, 24, 11, 3, 0 with 3, 3, 1, 2, 1, 1, 1 events
    close('sessions_7d', [2, 2, 0]);
    close('sessions_30d', [4, 2, 0]);
    close('sessions_all', [7, 2, 0]);
    close('events_per_session_7d', [1, 1.5, NaN]);
    close('events_per_session_30d', [5 / 4, 1.5, NaN]);
    close('events_per_session_all', [12 / 7, 1.5, NaN]);
    close('views_7d', [2, 1, 0]);
    close('views_30d', [3, 1, 0]);
    close('views_all', [5, 1, 0]);
    close('carts_7d', [0, 1, 0]);
    close('carts_30d', [1, 1, 0]);
    close('carts_all', [2, 1, 0]);
    close('cart_abandon_sessions_7d', [0, 1, 0]);
    close('cart_abandon_sessions_30d', [1, 1, 0]);
    close('cart_abandon_sessions_all', [1, 1, 0]);
    close('days_since_last_session', [10 / 1440, 0.5, NaN]); // a's last event 23:50, the cart at 00:10 is after the cutoff
    close('purchase_session_rate', [3 / 7, 1 / 2, NaN]);
  });

  it('basket: value and units per purchase day, categories, returns', () => {
    close('basket_value_mean', [100 / 3, 15, NaN]);
    close('basket_units_mean', [7 / 3, 1, NaN]);
    close('distinct_categories', [2, 1, 0]);
    close('category_entropy', [1, 0, NaN]); // a: two purchases in k0, two in k1
    close('top_category_share', [0.5, 1, NaN]);
    close('returns_share', [5 / 100, 0, NaN]);
  });

  it('calendar shares (UTC): weekend and six-hour buckets', () => {
    // a's 12 events: Sunday 12-01 (3), Saturday 03-07 (2) and 03-28 (1); hours 10,10,10 20,20,20 23 9,9 13 15 23
    close('weekend_share', [6 / 12, 0, NaN]);
    close('hour_share_00_06', [0, 0, NaN]);
    close('hour_share_06_12', [5 / 12, 2 / 3, NaN]);
    close('hour_share_12_18', [2 / 12, 1 / 3, NaN]);
    close('hour_share_18_24', [5 / 12, 0, NaN]);
  });

  it('lifecycle stage one-hot and RFM tiers', () => {
    close('stage_sporadic', [1, 0, 0]);
    close('stage_new', [0, 1, 1]); // a: 3 days on rhythm; b: first purchase today; c: none
    for (const s of ['stage_one_time', 'stage_frequent', 'stage_at_risk', 'stage_churned', 'stage_reactivated'])
      close(s, [0, 0, 0]);
    // recency 11, 0, 0 (ties take the tier of their last member: 0, 0 -> ceil(4·2/3) = 3); frequency 3, 1, 0; monetary 95, 15, 0
    close('rfm_tier_r', [4, 3, 3]);
    close('rfm_tier_f', [2, 3, 4]);
    close('rfm_tier_m', [2, 3, 4]);
  });

  it('decayed activity: purchase days, revenue, and events after the last purchase', () => {
    for (const h of [7, 30]) {
      close(`decayed_purchase_days_h${h}`, [decay([121, 81, 11], h), 1, 0]);
      close(`decayed_revenue_h${h}`, [decay([121, 81, 11], h, [40, 25, 30]), 15, 0]);
      // a: after the purchase of 03-20 13:00, views at 03-28 15:00 (3.375 days before the cutoff) and 03-31 23:50
      close(`decayed_events_since_purchase_h${h}`, [decay([3.375, 10 / 1440], h), 0, 0]);
    }
  });

  it('fits tier cuts on the rows it is given, or applies cuts passed in', () => {
    const src = sourceOf(engineeredLog());
    const rfm = rfmColumns(src.log, src.offsets, src.split.customers, src.split.start, ENGINEERED_END, 'day');
    const train = engineeredFeatures(src, ENGINEERED_END, { tierRows: [0, 1] });
    expect(train.tierCuts).toEqual(rfmTierCuts(rfm, [0, 1]));
    const tiers = applyRfmTierCuts(train.tierCuts, rfm);
    expect(column(train, 'rfm_tier_r')).toEqual(Array.from(tiers.recency));
    expect(column(train, 'rfm_tier_m')).toEqual(Array.from(tiers.monetary));
    const passed = engineeredFeatures(src, ENGINEERED_END, { tierCuts: train.tierCuts, tierRows: [2] });
    expect(column(passed, 'rfm_tier_f')).toEqual(column(train, 'rfm_tier_f'));
    expect(() => engineeredFeatures(src, ENGINEERED_END, { tierRows: [3] })).toThrow(
      'features/engineeredFeatures: tierRows[0] = 3 is not a row of the 3-customer table',
    );
  });

  it('agrees with the kernel on CDNOW: RFM columns identical, windows bounded by the whole history', async () => {
    const task = await cdnowTask();
    const e = engineeredFeatures(task, CDNOW_CUTOFF);
    const rfm = rfmColumns(task.log, task.offsets, task.split.customers, task.split.start, CDNOW_CUTOFF, 'day');
    for (const name of ['recency', 'frequency', 'monetary', 'tenure'] as const)
      expect(column(e, name), name).toEqual(Array.from(rfm[name]));
    const days365 = column(e, 'purchase_days_365d'),
      rev365 = column(e, 'revenue_365d'),
      freq = column(e, 'frequency'),
      mon = column(e, 'monetary');
    // calibration is 273 days: the 365-day window is the whole history
    days365.forEach((v, r) => {
      expect(v).toBe(freq[r]);
      expect(rev365[r]).toBeCloseTo(mon[r], 8);
    });
    const mean = column(e, 'ipt_mean'),
      first = Array.from(rfm.history.daysSinceFirst),
      last = Array.from(rfm.history.daysSinceLast);
    mean.forEach((v, r) => {
      if (freq[r] >= 2) expect(v).toBe((first[r] - last[r]) / (freq[r] - 1));
      else expect(v).toBeNaN();
    });
  });

  it('gives exactly the columns named in options.names, and rejects what the dataset cannot give', () => {
    const src = sourceOf(engineeredLog());
    const g = engineeredFeatures(src, ENGINEERED_END, { names: ['recency', 'views_7d'] });
    expect(g.names).toEqual(['recency', 'views_7d']);
    expect(g.omitted.find((o) => o.name === 'frequency')?.reason).toBe('not in options.names');
    expect(() => engineeredFeatures(src, ENGINEERED_END, { names: ['views_8d'] })).toThrow(
      "options.names has 'views_8d', which is not an engineered feature",
    );
    expect(() =>
      engineeredFeatures(sourceOf(engineeredLog('count')), ENGINEERED_END, { names: ['revenue_7d'] }),
    ).toThrow(
      "options.names asks for 'revenue_7d', which this dataset cannot give before 2020-04-01T00:00:00.000Z (count target: the log has no prices)",
    );
  });

  it('appends the social-graph columns for +social and rejects misaligned ones', () => {
    const graph = { names: ['graph_degree'], columns: [Float64Array.of(2, 0, 1)] };
    const s = withSocialFeatures(f, graph);
    expect(s.names.slice(-2)).toEqual(['decayed_events_since_purchase_h30', 'graph_degree']);
    expect(column(s, 'graph_degree')).toEqual([2, 0, 1]);
    expect(s.omitted).toBe(f.omitted);
    expect(() => withSocialFeatures(f, { names: ['graph_degree'], columns: [Float64Array.of(1)] })).toThrow(
      "graph column 'graph_degree' has 1 rows, the table 3",
    );
    expect(() => withSocialFeatures(f, { names: ['recency'], columns: [Float64Array.of(1, 2, 3)] })).toThrow(
      "graph column 'recency' is already a feature",
    );
  });

  it('rejects bad input', () => {
    const src = sourceOf(engineeredLog());
    expect(() => engineeredFeatures(src, NaN)).toThrow(
      'features/engineeredFeatures: featureEnd must be finite epoch ms, got NaN',
    );
    expect(() =>
      engineeredFeatures({ ...src, split: { ...src.split, customers: new Int32Array(0) } }, ENGINEERED_END),
    ).toThrow('empty cohort');
    expect(() => engineeredFeatures({ ...src, session: new Int32Array(2) }, ENGINEERED_END)).toThrow(
      'session has 2 entries, the log 18',
    );
    expect(() => engineeredFeatures(src, ENGINEERED_END, { tierRow: [] } as never)).toThrow(
      "features/engineeredFeatures: unknown option 'tierRow'",
    );
  });
});
