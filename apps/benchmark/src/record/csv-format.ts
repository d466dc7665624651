// CSV text for the record. Numbers are written with JavaScript's shortest round-trip form
// (String(x)), so a value read back is bit-identical and equal inputs give equal bytes;
// undefined metrics (NaN) are empty fields. Fields with a comma, quote or newline are quoted.
import { METRIC_NAMES } from '@clvlab/metrics';
import type { MetricsRow, PairedRow, SegmentRow } from './compute-results.ts';

/** One CSV field. */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Lines joined with \n, ending in \n. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | boolean | undefined | null)[])[]): string {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

/** metrics.csv columns: identity, the eight metrics, then <metric>_lo,<metric>_hi. */
export const METRICS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset', 'model', 'seed', ...METRIC_NAMES, ...METRIC_NAMES.flatMap((m) => [`${m}_lo`, `${m}_hi`]),
]);

export function metricsCsv(rows: readonly MetricsRow[]): string {
  return csvText(METRICS_CSV_HEADER, rows.map((r) => [
    r.dataset, r.model, r.seed,
    ...METRIC_NAMES.map((m) => r.metrics[m]),
    ...METRIC_NAMES.flatMap((m) => (r.lower && r.upper ? [r.lower[m], r.upper[m]] : [undefined, undefined])),
  ]));
}

export const PAIRED_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset', 'model', 'baseline', 'seed', 'metric', 'model_value', 'baseline_value', 'difference', 'difference_lo', 'difference_hi', 'significant',
]);

export function pairedCsv(rows: readonly PairedRow[]): string {
  return csvText(PAIRED_CSV_HEADER, rows.flatMap((r) => METRIC_NAMES.map((m) => {
    const d = r.metrics[m];
    return [r.dataset, r.model, r.baseline, r.seed, m, d.a, d.b, d.difference, d.lower, d.upper, d.significant];
  })));
}

export const SEGMENTS_CSV_HEADER: readonly string[] = Object.freeze(['dataset', 'model', 'seed', 'segmentation', 'segment', 'n', ...METRIC_NAMES]);

export function segmentsCsv(rows: readonly SegmentRow[]): string {
  return csvText(SEGMENTS_CSV_HEADER, rows.map((r) => [r.dataset, r.model, r.seed, r.segmentation, r.segment, r.n, ...METRIC_NAMES.map((m) => r.metrics[m])]));
}

export const PREDICTIONS_CSV_HEADER: readonly string[] = Object.freeze([
  'dataset', 'customer_id', 'model', 'seed', 'predicted_value', 'repurchase_score', 'actual_value', 'actual_repurchase',
]);
