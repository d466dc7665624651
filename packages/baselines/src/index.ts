// @clvlab/baselines: the BTYD family (BG/NBD, Pareto/NBD, Gamma-Gamma, MBG/NBD, BG/BB, the
// shifted-beta-geometric, GGom/NBD, covariates) with predictions and CLV, and the baseline
// benchmark models (RFM, BTYD, trees) with their search spaces. Sources by concern: src/btyd,
// src/optim, src/rfm, src/regression, src/trees, src/models.

// Buy-Till-You-Die models: fits, predictions, CLV, covariates, tracking (src/btyd)
export { fitBgNbd, bgNbdLogLikelihood, DEFAULT_BG_NBD } from './btyd/bg-nbd.ts';
export type { BgNbdOptions } from './btyd/bg-nbd.ts';
export { fitParetoNbd, paretoNbdCustomer, paretoNbdLogLikelihood, DEFAULT_PARETO_NBD } from './btyd/pareto-nbd.ts';
export type { ParetoNbdOptions } from './btyd/pareto-nbd.ts';
export { paretoLimitCustomer, paretoLimitLogLikelihood } from './btyd/pareto-nbd-limit.ts';
export { fitGammaGamma, DEFAULT_GAMMA_GAMMA } from './btyd/gamma-gamma.ts';
export type { GammaGammaOptions } from './btyd/gamma-gamma.ts';
export { prepareBtydRows } from './btyd/btyd-input.ts';
export type { BtydRows } from './btyd/btyd-input.ts';
export type {
  BgNbdFit,
  BgNbdParams,
  BtydData,
  FitDiagnostics,
  GammaGammaFit,
  GammaGammaParams,
  ParetoNbdFit,
  ParetoNbdParams,
  PurchaseFit,
  SpendData,
} from './btyd/fit-types.ts';
export { expectedPurchases } from './btyd/expected-purchases.ts';
export { conditionalExpectedPurchases } from './btyd/conditional-expected-purchases.ts';
export { probabilityAlive, logProbabilityAlive } from './btyd/probability-alive.ts';
export { repurchaseProbability } from './btyd/repurchase-probability.ts';
export { expectedAverageSpend } from './btyd/expected-average-spend.ts';
export { customerLifetimeValue, DEFAULT_CLV } from './btyd/customer-lifetime-value.ts';
export type { ClvOptions } from './btyd/customer-lifetime-value.ts';
export type { CustomerHistory } from './btyd/customer-arrays.ts';
export { btydModel, DEFAULT_BTYD_COVARIATE_MODEL, DEFAULT_BTYD_MODEL } from './btyd/btyd-model.ts';
export { bgBbModel, DEFAULT_BG_BB_MODEL } from './btyd/bg-bb-model.ts';
export { trackingData } from './btyd/tracking-data.ts';
export type { TrackingData, TrackingOptions } from './btyd/tracking-data.ts';
export { fitMbgNbd, mbgNbdLogLikelihood, DEFAULT_MBG_NBD } from './btyd/mbg-nbd.ts';
export type { MbgNbdFit, MbgNbdOptions } from './btyd/mbg-nbd.ts';
export {
  mbgNbdConditionalExpectedPurchases,
  mbgNbdExpectedPurchases,
  mbgNbdProbabilityAlive,
} from './btyd/mbg-nbd-predictions.ts';
export { fitBgBb, bgBbLogLikelihood, DEFAULT_BG_BB } from './btyd/bg-bb.ts';
export type { BgBbFit, BgBbOptions, BgBbParams } from './btyd/bg-bb.ts';
export { prepareBgBbRows } from './btyd/bg-bb-input.ts';
export { periodHistory } from './btyd/period-history.ts';
export type { PeriodHistory } from './btyd/period-history.ts';
export type { BgBbData, BgBbHistory, BgBbRows } from './btyd/bg-bb-input.ts';
export {
  bgBbConditionalExpectedPurchases,
  bgBbExpectedPurchases,
  bgBbProbabilityAlive,
  bgBbPurchaseProbability,
  bgBbRepurchaseProbability,
} from './btyd/bg-bb-predictions.ts';
export {
  checkSurvivalCounts,
  fitShiftedBetaGeometric,
  shiftedBetaGeometricLogLikelihood,
  DEFAULT_SHIFTED_BETA_GEOMETRIC,
} from './btyd/shifted-beta-geometric.ts';
export type {
  ShiftedBetaGeometricFit,
  ShiftedBetaGeometricOptions,
  ShiftedBetaGeometricParams,
} from './btyd/shifted-beta-geometric.ts';
export {
  discountedExpectedResidualLifetime,
  shiftedBetaGeometricRetention,
  shiftedBetaGeometricSurvival,
} from './btyd/shifted-beta-geometric-projections.ts';
export { fitGgomNbd, ggomNbdCustomer, ggomNbdLogLikelihood, DEFAULT_GGOM_NBD } from './btyd/ggom-nbd.ts';
export type { GgomNbdFit, GgomNbdOptions, GgomNbdParams } from './btyd/ggom-nbd.ts';
export { ggomNbdIntegral } from './btyd/ggom-nbd-integral.ts';
export { ggomNbdProbabilityAlive } from './btyd/ggom-nbd-probability-alive.ts';
export { covariateMatrix } from './btyd/covariate-matrix.ts';
export type { CovariateMatrix, CovariateOptions, CovariateTable } from './btyd/covariate-matrix.ts';
export { covariateLogLikelihood } from './btyd/covariate-likelihood.ts';
export type {
  CovariateModel,
  CovariatePenalty,
  CovariateSets,
  CustomerLogLikelihood,
} from './btyd/covariate-likelihood.ts';
export {
  checkCovariateSets,
  covariateFitResult,
  covariatePenalty,
  fitWithCovariates,
  DEFAULT_COVARIATE_FIT,
} from './btyd/covariate-fit.ts';
export type { CovariateFit, CovariateFitOptions } from './btyd/covariate-fit.ts';
export {
  fitParetoNbdCovariates,
  paretoNbdCovariatesLogLikelihood,
  PARETO_NBD_COVARIATE_MODEL,
} from './btyd/pareto-nbd-covariates.ts';
export type { ParetoNbdCovariatesFit, ParetoNbdCovariatesOptions } from './btyd/pareto-nbd-covariates.ts';
export { fitBgNbdCovariates, bgNbdCovariatesLogLikelihood, BG_NBD_COVARIATE_MODEL } from './btyd/bg-nbd-covariates.ts';
export type { BgNbdCovariatesFit, BgNbdCovariatesOptions } from './btyd/bg-nbd-covariates.ts';
export { covariateCustomerFit } from './btyd/covariate-customer-fit.ts';
export { prepareDynamicCovariates } from './btyd/dynamic-covariates.ts';
export type {
  DynamicCovariateHistories,
  DynamicCovariates,
  DynamicCovariateSet,
  DynamicRows,
} from './btyd/dynamic-covariates.ts';
export { dynamicCovariateSet } from './btyd/dynamic-covariate-set.ts';
export type { DynamicCovariateTable } from './btyd/dynamic-covariate-set.ts';
export { fitParetoNbdDynamic, paretoNbdDynamicLogLikelihood } from './btyd/pareto-nbd-dynamic.ts';
export type { ParetoNbdDynamicFit, ParetoNbdDynamicOptions } from './btyd/pareto-nbd-dynamic.ts';

// Maximum likelihood and special functions (src/optim)
export { minimize, DEFAULT_MINIMIZE } from './optim/minimize.ts';
export type { MinimizeOptions, MinimizeResult } from './optim/minimize.ts';
export type { MinimizeMonitor, Objective } from './optim/objective.ts';
export { digamma, logBeta, logGamma } from './optim/special-functions.ts';
export { logHyp2f1 } from './optim/hypergeometric.ts';

// RFM benchmark models (src/rfm)
export { historicalRateModel, DEFAULT_HISTORICAL_RATE } from './rfm/historical-rate-model.ts';
export { rfmSegmentModel, DEFAULT_RFM_SEGMENT } from './rfm/rfm-segment-model.ts';
export { rfmLinearModel, DEFAULT_RFM_LINEAR } from './rfm/rfm-linear-model.ts';

// Ridge regression (src/regression)
export { fitRidge, predictRidge } from './regression/ridge-regression.ts';
export type { RidgeModel } from './regression/ridge-regression.ts';

// The baseline benchmark models by name and their search spaces (src/models)
export { createBaselineModel, BASELINE_MODEL_NAMES } from './models/create-baseline-model.ts';
export type { BaselineModelName } from './models/create-baseline-model.ts';
export { BASELINE_SEARCH_SPACES } from './models/baseline-search-spaces.ts';
