// `calibration-frequency`: a deliberately simple reference model kept beside the published
// baselines as a floor any serious model must beat. Value = k · x, where x is the RFM frequency
// of the history kernel (@clvlab/features: distinct purchase days in the feature window, the
// number every RFM model reads) and k is the least-squares slope through the origin fitted on
// train customers (k = Σ x·y / Σ x²). Repurchase = 1 − exp(−λ·horizon), with λ the customer's
// calibration purchase rate (purchase days per ms over the days observed, first purchase day to
// the last feature day inclusive, as historical-rate counts them): a Poisson process with the
// observed rate, no dropout.
import { resolveOptions } from '@clvlab/core';
import { rfmFeatures } from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';

export const DEFAULT_CALIBRATION_FREQUENCY = Object.freeze({
  /** Shortest history used for a customer's rate, so a one-day customer's rate stays finite (ms). */
  minHistoryMs: 86_400_000,
});

export type CalibrationFrequencyConfig = typeof DEFAULT_CALIBRATION_FREQUENCY;

const DAY_MS = 86_400_000;

/** Creates the `calibration-frequency` reference model. */
export function createCalibrationFrequencyModel(config: Partial<CalibrationFrequencyConfig> = {}): BenchModel {
  const resolved = resolveOptions('benchmark/calibration-frequency', DEFAULT_CALIBRATION_FREQUENCY, config, {
    coerce: true,
  });
  return {
    name: 'calibration-frequency',
    config: resolved,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { split } = task;
      const fit = rfmFeatures(task, split.fit.featureEnd).frequency;
      let sxy = 0,
        sxx = 0;
      for (let i = 0; i < split.customers.length; i++) {
        if (split.fold[i] !== Fold.train) continue;
        sxy += fit[i] * split.fit.target[i];
        sxx += fit[i] * fit[i];
      }
      if (sxx === 0)
        throw new Error('benchmark/calibration-frequency: no train customer has a purchase in the fit window');
      const k = sxy / sxx;
      const score = rfmFeatures(task, split.score.featureEnd);
      const n = split.customers.length;
      const value = new Float64Array(n);
      const repurchase = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = score.frequency[i],
          sinceFirst = score.history.daysSinceFirst[i];
        value[i] = Math.max(0, k * x);
        const history = Number.isNaN(sinceFirst)
          ? resolved.minHistoryMs
          : Math.max(resolved.minHistoryMs, (sinceFirst + 1) * DAY_MS);
        repurchase[i] = 1 - Math.exp(-(x / history) * split.horizon);
      }
      task.progress?.(1, 'done');
      return Object.freeze({ value, repurchase, info: Object.freeze({ slope: k }) });
    },
  };
}
