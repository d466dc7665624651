// The engineered feature table as data (issue 12 §1): every column engineeredFeatures can give,
// with its group, unit, what the log must have for it to exist (`needs`) and its meaning. The
// README's table is this table (engineeredFeaturesMarkdown; tests/engineered-readme.test.ts
// fails when they differ), so the documentation cannot drift from the code.
//
// Windows are the last w whole UTC feature days: an event on day d is in the w-day window when
// lastDay − d < w, lastDay = the day holding featureEnd − 1 ms (the kernel's last feature day).
// NaN marks a value that does not exist for a customer (a mean over nothing, a gap with one
// purchase day); it is never filled. Tree models route NaN (a missing-value branch); linear
// models must impute on the train fold.
import { LIFECYCLE_STAGES } from './lifecycle-stage.ts';

export const FEATURE_GROUPS = Object.freeze([
  'activity',
  'rfm',
  'inter-purchase',
  'trend',
  'engagement',
  'basket',
  'calendar',
  'lifecycle',
  'decay',
] as const);
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/** What a dataset must have for a feature to exist; otherwise it is omitted, with the reason. */
export const FEATURE_NEEDS = Object.freeze({
  prices: 'count target: the log has no prices',
  items: "the log's purchases carry no item ids",
  categories: "the log's purchases carry no category ids",
  views: 'the log has no view events',
  carts: 'the log has no cart events',
  returns: 'the log has no return events',
  'time of day': 'daily-dated log: every event is at the same time of day',
  'two months': 'the history before the cutoff spans less than two 30-day months',
  sessions: 'no session ids given',
  browsing:
    'transaction log: every event is a purchase or a return, so there is no activity beyond purchases (sessions are purchase occasions)',
} as const);
export type FeatureNeed = keyof typeof FEATURE_NEEDS;

export interface EngineeredFeatureSpec {
  readonly name: string;
  readonly group: FeatureGroup;
  readonly unit: string;
  /** Dataset properties the feature needs (all of them); see FEATURE_NEEDS. */
  readonly needs: readonly FeatureNeed[];
  readonly description: string;
}

/** Activity windows in days ('all' = the whole history); engagement windows; decay half-lives. */
export const ACTIVITY_WINDOWS = Object.freeze([7, 30, 90, 180, 365] as const);
export const ENGAGEMENT_WINDOWS = Object.freeze([7, 30] as const);
export const HALF_LIVES = Object.freeze([7, 30] as const);

/** Column-name suffix of a lifecycle stage ('at risk' → 'stage_at_risk'). */
export const stageColumn = (stage: string): string => `stage_${stage.replace(/[ -]/g, '_')}`;

type Row = [string, string, readonly FeatureNeed[], string];

function rows(group: FeatureGroup, list: readonly Row[]): EngineeredFeatureSpec[] {
  return list.map(([name, unit, needs, description]) =>
    Object.freeze({ name, group, unit, needs: Object.freeze([...needs]), description }),
  );
}

/** One row per window; `what` says the feature with {span} standing for the window. */
const windowed = (
  prefix: string,
  unit: string,
  needs: readonly FeatureNeed[],
  what: string,
  windows: readonly number[],
  all: boolean,
): Row[] => [
  ...windows.map((w): Row => [`${prefix}_${w}d`, unit, needs, what.replace('{span}', `the last ${w} days`)]),
  ...(all ? [[`${prefix}_all`, unit, needs, what.replace('{span}', 'the whole history')] as Row] : []),
];

const money = ['prices'] as const;
const session = ['sessions', 'browsing'] as const;

export const ENGINEERED_FEATURES: readonly EngineeredFeatureSpec[] = Object.freeze([
  ...rows('activity', [
    ...windowed('purchases', 'events', [], 'purchase events in {span}', ACTIVITY_WINDOWS, true),
    ...windowed(
      'revenue',
      'money',
      money,
      'net revenue (purchases − returns) in {span} (whole history: `monetary`)',
      ACTIVITY_WINDOWS,
      false,
    ),
    ...windowed(
      'purchase_days',
      'days',
      [],
      'distinct purchase days in {span} (whole history: `frequency`)',
      ACTIVITY_WINDOWS,
      false,
    ),
    ...windowed('items', 'items', ['items'], 'distinct items purchased in {span}', ACTIVITY_WINDOWS, true),
  ]),
  ...rows('rfm', [
    [
      'recency',
      'days',
      [],
      "the kernel's RFM recency: last feature day − last purchase day (= tenure without purchase)",
    ],
    ['frequency', 'days', [], "the kernel's RFM frequency: distinct purchase days"],
    [
      'monetary',
      'money',
      [],
      "the kernel's RFM monetary: net value (revenue − returns; purchase events on a count target)",
    ],
    ['tenure', 'days', [], "the kernel's tenure: featureEnd − first event of any kind (fractional days)"],
    [
      'first_purchase_amount',
      'money',
      money,
      "net spend of the first purchase day (returns that day netted, the kernel's rule); NaN without purchase",
    ],
  ]),
  ...rows('inter-purchase', [
    ['ipt_mean', 'days', [], 'mean gap between consecutive purchase days; NaN with < 2 purchase days'],
    ['ipt_std', 'days', [], 'sample standard deviation (n − 1) of those gaps; NaN with < 3 purchase days'],
    ['ipt_cv', 'ratio', [], 'ipt_std ÷ ipt_mean; NaN with < 3 purchase days'],
    ['ipt_last_gap', 'days', [], "the kernel's gap between the last two purchase days; NaN with < 2"],
    ['overdue', 'ratio', [], 'recency ÷ ipt_mean (> 1: later than usual); NaN with < 2 purchase days'],
  ]),
  ...rows('trend', [
    ['trend_purchase_days_30d', 'days', [], 'purchase days in the last 30 days − purchase days in the 30 days before'],
    ['trend_revenue_30d', 'money', money, 'net revenue in the last 30 days − net revenue in the 30 days before'],
    [
      'slope_purchase_days_month',
      'days/month',
      ['two months'],
      'least-squares slope of purchase days per 30-day month, months counted back from the last feature day to the first event; NaN with one month',
    ],
    [
      'slope_revenue_month',
      'money/month',
      ['prices', 'two months'],
      'least-squares slope of net revenue per 30-day month (same months); NaN with one month',
    ],
  ]),
  ...rows('engagement', [
    ...windowed(
      'sessions',
      'sessions',
      session,
      'sessions ending in {span} (the day of their last event before featureEnd: a session running across the cutoff is cut at it)',
      ENGAGEMENT_WINDOWS,
      true,
    ),
    ...windowed(
      'events_per_session',
      'events',
      session,
      'events per session over the sessions ending in {span}; NaN without any',
      ENGAGEMENT_WINDOWS,
      true,
    ),
    ...windowed('views', 'events', ['views'], 'view events in {span}', ENGAGEMENT_WINDOWS, true),
    ...windowed('carts', 'events', ['carts'], 'cart events in {span}', ENGAGEMENT_WINDOWS, true),
    ...windowed(
      'cart_abandon_sessions',
      'sessions',
      [...session, 'carts'],
      'sessions ending in {span} with a cart event and no purchase',
      ENGAGEMENT_WINDOWS,
      true,
    ),
    [
      'days_since_last_session',
      'days',
      session,
      'featureEnd − the last event (the end of the last session), fractional days; NaN without events',
    ],
    ['purchase_session_rate', 'ratio', session, 'sessions with a purchase ÷ sessions; NaN without sessions'],
  ]),
  ...rows('basket', [
    [
      'basket_value_mean',
      'money',
      money,
      'gross purchase amount (returns excluded) per purchase day; NaN without purchase',
    ],
    ['basket_units_mean', 'units', [], 'units (Σ quantity of purchase events) per purchase day; NaN without purchase'],
    ['distinct_categories', 'categories', ['categories'], 'distinct categories among purchase events'],
    [
      'category_entropy',
      'bits',
      ['categories'],
      'Shannon entropy (log₂) of purchase events over categories; NaN without a categorised purchase',
    ],
    [
      'top_category_share',
      'ratio',
      ['categories'],
      'share of categorised purchase events in the most frequent category; NaN without one',
    ],
    [
      'returns_share',
      'ratio',
      ['returns'],
      'returned value ÷ gross purchase value (return events ÷ purchase events on a count target); NaN without purchase value',
    ],
  ]),
  ...rows('calendar', [
    ['weekend_share', 'ratio', [], 'share of events (any kind) on Saturday or Sunday, UTC; NaN without events'],
    ...[0, 6, 12, 18].map((h): Row => {
      const hh = (x: number): string => String(x).padStart(2, '0');
      return [
        `hour_share_${hh(h)}_${hh(h + 6)}`,
        'ratio',
        ['time of day'],
        `share of events (any kind) at ${hh(h)}:00–${hh(h + 6)}:00 UTC; NaN without events`,
      ];
    }),
  ]),
  ...rows('lifecycle', [
    ...LIFECYCLE_STAGES.map((s): Row => [
      stageColumn(s),
      '0/1',
      [],
      `lifecycle stage is '${s}' (lifecycle-stage.ts rules, one-hot)`,
    ]),
    [
      'rfm_tier_r',
      'tier 1..4',
      [],
      'recency quartile tier, 1 best (cuts from options.tierCuts, else fitted on options.tierRows, else on all rows)',
    ],
    ['rfm_tier_f', 'tier 1..4', [], 'frequency quartile tier, 1 best (same cuts)'],
    ['rfm_tier_m', 'tier 1..4', [], 'monetary quartile tier, 1 best (same cuts)'],
  ]),
  ...rows('decay', [
    ...HALF_LIVES.map((h): Row => [
      `decayed_purchase_days_h${h}`,
      'days',
      [],
      `Σ over purchase days of 2^(−age/${h}), age = lastDay − day`,
    ]),
    ...HALF_LIVES.map((h): Row => [
      `decayed_revenue_h${h}`,
      'money',
      money,
      `Σ over purchases and returns of value · 2^(−age/${h}), age in whole days`,
    ]),
    ...HALF_LIVES.map((h): Row => [
      `decayed_events_since_purchase_h${h}`,
      'events',
      ['browsing'],
      `Σ over events after the last purchase (all events without one) of 2^(−age/${h}), age = featureEnd − t in days`,
    ]),
  ]),
]);

export const ENGINEERED_FEATURE_NAMES: readonly string[] = Object.freeze(ENGINEERED_FEATURES.map((f) => f.name));

/** The README table (Markdown, one row per feature). */
export function engineeredFeaturesMarkdown(): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const lines = ['| name | group | unit | needs | description |', '| --- | --- | --- | --- | --- |'];
  for (const f of ENGINEERED_FEATURES) {
    lines.push(
      `| \`${f.name}\` | ${f.group} | ${cell(f.unit)} | ${f.needs.join(', ') || '—'} | ${cell(f.description)} |`,
    );
  }
  return lines.join('\n');
}
