// Histogram gradient-boosted trees (Friedman 2001, "Greedy function approximation: a gradient
// boosting machine"; second-order boosting as in Chen & Guestrin 2016, "XGBoost", eqs. 2–7):
// each round fits a depth-wise tree to the objective's gradients and hessians at the current
// margin, on a Bernoulli row subsample and a per-tree column subsample, and adds it shrunk by
// the learning rate. With a valid fold, the fold's metric is tracked every round and training
// stops after `earlyStoppingRounds` rounds without a strict improvement; the model keeps the
// trees up to the best round. Hyper-parameters mean what XGBoost 1.7's do (hist, depthwise;
// tests/xgboost-parity.test.ts trains both on the same data).
//
// Hand-written, not a library: no maintained JavaScript GBDT trainer exists (README), and a
// native library would break the two-command set-up and browser use.
//
// The fit is written once, as a generator (gbdtSteps) that yields its histogram batches:
// fitGbdt builds them in this thread, fitGbdtAsync (@clvlab/trees/node) across `workers`
// threads split by feature, with bit-identical trees (README §Threads).
import { createRng } from '@clvlab/core';
import { binMatrix, binnedLike, checkColumns, isBinnedMatrix, type BinnedMatrix } from './bin-matrix.ts';
import type { FitSteps } from './build-histogram-batch.ts';
import { TreeGrower, type GrowParams } from './grow-tree.ts';
import { objectiveFor, type GbdtObjective } from './objectives.ts';
import { checkInteger, checkRange, resolveTyped } from './option-checks.ts';
import { checkInThread, runInThread } from './run-in-thread.ts';
import { allFeatures, bernoulliRows, drawSubset } from './sampling.ts';
import { addTreeOutput, type Tree } from './tree.ts';
import { ensembleMargin, type FeatureInput, type TreeEnsemble } from './tree-ensemble.ts';

export const DEFAULT_GBDT = Object.freeze({
  /** Tweedie: the design's default for zero-heavy spend; log1p-squared and logistic (repurchase) also. */
  objective: 'tweedie' as GbdtObjective,
  /** Boosting rounds (an upper bound when a valid fold early-stops). */
  rounds: 200 as number,
  /** Shrinkage η. 0.1 rather than XGBoost's 0.3: smaller steps generalise better and early stopping picks the count. */
  learningRate: 0.1 as number,
  /** XGBoost's default depth. */
  maxDepth: 6 as number,
  /** L2 penalty on leaf weights (XGBoost's reg_lambda default). */
  lambda: 1 as number,
  /** Minimum Σ hessian per child (XGBoost's default). */
  minChildWeight: 1 as number,
  /** Fraction of rows per tree (Bernoulli, as XGBoost's uniform sampling); 1 = all. */
  subsample: 1 as number,
  /** Fraction of features per tree (⌊rate · p⌋, at least 1); 1 = all. */
  colsampleByTree: 1 as number,
  /** Tweedie variance power ρ ∈ [1, 2): 1.5, the usual choice for zero-heavy spend (XGBoost's default too). */
  tweedieVariancePower: 1.5 as number,
  /** Stop after this many rounds without a better valid-fold metric and keep the best round's trees (0 = off: every round kept, the metric still recorded; ignored without a valid fold). */
  earlyStoppingRounds: 20 as number,
  /** Margin before any tree; null = fitted (link of the training mean). XGBoost's base_score is its response. */
  baseMargin: null as number | null,
  /** Bins per feature when x is given as raw columns (binMatrix's maxBins). */
  maxBins: 256 as number,
  /** Seed of the row and column subsamples (unused when both rates are 1). */
  seed: 0 as number,
  /** Threads building histograms, this one included (0 = one per core); above 1 only fitGbdtAsync: starting a worker costs more than a small fit. Any count gives the same model. */
  workers: 1 as number,
});
export type GbdtConfig = typeof DEFAULT_GBDT;
export interface GbdtOptions extends Partial<GbdtConfig> {
  /** The fold that early stopping watches. */
  readonly valid?: { readonly x: FeatureInput; readonly y: ArrayLike<number> };
}

export interface GbdtModel extends TreeEnsemble {
  readonly kind: 'gbdt';
  readonly objective: GbdtObjective;
  readonly config: Readonly<GbdtConfig>;
  /** Index of the best valid-fold round (the model's last tree); the last round without a valid fold or with earlyStoppingRounds 0. */
  readonly bestIteration: number;
  /** Rounds trained (≥ bestIteration + 1 when early stopping kicked in). */
  readonly roundsTrained: number;
  /** The valid-fold metric after each trained round (empty without a valid fold). */
  readonly validLoss: Float64Array;
  /** The margin (link scale) per row. */
  predictMargin(x: FeatureInput): Float64Array;
  /** The prediction per row: expm1(margin) ≥ 0, e^margin, or σ(margin). */
  predict(x: FeatureInput): Float64Array;
}

const WHERE = 'trees/fit-gbdt';

/** Labels as a Float64Array after checking their count. */
export function labelArray(where: string, y: ArrayLike<number>, rows: number, what = 'labels'): Float64Array {
  if (y.length !== rows) throw new Error(`${where}: ${y.length} ${what} for ${rows} rows`);
  return Float64Array.from(y);
}

/** The training matrix, binned when raw columns are given. */
export function trainingMatrix(where: string, x: FeatureInput, maxBins: number): BinnedMatrix {
  if (isBinnedMatrix(x)) return x;
  checkColumns(where, x);
  return binMatrix(x, undefined, { maxBins });
}

function checkConfig(o: GbdtConfig): void {
  checkInteger(WHERE, 'rounds', o.rounds, 1);
  checkRange(WHERE, 'learningRate', o.learningRate, 0, Infinity, true);
  checkInteger(WHERE, 'maxDepth', o.maxDepth, 0, 30);
  checkRange(WHERE, 'lambda', o.lambda, 0, Infinity);
  checkRange(WHERE, 'minChildWeight', o.minChildWeight, 0, Infinity);
  checkRange(WHERE, 'subsample', o.subsample, 0, 1, true);
  checkRange(WHERE, 'colsampleByTree', o.colsampleByTree, 0, 1, true);
  if (!(o.tweedieVariancePower >= 1 && o.tweedieVariancePower < 2))
    throw new Error(`${WHERE}: tweedieVariancePower must be in [1, 2), got ${o.tweedieVariancePower}`);
  checkInteger(WHERE, 'earlyStoppingRounds', o.earlyStoppingRounds, 0);
  if (o.baseMargin !== null && !Number.isFinite(o.baseMargin))
    throw new Error(`${WHERE}: baseMargin must be finite or null, got ${o.baseMargin}`);
  checkInteger(WHERE, 'workers', o.workers, 0);
}

/** The resolved and checked config of GBDT options (the valid fold aside). */
export function gbdtConfig(options: GbdtOptions): Readonly<GbdtConfig> {
  const { valid: _valid, ...rest } = options;
  const config = Object.freeze(resolveTyped(WHERE, DEFAULT_GBDT, rest));
  checkConfig(config);
  return config;
}

/** Trains a GBDT on x (binned or raw columns) and labels y in this thread; deterministic for a seed. */
export function fitGbdt(x: FeatureInput, y: ArrayLike<number>, options: GbdtOptions = {}): GbdtModel {
  const config = gbdtConfig(options);
  checkInThread(WHERE, config.workers, 'fitGbdtAsync');
  return runInThread(gbdtSteps(x, y, config, options.valid, 1));
}

/** The GBDT fit as steps (FitSteps) for `threads` histogram threads (shared buffers above 1). */
export function* gbdtSteps(
  x: FeatureInput,
  y: ArrayLike<number>,
  config: Readonly<GbdtConfig>,
  valid: GbdtOptions['valid'],
  threads: number,
): FitSteps<GbdtModel> {
  const train = trainingMatrix(WHERE, x, config.maxBins);
  const n = train.rows,
    p = train.features;
  if (n === 0) throw new Error(`${WHERE}: no training rows`);
  const objective = objectiveFor(WHERE, config.objective, config.tweedieVariancePower);
  const t = objective.target(labelArray(WHERE, y, n));
  objective.checkTraining?.(t);
  const baseMargin = config.baseMargin ?? objective.baseMargin(t);

  const validX = valid ? binnedLike(train, valid.x) : null;
  const validT = valid ? objective.target(labelArray(`${WHERE} (valid)`, valid.y, validX!.rows, 'valid labels')) : null;
  const validMargin = validX ? new Float64Array(validX.rows).fill(baseMargin) : null;
  const validLoss: number[] = [];

  const params: GrowParams = {
    maxDepth: config.maxDepth,
    lambda: config.lambda,
    minChildWeight: config.minChildWeight,
    minGain: 1e-6,
    leafScale: config.learningRate,
    leafOffset: 0,
    featuresPerNode: 0,
  };
  const grower = new TreeGrower(train, threads);
  const margin = new Float64Array(n).fill(baseMargin);
  const gh = new Float64Array(2 * n);
  const rows = grower.rows;
  const rowRng = config.subsample < 1 ? createRng(config.seed, 1) : null;
  const colRng = createRng(config.seed, 2);
  const featurePool = allFeatures(p);
  const treeFeatures = new Int32Array(Math.max(1, Math.floor(config.colsampleByTree * p)));
  const trees: Tree[] = [];
  let best = -1,
    bestLoss = Infinity;
  for (let round = 0; round < config.rounds; round++) {
    objective.gradients(t, margin, gh);
    const rowCount = bernoulliRows(n, config.subsample, rowRng, rows);
    const features = treeFeatures.length === p ? featurePool : drawSubset(featurePool, treeFeatures, colRng);
    const tree = yield* grower.grow(gh, rowCount, features, params, null);
    trees.push(tree);
    if (rowCount === n)
      grower.addLeafValues(tree, margin); // every row is in a leaf's range
    else addTreeOutput(tree, train, margin);
    if (validX) {
      addTreeOutput(tree, validX, validMargin!);
      const loss = objective.loss(validT!, validMargin!);
      validLoss.push(loss);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = round;
      }
      if (config.earlyStoppingRounds > 0 && round - best >= config.earlyStoppingRounds) break;
    }
  }
  const bestIteration = validX && config.earlyStoppingRounds > 0 ? best : trees.length - 1;
  const kept = Object.freeze(trees.slice(0, bestIteration + 1));
  const model: GbdtModel = Object.freeze({
    kind: 'gbdt' as const,
    objective: config.objective,
    config,
    featureNames: train.names,
    edges: train.edges,
    trees: kept,
    baseMargin,
    treeScale: 1,
    bestIteration,
    roundsTrained: trees.length,
    validLoss: Float64Array.from(validLoss),
    predictMargin: (input: FeatureInput) => ensembleMargin(`${WHERE}/predictMargin`, model, input),
    predict: (input: FeatureInput) => ensembleMargin(`${WHERE}/predict`, model, input).map(objective.response),
  });
  return model;
}
