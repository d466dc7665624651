// @clvlab/metrics: DESIGN §5 metrics on test customers, with ties spread evenly, seeded
// bootstrap intervals, paired differences and per-segment breakdowns.
export { normalizedGini, giniRaw } from './normalized-gini.ts';
export { spearman } from './spearman.ts';
export { rank } from './rank.ts';
export { decileTable, DECILES } from './decile-table.ts';
export type { DecileRow } from './decile-table.ts';
export { decileMape } from './decile-mape.ts';
export { topCapture, lift } from './top-capture.ts';
export { auc } from './auc.ts';
export { rmse, mae, calibrationRatio } from './error-metrics.ts';
export { gainCurve } from './gain-curve.ts';
export type { GainCurve } from './gain-curve.ts';
export { evaluate, METRIC_NAMES, METRIC_HIGHER_IS_BETTER, toMetricValues } from './evaluate.ts';
export type { MetricName, MetricValues } from './evaluate.ts';
export type { MetricInput } from './metric-context.ts';
export { bootstrapIntervals, DEFAULT_BOOTSTRAP } from './bootstrap-intervals.ts';
export type { BootstrapOptions, BootstrapResult, MetricInterval } from './bootstrap-intervals.ts';
export { pairedBootstrap } from './paired-bootstrap.ts';
export type { PairedBootstrapOptions, PairedBootstrapResult, PairedDifference } from './paired-bootstrap.ts';
export { metricsBySegment, DEFAULT_SEGMENT_METRICS } from './metrics-by-segment.ts';
export type { SegmentMetrics } from './metrics-by-segment.ts';
export type { NumericArray } from './validate-inputs.ts';
