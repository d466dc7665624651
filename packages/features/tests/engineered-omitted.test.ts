// Features a dataset cannot give are omitted and listed with the reason, never zero-filled:
// CDNOW (a daily-dated transaction log without items or categories), a count-target log, a
// source without session ids.
import { describe, expect, it } from 'vitest';
import { engineeredFeatures, ENGINEERED_FEATURE_NAMES, FEATURE_NEEDS } from '../src/index.ts';
import type { EngineeredFeatures } from '../src/index.ts';
import { cdnowTask, CDNOW_CUTOFF } from './fixtures.ts';
import { column, ENGINEERED_END, engineeredLog, sourceOf } from './engineered-log.ts';

/** Omitted names grouped by reason. */
function byReason(f: EngineeredFeatures): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of f.omitted) (out[o.reason] ??= []).push(o.name);
  return out;
}

/** Kept names and omitted names partition the table, in table order. */
function expectPartition(f: EngineeredFeatures): void {
  const omitted = new Set(f.omitted.map((o) => o.name));
  expect(f.names).toEqual(ENGINEERED_FEATURE_NAMES.filter((n) => !omitted.has(n)));
  expect(f.names.length + f.omitted.length).toBe(ENGINEERED_FEATURE_NAMES.length);
}

const windows = (prefix: string, list: readonly (number | 'all')[]): string[] =>
  list.map((w) => `${prefix}_${w === 'all' ? 'all' : `${w}d`}`);

describe('omitted features', () => {
  it('on CDNOW: no items, categories, returns, views, carts, sessions or time of day', async () => {
    const f = engineeredFeatures(await cdnowTask(), CDNOW_CUTOFF);
    expectPartition(f);
    const reasons = byReason(f);
    expect(reasons[FEATURE_NEEDS.items]).toEqual(windows('items', [7, 30, 90, 180, 365, 'all']));
    expect(reasons[FEATURE_NEEDS.categories]).toEqual([
      'distinct_categories',
      'category_entropy',
      'top_category_share',
    ]);
    expect(reasons[FEATURE_NEEDS.returns]).toEqual(['returns_share']);
    expect(reasons[FEATURE_NEEDS.views]).toEqual(windows('views', [7, 30, 'all']));
    expect(reasons[FEATURE_NEEDS.carts]).toEqual(windows('carts', [7, 30, 'all']));
    expect(reasons[FEATURE_NEEDS['time of day']]).toEqual([
      'hour_share_00_06',
      'hour_share_06_12',
      'hour_share_12_18',
      'hour_share_18_24',
    ]);
    // the cohort's ModelTask carries session ids (all 0 in the fixture), so what removes the
    // session features is that every event is a purchase
    expect(reasons[FEATURE_NEEDS.browsing]).toEqual([
      ...windows('sessions', [7, 30, 'all']),
      ...windows('events_per_session', [7, 30, 'all']),
      'days_since_last_session',
      'purchase_session_rate',
      'decayed_events_since_purchase_h7',
      'decayed_events_since_purchase_h30',
    ]);
    expect(reasons[`${FEATURE_NEEDS.browsing}; ${FEATURE_NEEDS.carts}`]).toEqual(
      windows('cart_abandon_sessions', [7, 30, 'all']),
    );
    expect(f.names.length).toBe(47);
    expect(f.names).toContain('revenue_30d');
    expect(f.names).toContain('weekend_share');
  });

  it("on a count target: every money feature, and monetary is the kernel's purchase count", () => {
    const f = engineeredFeatures(sourceOf(engineeredLog('count')), ENGINEERED_END);
    expectPartition(f);
    expect(byReason(f)).toEqual({
      [FEATURE_NEEDS.prices]: [
        ...windows('revenue', [7, 30, 90, 180, 365]),
        'first_purchase_amount',
        'trend_revenue_30d',
        'slope_revenue_month',
        'basket_value_mean',
        'decayed_revenue_h7',
        'decayed_revenue_h30',
      ],
    });
    expect(column(f, 'monetary')).toEqual([4, 1, 0]);
    expect(column(f, 'returns_share')).toEqual([1 / 4, 0, NaN]); // return events ÷ purchase events
  });

  it('without session ids: the session features, not the views and carts', () => {
    const f = engineeredFeatures(sourceOf(engineeredLog(), undefined, false), ENGINEERED_END);
    expectPartition(f);
    expect(byReason(f)).toEqual({
      [FEATURE_NEEDS.sessions]: [
        ...windows('sessions', [7, 30, 'all']),
        ...windows('events_per_session', [7, 30, 'all']),
        ...windows('cart_abandon_sessions', [7, 30, 'all']),
        'days_since_last_session',
        'purchase_session_rate',
      ],
    });
    expect(column(f, 'views_all')).toEqual([5, 1, 0]);
  });

  it('decides from events before the cutoff only: a cutoff after a view and a cart, before any purchase', () => {
    const f = engineeredFeatures(sourceOf(engineeredLog()), Date.UTC(2019, 11, 1, 10, 15));
    expectPartition(f);
    const reasons = byReason(f);
    expect(reasons[FEATURE_NEEDS.items]).toContain('items_all');
    expect(reasons[FEATURE_NEEDS.categories]).toContain('category_entropy');
    expect(reasons[FEATURE_NEEDS.returns]).toEqual(['returns_share']);
    expect(reasons[FEATURE_NEEDS['two months']]).toEqual(['slope_purchase_days_month', 'slope_revenue_month']);
    expect(f.names).toEqual(
      expect.arrayContaining(['views_7d', 'carts_7d', 'cart_abandon_sessions_all', 'hour_share_06_12']),
    );
    expect(column(f, 'cart_abandon_sessions_all')).toEqual([1, 0, 0]);
  });
});
