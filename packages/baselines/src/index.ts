// @clvlab/baselines: BG/NBD, Pareto/NBD
// and Gamma-Gamma fitters with predictions and CLV; the baseline benchmark models and their
// search spaces.
export { fitBgNbd, bgNbdLogLikelihood, DEFAULT_BG_NBD } from './bg-nbd.ts';
export type { BgNbdOptions } from './bg-nbd.ts';
export { fitParetoNbd, paretoNbdCustomer, paretoNbdLogLikelihood, DEFAULT_PARETO_NBD } from './pareto-nbd.ts';
export type { ParetoNbdOptions } from './pareto-nbd.ts';
export { paretoLimitCustomer, paretoLimitLogLikelihood } from './pareto-nbd-limit.ts';
export { fitGammaGamma, DEFAULT_GAMMA_GAMMA } from './gamma-gamma.ts';
export type { GammaGammaOptions } from './gamma-gamma.ts';
export { prepareBtydRows } from './btyd-input.ts';
export type { BtydRows } from './btyd-input.ts';
export type {
  BgNbdFit, BgNbdParams, BtydData, FitDiagnostics, GammaGammaFit, GammaGammaParams, ParetoNbdFit,
  ParetoNbdParams, PurchaseFit, SpendData,
} from './fit-types.ts';
export { minimize, DEFAULT_MINIMIZE } from './minimize.ts';
export type { MinimizeOptions, MinimizeResult } from './minimize.ts';
export type { MinimizeMonitor, Objective } from './objective.ts';
export { digamma, logBeta, logGamma } from './special-functions.ts';
export { logHyp2f1 } from './hypergeometric.ts';
export { expectedPurchases } from './expected-purchases.ts';
export { conditionalExpectedPurchases } from './conditional-expected-purchases.ts';
export { probabilityAlive, logProbabilityAlive } from './probability-alive.ts';
export { repurchaseProbability } from './repurchase-probability.ts';
export { expectedAverageSpend } from './expected-average-spend.ts';
export { customerLifetimeValue, DEFAULT_CLV } from './customer-lifetime-value.ts';
export type { ClvOptions } from './customer-lifetime-value.ts';
export type { CustomerHistory } from './customer-arrays.ts';
export { fitRidge, predictRidge } from './ridge-regression.ts';
export type { RidgeModel } from './ridge-regression.ts';
export { createBaselineModel, BASELINE_MODEL_NAMES } from './create-baseline-model.ts';
export type { BaselineModelName } from './create-baseline-model.ts';
export { BASELINE_SEARCH_SPACES } from './baseline-search-spaces.ts';
export { historicalRateModel, DEFAULT_HISTORICAL_RATE } from './historical-rate-model.ts';
export { rfmSegmentModel, DEFAULT_RFM_SEGMENT } from './rfm-segment-model.ts';
export { rfmLinearModel, DEFAULT_RFM_LINEAR } from './rfm-linear-model.ts';
export { btydModel, DEFAULT_BTYD_MODEL } from './btyd-model.ts';
export { trackingData } from './tracking-data.ts';
export type { TrackingData, TrackingOptions } from './tracking-data.ts';
// BTYD family (issue 15): MBG/NBD, BG/BB, shifted-beta-geometric, GGom/NBD, covariates.
export { fitMbgNbd, mbgNbdLogLikelihood, DEFAULT_MBG_NBD } from './mbg-nbd.ts';
export type { MbgNbdFit, MbgNbdOptions } from './mbg-nbd.ts';
export { mbgNbdConditionalExpectedPurchases, mbgNbdExpectedPurchases, mbgNbdProbabilityAlive } from './mbg-nbd-predictions.ts';
export { fitBgBb, bgBbLogLikelihood, DEFAULT_BG_BB } from './bg-bb.ts';
export type { BgBbFit, BgBbOptions, BgBbParams } from './bg-bb.ts';
export { prepareBgBbRows } from './bg-bb-input.ts';
export type { BgBbData, BgBbHistory, BgBbRows } from './bg-bb-input.ts';
export {
  bgBbConditionalExpectedPurchases, bgBbExpectedPurchases, bgBbProbabilityAlive, bgBbPurchaseProbability,
} from './bg-bb-predictions.ts';
export {
  checkSurvivalCounts, fitShiftedBetaGeometric, shiftedBetaGeometricLogLikelihood, DEFAULT_SHIFTED_BETA_GEOMETRIC,
} from './shifted-beta-geometric.ts';
export type { ShiftedBetaGeometricFit, ShiftedBetaGeometricOptions, ShiftedBetaGeometricParams } from './shifted-beta-geometric.ts';
export {
  discountedExpectedResidualLifetime, shiftedBetaGeometricRetention, shiftedBetaGeometricSurvival,
} from './shifted-beta-geometric-projections.ts';
export { fitGgomNbd, ggomNbdCustomer, ggomNbdLogLikelihood, DEFAULT_GGOM_NBD } from './ggom-nbd.ts';
export type { GgomNbdFit, GgomNbdOptions, GgomNbdParams } from './ggom-nbd.ts';
export { ggomNbdIntegral } from './ggom-nbd-integral.ts';
export { ggomNbdProbabilityAlive } from './ggom-nbd-probability-alive.ts';
export { covariateMatrix } from './covariate-matrix.ts';
export type { CovariateMatrix, CovariateOptions, CovariateTable } from './covariate-matrix.ts';
export { covariateLogLikelihood } from './covariate-likelihood.ts';
export type { CovariateModel, CovariatePenalty, CovariateSets, CustomerLogLikelihood } from './covariate-likelihood.ts';
export { checkCovariateSets, covariateFitResult, covariatePenalty, fitWithCovariates, DEFAULT_COVARIATE_FIT } from './covariate-fit.ts';
export type { CovariateFit, CovariateFitOptions } from './covariate-fit.ts';
export { fitParetoNbdCovariates, paretoNbdCovariatesLogLikelihood, PARETO_NBD_COVARIATE_MODEL } from './pareto-nbd-covariates.ts';
export type { ParetoNbdCovariatesFit, ParetoNbdCovariatesOptions } from './pareto-nbd-covariates.ts';
export { fitBgNbdCovariates, bgNbdCovariatesLogLikelihood, BG_NBD_COVARIATE_MODEL } from './bg-nbd-covariates.ts';
export type { BgNbdCovariatesFit, BgNbdCovariatesOptions } from './bg-nbd-covariates.ts';
export { covariateCustomerFit } from './covariate-customer-fit.ts';
export { prepareDynamicCovariates } from './dynamic-covariates.ts';
export type { DynamicCovariateHistories, DynamicCovariates, DynamicCovariateSet, DynamicRows } from './dynamic-covariates.ts';
export { dynamicCovariateSet } from './dynamic-covariate-set.ts';
export type { DynamicCovariateTable } from './dynamic-covariate-set.ts';
export { fitParetoNbdDynamic, paretoNbdDynamicLogLikelihood } from './pareto-nbd-dynamic.ts';
export type { ParetoNbdDynamicFit, ParetoNbdDynamicOptions } from './pareto-nbd-dynamic.ts';
// end BTYD family (issue 15)
