// @clvlab/metrics: the docs/architecture.md §Metrics metrics on test customers, with ties spread
// evenly, seeded bootstrap intervals (customer or cluster), paired differences with p-values,
// per-segment breakdowns, the corrected resampled t-test over re-splits, and Holm's adjustment.
export { normalizedGini, giniRaw } from './normalized-gini.ts';
export { spearman } from './spearman.ts';
export { rank } from './rank.ts';
export { decileTable, DECILES } from './decile-table.ts';
export type { DecileRow } from './decile-table.ts';
export { decileMape, decileMapeDeciles } from './decile-mape.ts';
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
export {
  bootstrapReplicates,
  intervalsFromReplicates,
  pairedBootstrap,
  pairedFromReplicates,
} from './paired-bootstrap.ts';
export type {
  BootstrapReplicates,
  PairedBootstrapOptions,
  PairedBootstrapResult,
  PairedDifference,
} from './paired-bootstrap.ts';
export { metricsBySegment, DEFAULT_SEGMENT_METRICS } from './metrics-by-segment.ts';
export type { SegmentMetrics } from './metrics-by-segment.ts';
export { correctedResampledT, DEFAULT_CORRECTED_RESAMPLED_T } from './corrected-resampled-t.ts';
export type { CorrectedResampledT, CorrectedResampledTOptions } from './corrected-resampled-t.ts';
export { holmAdjust } from './holm-adjust.ts';
export { studentTCdf, studentTTwoSidedP, studentTQuantile, studentTCritical } from './student-t.ts';
export { regularizedIncompleteBeta, logBeta, logGamma } from './incomplete-beta.ts';
export type { NumericArray } from './validate-inputs.ts';
