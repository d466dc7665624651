// @clvlab/decisions: from predictions to decisions (issue 14). Contact-campaign profit curves
// in the KDD Cup 98 framing with a paired bootstrap of best-k profit, the budget view, uplift
// evaluation on a randomized campaign (Qini curve, incremental profit, T-learner difference),
// linear probes and look-alike lift of customer embeddings, and state transition matrices.
// Pure functions over typed arrays; the app wires them into the record and the report.
export { profitCurve, DEFAULT_PROFIT } from './profit-curve.ts';
export type { ProfitCurve, ProfitOptions, ProfitSettings } from './profit-curve.ts';
export { pairedProfitBootstrap } from './paired-profit-bootstrap.ts';
export type { BestProfit, PairedProfitDifference } from './paired-profit-bootstrap.ts';
export type { BootstrapSettings } from './bootstrap-summary.ts';
export { budgetCapture } from './budget-capture.ts';
export type { BudgetCapture, BudgetOptions } from './budget-capture.ts';
export { qiniCurve } from './qini-curve.ts';
export type { QiniCurve } from './qini-curve.ts';
export { incrementalProfit, DEFAULT_INCREMENTAL_PROFIT } from './incremental-profit.ts';
export type { IncrementalProfit, IncrementalProfitSettings } from './incremental-profit.ts';
export { tLearnerUplift } from './t-learner-uplift.ts';
export { linearProbe, DEFAULT_PROBE } from './linear-probe.ts';
export type { LinearProbe, ProbeKind, ProbeSettings } from './linear-probe.ts';
export { lookalikeLift, DEFAULT_LOOKALIKE } from './lookalike-lift.ts';
export type { LookalikeLift, LookalikeOptions, LookalikeSettings } from './lookalike-lift.ts';
export { transitionMatrix, transitionMatrixCsv } from './transition-matrix.ts';
export type { StateList, TransitionMatrix } from './transition-matrix.ts';
