// Metrics per customer segment (RFM segment, lifecycle stage, ...) for the report's
// per-segment table. Each segment is evaluated on its own customers exactly as evaluate()
// would (its own ideal ordering for the Gini, its own deciles). Segments with fewer than
// `minSize` customers are listed with their n and NaN metrics: rank metrics on a handful of
// customers are noise, and a NaN is more honest in a table than a number.

import { resolveOptions } from '@clvlab/core';
import type { MetricInput } from './metric-context.ts';
import type { MetricValues } from './evaluate.ts';
import { METRIC_NAMES, evaluate, toMetricValues } from './evaluate.ts';
import { checkSameLength, toFiniteArray } from './validate-inputs.ts';

/** Per-segment defaults. */
export const DEFAULT_SEGMENT_METRICS: Readonly<{ minSize: number }> = Object.freeze({
  /** Below 30 customers a decile holds < 3 customers and Gini/AUC intervals span most of their range. */
  minSize: 30,
});

/** One row of the per-segment table. */
export interface SegmentMetrics {
  readonly segment: string | number;
  /** Customers in the segment. */
  readonly n: number;
  /** All NaN when n < minSize. */
  readonly metrics: MetricValues;
}

function compareLabels(x: string | number, y: string | number): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const a = String(x),
    b = String(y);
  return a < b ? -1 : a > b ? 1 : 0;
}

function pick(values: ArrayLike<number> | undefined, idx: readonly number[]): Float64Array | undefined {
  if (values === undefined) return undefined;
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = values[idx[k]];
  return out;
}

/**
 * Evaluates every metric separately for each segment label, rows sorted by label (numerically
 * when both labels are numbers). Throws on length mismatch, empty input or NaN anywhere.
 */
export function metricsBySegment(
  segments: ArrayLike<string | number>,
  input: MetricInput,
  options: Partial<typeof DEFAULT_SEGMENT_METRICS> = {},
): readonly SegmentMetrics[] {
  const { minSize } = resolveOptions('metrics/metricsBySegment', DEFAULT_SEGMENT_METRICS, options);
  checkSameLength('metricsBySegment', { segments: segments as ArrayLike<number>, actual: input.actual });
  // Validate the whole input once so that errors name the original index.
  toFiniteArray('metricsBySegment', 'actual', input.actual);
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < segments.length; i++) {
    const label = segments[i];
    if (typeof label !== 'string' && !(typeof label === 'number' && Number.isFinite(label))) {
      throw new Error(
        `metrics/metricsBySegment: segments[${i}] must be a string or finite number, got ${String(label)}`,
      );
    }
    let idx = groups.get(label);
    if (!idx) groups.set(label, (idx = []));
    idx.push(i);
  }
  const missing = toMetricValues(new Float64Array(METRIC_NAMES.length).fill(NaN));
  const rows: SegmentMetrics[] = [];
  for (const label of [...groups.keys()].sort(compareLabels)) {
    const idx = groups.get(label)!;
    const metrics =
      idx.length < minSize
        ? missing
        : evaluate({
            actual: pick(input.actual, idx)!,
            predicted: pick(input.predicted, idx)!,
            repurchaseScore: pick(input.repurchaseScore, idx),
            actualRepurchase: pick(input.actualRepurchase, idx),
          });
    rows.push(Object.freeze({ segment: label, n: idx.length, metrics }));
  }
  return Object.freeze(rows);
}
