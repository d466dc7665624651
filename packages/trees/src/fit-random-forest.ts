// Random forest (Breiman 2001, "Random Forests", Machine Learning 45): bootstrap-bagged
// least-squares trees, each split chosen among ⌊√p⌋ features drawn afresh at the node (the
// usual classification choice, asked for here for regression too), predictions averaged.
// Trees are grown on the same histogram bins as the GBDT, depth-limited and with a minimum
// leaf size instead of fully grown, which keeps 100k-row forests to seconds. fitRandomForest
// builds the histograms in this thread; fitRandomForestAsync (@clvlab/trees/node) runs the same
// steps across `workers` threads, each node's drawn features split between them (same trees).
import { checkInteger, resolveTyped } from './option-checks.ts';
import { isBinnedMatrix } from './bin-matrix.ts';
import type { FitSteps } from './build-histogram-batch.ts';
import { averagedTreesSteps, type AveragedTreeObjective, type AveragedTreesModel } from './fit-averaged-trees.ts';
import { checkInThread, runInThread } from './run-in-thread.ts';
import type { FeatureInput } from './tree-ensemble.ts';

export const DEFAULT_RANDOM_FOREST = Object.freeze({
  /** log1p-squared: a few very large spenders would otherwise dominate every squared-error split. */
  objective: 'log1p-squared' as AveragedTreeObjective,
  /** Trees averaged; the variance of the average falls as 1/trees for the uncorrelated part (100 is sklearn's default). */
  trees: 100 as number,
  /** Depth limit: deep enough for interactions, bounded so a tree on 100k rows stays fast. */
  maxDepth: 12 as number,
  /** Minimum bootstrap-weighted rows per leaf: smooths leaf means on noisy spend. */
  minSamplesLeaf: 5 as number,
  /** Features tried per split; 0 = ⌊√p⌋ (at least 1), Breiman's choice. */
  featuresPerSplit: 0 as number,
  /** Bootstrap rows per tree (n draws with replacement); false = every tree sees every row. */
  bootstrap: true as boolean,
  /** Bins per feature when x is given as raw columns. */
  maxBins: 256 as number,
  /** Seed of the bootstrap and the feature draws. */
  seed: 0 as number,
  /** Threads building histograms, this one included (0 = one per core); above 1 only fitRandomForestAsync. Any count gives the same forest. */
  workers: 1 as number,
});
export type RandomForestConfig = typeof DEFAULT_RANDOM_FOREST;
export type RandomForestOptions = Partial<RandomForestConfig>;

export interface RandomForestModel extends AveragedTreesModel {
  readonly kind: 'random-forest';
  readonly config: Readonly<RandomForestConfig>;
  /** Features tried per split, resolved (⌊√p⌋ when config.featuresPerSplit is 0). */
  readonly featuresPerSplit: number;
}

const WHERE = 'trees/fit-random-forest';

/** The resolved and checked config of random-forest options. */
export function randomForestConfig(options: RandomForestOptions): Readonly<RandomForestConfig> {
  const config = Object.freeze(resolveTyped(WHERE, DEFAULT_RANDOM_FOREST, options));
  checkInteger(WHERE, 'workers', config.workers, 0);
  return config;
}

/** Fits a random forest in this thread; deterministic for a seed. */
export function fitRandomForest(
  x: FeatureInput,
  y: ArrayLike<number>,
  options: RandomForestOptions = {},
): RandomForestModel {
  const config = randomForestConfig(options);
  checkInThread(WHERE, config.workers, 'fitRandomForestAsync');
  return runInThread(randomForestSteps(x, y, config, 1));
}

/** The forest fit as steps (FitSteps) for `threads` histogram threads. */
export function* randomForestSteps(
  x: FeatureInput,
  y: ArrayLike<number>,
  config: Readonly<RandomForestConfig>,
  threads: number,
): FitSteps<RandomForestModel> {
  const p = isBinnedMatrix(x) ? x.features : x.length;
  const featuresPerSplit = config.featuresPerSplit || Math.max(1, Math.floor(Math.sqrt(p)));
  const model = yield* averagedTreesSteps(WHERE, 'random-forest', x, y, { ...config, featuresPerSplit }, threads);
  return Object.freeze({ ...model, kind: 'random-forest' as const, config, featuresPerSplit });
}
