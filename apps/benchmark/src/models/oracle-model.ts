// `oracle`: on synthetic data the generator knows each customer's expected holdout value
// and repurchase probability from the latent parameters (@clvlab/synth truth). Scoring it
// like any model gives the ceiling no model can be expected to beat on that data.
import type { BenchModel, ModelOutput } from '@clvlab/sessions';
import type { DatasetPayload } from '../runner/cell-protocol.ts';

/** Creates the oracle model for a dataset that carries synthetic ground truth. */
export function createOracleModel(dataset: Pick<DatasetPayload, 'id' | 'oracle'>): BenchModel {
  const truth = dataset.oracle;
  return {
    name: 'oracle',
    config: Object.freeze({ source: 'synthetic ground truth (truth.oracle, truth.oracleRepurchase)' }),
    async run(task): Promise<ModelOutput> {
      if (!truth)
        throw new Error(`benchmark/oracle: dataset '${dataset.id}' has no ground truth (only synthetic data does)`);
      if (truth.value.length !== task.split.customers.length) {
        throw new Error(
          `benchmark/oracle: truth has ${truth.value.length} rows for ${task.split.customers.length} cohort customers`,
        );
      }
      return Object.freeze({ value: Float64Array.from(truth.value), repurchase: Float64Array.from(truth.repurchase) });
    },
  };
}
