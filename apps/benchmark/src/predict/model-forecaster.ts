// The generic forecaster of `clvlab predict`: any registered model (supervised baselines,
// encoders, and whatever the registry gains) run as the benchmark runs it, on the temporal split
// at --as-of (forecast-split.ts): it learns from labels in the last full horizon before as-of
// (train fold, early stopping on valid) and predicts every cohort customer forward from as-of.
// Such a model gives a horizon total only, so
//   clv = margin · expected_value · (1 − e^{−δH}) / (δH)   (uniform-discount-factor.ts),
// i.e. the value is assumed to arrive uniformly over the horizon.
import { createModel, type ModelEntry } from '../models/model-registry.ts';
import type { ForecastColumns, ForecastInput, Forecaster } from './forecaster.ts';
import { uniformDiscountFactor } from './uniform-discount-factor.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The forecaster of any registered model spec. */
export function modelForecaster(entry: ModelEntry): Forecaster {
  return Object.freeze({
    name: entry.name,
    family: entry.family,
    btyd: false,
    async forecast(input: ForecastInput): Promise<ForecastColumns> {
      const { task, horizonMs, discountRate, margin } = input;
      const { split } = task;
      if (!(split.fit.featureEnd > split.start)) {
        throw new Error(
          `benchmark/predict: '${entry.name}' learns from the last full horizon before --as-of, but as-of − horizon (${iso(split.fit.featureEnd)}) ` +
            `is not after the first event (${iso(split.start)}): use a shorter --horizon or a later --as-of`,
        );
      }
      const model = createModel(entry.name, { id: input.datasetId });
      const out = await model.run(task);
      const n = split.customers.length;
      if (out.value.length !== n || out.repurchase.length !== n) {
        throw new Error(
          `benchmark/predict: '${entry.name}' returned ${out.value.length} values for ${n} cohort customers`,
        );
      }
      const factor = margin * uniformDiscountFactor(discountRate, horizonMs);
      return Object.freeze({
        expectedValue: Float64Array.from(out.value),
        clv: out.value.map((v) => v * factor),
        repurchase: Float64Array.from(out.repurchase),
        ...(out.embedding ? { embedding: out.embedding } : {}),
        info: Object.freeze({ config: model.config, discounting: 'uniform over the horizon', ...out.info }),
      });
    },
  });
}
