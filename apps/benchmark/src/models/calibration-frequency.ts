// `calibration-frequency`: a deliberately simple reference model kept beside the published
// baselines as a floor any serious model must beat. Value = k · x, where x is the number of
// purchases (or purchase value units, per the log's target) a customer made in the feature
// window and k is the least-squares slope through the origin fitted on train customers
// (k = Σ x·y / Σ x²). Repurchase = 1 − exp(−λ·horizon), with λ the customer's calibration
// purchase rate (purchases per ms since their first purchase, at least one day of history):
// a Poisson process with the observed rate, no dropout.
import { EventType } from '@clvlab/events';
import { Fold } from '@clvlab/sessions';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';

export const DEFAULT_CALIBRATION_FREQUENCY = Object.freeze({
  /** Shortest history used for a customer's rate, so a one-day customer's rate stays finite (ms). */
  minHistoryMs: 86_400_000,
});

export type CalibrationFrequencyConfig = typeof DEFAULT_CALIBRATION_FREQUENCY;

/** Purchases in [start, end) and time of first purchase per cohort customer. */
function purchaseCounts(task: ModelTask, end: number): { count: Float64Array; first: Float64Array } {
  const { log, offsets, split } = task;
  const n = split.customers.length;
  const count = new Float64Array(n);
  const first = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const c = split.customers[i];
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const t = log.t[e];
      if (t >= end) break; // events are sorted by time within a customer
      if (t < split.start || log.type[e] !== EventType.purchase) continue;
      count[i]++;
      if (Number.isNaN(first[i])) first[i] = t;
    }
  }
  return { count, first };
}

/** Creates the `calibration-frequency` reference model. */
export function createCalibrationFrequencyModel(config: Partial<CalibrationFrequencyConfig> = {}): BenchModel {
  for (const k of Object.keys(config)) {
    if (!(k in DEFAULT_CALIBRATION_FREQUENCY)) throw new Error(`benchmark/calibration-frequency: unknown config key '${k}'`);
  }
  const resolved = Object.freeze({ ...DEFAULT_CALIBRATION_FREQUENCY, ...config });
  return {
    name: 'calibration-frequency',
    config: resolved,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { split } = task;
      const fit = purchaseCounts(task, split.fit.featureEnd);
      let sxy = 0, sxx = 0;
      for (let i = 0; i < split.customers.length; i++) {
        if (split.fold[i] !== Fold.train) continue;
        sxy += fit.count[i] * split.fit.target[i];
        sxx += fit.count[i] * fit.count[i];
      }
      if (sxx === 0) throw new Error('benchmark/calibration-frequency: no train customer has a purchase in the fit window');
      const k = sxy / sxx;
      const score = purchaseCounts(task, split.score.featureEnd);
      const n = split.customers.length;
      const value = new Float64Array(n);
      const repurchase = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        value[i] = Math.max(0, k * score.count[i]);
        const history = Number.isNaN(score.first[i]) ? resolved.minHistoryMs : Math.max(resolved.minHistoryMs, split.score.featureEnd - score.first[i]);
        repurchase[i] = 1 - Math.exp(-(score.count[i] / history) * split.horizon);
      }
      task.progress?.(1, 'done');
      return Object.freeze({ value, repurchase, info: Object.freeze({ slope: k }) });
    },
  };
}
