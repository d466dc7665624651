// @clvlab/features: per-customer features computed only from events before a feature cutoff.
// The history kernel (customerHistory) and its views: the BTYD summary, RFM features, tiers,
// segments and lifecycle stages; explicit time units.
export { customerHistory, HISTORY_COLUMNS } from './customer-history.ts';
export type { CustomerHistoryTable, HistoryEvents } from './customer-history.ts';
export { btydSummary } from './btyd-summary.ts';
export type { BtydSummary, BtydSummaryOptions } from './btyd-summary.ts';
export { calibrationCohort } from './calibration-cohort.ts';
export { rfmColumns, rfmFeatures, RFM_FEATURE_NAMES } from './rfm-features.ts';
export type { RfmFeatures, RfmInput } from './rfm-features.ts';
export { quartileTiers, rfmTiers } from './rfm-tiers.ts';
export type { RfmTiers } from './rfm-tiers.ts';
export { applyRfmTierCuts, quartileCuts, rfmTierCuts, tiersFromCuts } from './rfm-tier-cuts.ts';
export type { RfmTierCuts } from './rfm-tier-cuts.ts';
export { rfmCode, rfmSegment, RFM_SEGMENTS } from './rfm-segment.ts';
export type { RfmSegmentName } from './rfm-segment.ts';
export { lifecycleStage, lifecycleStages, LIFECYCLE_STAGES, DEFAULT_LIFECYCLE } from './lifecycle-stage.ts';
export type { LifecycleOptions, LifecycleStage } from './lifecycle-stage.ts';
export { convertTime, DAYS_PER_UNIT, TIME_UNITS, unitMs } from './time-units.ts';
export type { TimeUnit } from './time-units.ts';
// The engineered feature table (issue 12 §1): named columns, their README table, omissions.
export { engineeredFeatures, withSocialFeatures, DEFAULT_ENGINEERED_FEATURES } from './engineered-features.ts';
export type { EngineeredFeatures, EngineeredOptions, EngineeredSource, OmittedFeature } from './engineered-features.ts';
export {
  ACTIVITY_WINDOWS,
  ENGAGEMENT_WINDOWS,
  ENGINEERED_FEATURES,
  ENGINEERED_FEATURE_NAMES,
  engineeredFeaturesMarkdown,
  FEATURE_GROUPS,
  FEATURE_NEEDS,
  HALF_LIVES,
} from './engineered-feature-table.ts';
export type { EngineeredFeatureSpec, FeatureGroup, FeatureNeed } from './engineered-feature-table.ts';
export { featureNeeds } from './feature-needs.ts';
