// The fitters with histograms built on worker threads (@clvlab/trees/node): the same steps as
// fitGbdt and fitRandomForest, driven by runOnWorkers, so the model is bit-identical to the
// in-thread one for every `workers` count; only the wall-clock time differs. Asynchronous
// because worker threads answer through messages.
import { gbdtConfig, gbdtSteps, type GbdtModel, type GbdtOptions } from './fit-gbdt.ts';
import {
  randomForestConfig,
  randomForestSteps,
  type RandomForestModel,
  type RandomForestOptions,
} from './fit-random-forest.ts';
import { runOnWorkers } from './run-on-workers.ts';
import type { FeatureInput } from './tree-ensemble.ts';

/** fitGbdt with `workers` histogram threads (0 = one per core, 1 = this thread only). */
export async function fitGbdtAsync(
  x: FeatureInput,
  y: ArrayLike<number>,
  options: GbdtOptions = {},
): Promise<GbdtModel> {
  const config = gbdtConfig(options);
  return runOnWorkers(config.workers, (threads) => gbdtSteps(x, y, config, options.valid, threads));
}

/** fitRandomForest with `workers` histogram threads (0 = one per core, 1 = this thread only). */
export async function fitRandomForestAsync(
  x: FeatureInput,
  y: ArrayLike<number>,
  options: RandomForestOptions = {},
): Promise<RandomForestModel> {
  const config = randomForestConfig(options);
  return runOnWorkers(config.workers, (threads) => randomForestSteps(x, y, config, threads));
}
