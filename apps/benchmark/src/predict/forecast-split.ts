// The split `clvlab predict` hands to models: the temporal protocol (docs/architecture.md
// §Evaluation split) moved to --as-of, with no holdout. evaluationSplit itself refuses a
// holdout that runs past the data (labels would be truncated), which is the point here, so
// the split is assembled from its parts:
//   cohort  customers with ≥ 1 purchase in [start, as-of) (the caller's calibrationCohort);
//   fold    evaluationFolds(ids, cohort, seed, [0.8, 0.2, 0]): train and valid (early stopping),
//           no test fold: nothing is scored against labels, every cohort customer is predicted;
//   fit     labels in [as-of − horizon, as-of), features before as-of − horizon;
//   score   [as-of, as-of + horizon) without labels: NaN targets, repurchase 0 (as a sealed test
//           fold's), so a model that read them would show it.
import { evaluationFolds, labelWindow, type LabelWindow, type Split } from '@clvlab/sessions';
import type { EventLog } from '@clvlab/events';

/** Train / valid / test shares: 80/20 for training and early stopping, no test fold. */
export const FORECAST_FRACTIONS: readonly [number, number, number] = Object.freeze([0.8, 0.2, 0]) as readonly [
  number,
  number,
  number,
];

/** The temporal split at `asOf` (see header); reads only events before as-of. */
export function forecastSplit(
  log: EventLog,
  customers: Int32Array,
  start: number,
  asOf: number,
  horizonMs: number,
  seed: number,
): Split {
  const fold = evaluationFolds(log.customerIds, customers, seed, FORECAST_FRACTIONS);
  const fit = labelWindow(log, customers, asOf - horizonMs, asOf);
  const score: LabelWindow = Object.freeze({
    featureEnd: asOf,
    labelEnd: asOf + horizonMs,
    target: new Float64Array(customers.length).fill(Number.NaN),
    repurchase: new Uint8Array(customers.length),
  });
  return Object.freeze({ protocol: 'temporal', start, cutoff: asOf, horizon: horizonMs, customers, fold, fit, score });
}
