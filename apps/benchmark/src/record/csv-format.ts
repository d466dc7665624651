// CSV text for the record. Numbers are written with JavaScript's shortest round-trip form
// (String(x)), so a value read back is bit-identical and equal inputs give equal bytes;
// undefined metrics (NaN) are empty fields. Fields with a comma, quote or newline are quoted.
import { METRIC_NAMES } from '@clvlab/metrics';
import type { MetricsRow, PairedRow, SegmentRow, SelectionRow } from './compute-results.ts';
import type { DecisionRow } from './decision-results.ts';

/** One CSV field. */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines joined with \n, ending in \n. */
export function csvText(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | undefined | null)[])[],
): string {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/** metrics.csv columns: identity, the metrics, then <metric>_lo,<metric>_hi and how the interval was computed. */
export const METRICS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'model',
  'seed',
  'n',
  ...METRIC_NAMES,
  ...METRIC_NAMES.flatMap((m) => [`${m}_lo`, `${m}_hi`]),
  'interval',
]);

export function metricsCsv(rows: readonly MetricsRow[]): string {
  return csvText(
    METRICS_CSV_HEADER,
    rows.map((r) => [
      r.dataset,
      r.model,
      r.seed,
      r.n,
      ...METRIC_NAMES.map((m) => r.metrics[m]),
      ...METRIC_NAMES.flatMap((m) => (r.lower && r.upper ? [r.lower[m], r.upper[m]] : [undefined, undefined])),
      r.interval,
    ]),
  );
}

/**
 * paired.csv: per seed (paired bootstrap) and per aggregate ('mean': Nadeau–Bengio over seeds, or
 * the one seed's bootstrap with a normal-approximation p), p = two-sided p of the difference; on
 * aggregate rows of normalized Gini, the Holm-adjusted p within each table (p_holm: all
 * comparisons; _leaderboard: vs the best baseline; _sequence: the sequence contribution; = p for
 * the primary comparison) and `significant` (primary: p, others: p_holm) at the record's alpha.
 */
export const PAIRED_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'model',
  'baseline',
  'seed',
  'metric',
  'model_value',
  'baseline_value',
  'difference',
  'difference_lo',
  'difference_hi',
  'p',
  'interval_excludes_0',
  'primary',
  'p_holm',
  'p_holm_leaderboard',
  'p_holm_sequence',
  'significant',
]);

export function pairedCsv(rows: readonly PairedRow[]): string {
  return csvText(
    PAIRED_CSV_HEADER,
    rows.flatMap((r) =>
      METRIC_NAMES.map((m) => {
        const d = r.metrics[m];
        const agg = r.seed === 'mean' && m === 'normalized_gini';
        return [
          r.dataset,
          r.model,
          r.baseline,
          r.seed,
          m,
          d.a,
          d.b,
          d.difference,
          d.lower,
          d.upper,
          d.p,
          d.significant,
          r.seed === 'mean' ? Boolean(r.primary) : undefined,
          agg ? r.holm?.comparisons : undefined,
          agg ? r.holm?.leaderboard : undefined,
          agg ? r.holm?.sequence : undefined,
          agg ? r.significant : undefined,
        ];
      }),
    ),
  );
}

export const SELECTION_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'model',
  'seed',
  'trial',
  'config',
  'train_fraction',
  'valid_normalized_gini',
  'chosen',
]);

/** selection.csv: the valid-fold score of every trial (trial 0 = the spec's config) and which one is the row. */
export function selectionCsv(rows: readonly SelectionRow[]): string {
  return csvText(
    SELECTION_CSV_HEADER,
    rows.map((r) => [
      r.dataset,
      r.model,
      r.seed,
      r.trial,
      JSON.stringify(r.config),
      r.train_fraction,
      r.valid_normalized_gini,
      r.chosen,
    ]),
  );
}

export const SEGMENTS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'model',
  'seed',
  'segmentation',
  'segment',
  'n',
  ...METRIC_NAMES,
]);

export function segmentsCsv(rows: readonly SegmentRow[]): string {
  return csvText(
    SEGMENTS_CSV_HEADER,
    rows.map((r) => [
      r.dataset,
      r.model,
      r.seed,
      r.segmentation,
      r.segment,
      r.n,
      ...METRIC_NAMES.map((m) => r.metrics[m]),
    ]),
  );
}

export const DECISIONS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'model',
  'seed',
  'contact_cost',
  'best_k',
  'best_profit',
  'profit_at_10pct',
  'budget_share',
  'short_horizon_gini',
  'main_horizon_gini',
]);

/** decisions.csv: one row per (dataset, model, seed) plus the mean over seeds (decision-results.ts). */
export function decisionsCsv(rows: readonly DecisionRow[]): string {
  return csvText(
    DECISIONS_CSV_HEADER,
    rows.map((r) => [
      r.dataset,
      r.model,
      r.seed,
      r.contactCost,
      r.bestK,
      r.bestProfit,
      r.profitAt10,
      r.budgetShare,
      r.shortGini,
      r.longGini,
    ]),
  );
}

export const PREDICTIONS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset',
  'customer_id',
  'model',
  'seed',
  'predicted_value',
  'repurchase_score',
  'actual_value',
  'actual_repurchase',
]);
