// The forecaster of a `--model` spec for `clvlab predict`: the registry (model-registry.ts)
// checks the name and its overrides; the BTYD models get the forecaster that reads their own
// purchase curve, every other model the generic one. A model added to the registry works here
// without editing this file.
import { modelEntry } from '../models/model-registry.ts';
import { btydForecaster } from './btyd-forecaster.ts';
import type { Forecaster } from './forecaster.ts';
import { modelForecaster } from './model-forecaster.ts';

/** Registered bases with a purchase-process model, and which one. */
const BTYD_KINDS: Readonly<Record<string, 'bgnbd' | 'pareto-nbd'>> = Object.freeze({
  'bgnbd-gg': 'bgnbd',
  'pareto-nbd-gg': 'pareto-nbd',
});

/** A forecaster for `spec`; unknown models and models that need ground truth or customer attributes are one-line errors. */
export function createForecaster(spec: string): Forecaster {
  const entry = modelEntry(spec);
  if (entry.needsTruth)
    throw new Error(
      `benchmark/predict: '${spec}' needs the synthetic generator's ground truth, which real customers do not have`,
    );
  if (entry.needsCovariates)
    throw new Error(
      `benchmark/predict: '${spec}' needs customer attributes, which predict does not read; use bench on a dataset with them (ingest --customers FILE)`,
    );
  const kind = BTYD_KINDS[entry.base];
  return kind === undefined ? modelForecaster(entry) : btydForecaster(entry, kind);
}
