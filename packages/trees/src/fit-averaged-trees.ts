// The least-squares trees behind the random forest and the single decision tree (CART
// regression trees, Breiman, Friedman, Olshen & Stone 1984): each split maximises the
// reduction in the weighted sum of squares, which is the second-order gain of grow-tree.ts with
// g = w·(c − t), h = w, λ = 0 (w: bootstrap multiplicity, c: the tree's weighted mean, t the
// target), and each leaf predicts its weighted mean. For 0/1 labels ('gini') the squared-error
// reduction is half the Gini-impurity reduction, so the splits are those of a Gini
// classification tree and a leaf holds the fraction of positives. The model averages the
// trees' leaf values (the margin) and maps it back: identity, expm1 (log1p-squared) or none.
// Written as steps (FitSteps, see grow-tree.ts) so the forest can build its histograms in this
// thread (runInThread) or across worker threads (runOnWorkers) with the same trees.
import { createRng } from '@clvlab/core';
import type { FitSteps } from './build-histogram-batch.ts';
import { labelArray, trainingMatrix } from './fit-gbdt.ts';
import { TreeGrower, type GrowParams } from './grow-tree.ts';
import { checkInteger } from './option-checks.ts';
import { allFeatures, bootstrapCounts } from './sampling.ts';
import type { Tree } from './tree.ts';
import { ensembleMargin, type FeatureInput, type ModelKind, type TreeEnsemble } from './tree-ensemble.ts';

export type AveragedTreeObjective = 'squared' | 'log1p-squared' | 'gini';
const OBJECTIVES: readonly AveragedTreeObjective[] = ['squared', 'log1p-squared', 'gini'];

export interface AveragedTreesConfig {
  readonly objective: AveragedTreeObjective;
  readonly trees: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** Features drawn per node; 0 = all. */
  readonly featuresPerSplit: number;
  readonly bootstrap: boolean;
  readonly maxBins: number;
  readonly seed: number;
}

export interface AveragedTreesModel extends TreeEnsemble {
  readonly objective: AveragedTreeObjective;
  /** Margin per row: the mean of the trees' leaf values (log1p scale for log1p-squared). */
  predictMargin(x: FeatureInput): Float64Array;
  /** Prediction per row: the margin, expm1(margin) ≥ 0 for log1p-squared, P(label = 1) for gini. */
  predict(x: FeatureInput): Float64Array;
}

function targetOf(where: string, objective: AveragedTreeObjective, y: Float64Array): Float64Array {
  if (!OBJECTIVES.includes(objective))
    throw new Error(`${where}: unknown objective '${String(objective)}' (expected one of ${OBJECTIVES.join(', ')})`);
  const rule =
    objective === 'squared'
      ? (v: number) => Number.isFinite(v)
      : objective === 'log1p-squared'
        ? (v: number) => v >= 0 && v < Infinity
        : (v: number) => v === 0 || v === 1;
  const expected =
    objective === 'squared'
      ? 'a finite number'
      : objective === 'log1p-squared'
        ? 'a finite value ≥ 0'
        : '0 or 1 (gini)';
  for (let i = 0; i < y.length; i++)
    if (!rule(y[i])) throw new Error(`${where}: label ${i} is ${y[i]}, expected ${expected}`);
  if (objective === 'gini') {
    const positives = y.reduce((a, b) => a + b, 0);
    if (positives === 0 || positives === y.length)
      throw new Error(
        `${where}: every training label is ${y[0]}: a gini classifier needs both classes (a repurchase label with a single class)`,
      );
  }
  return objective === 'log1p-squared' ? y.map(Math.log1p) : y;
}

/** Fits `trees` least-squares trees, bagged and feature-subsampled per node when asked, on `threads` histogram threads. */
export function* averagedTreesSteps(
  where: string,
  kind: ModelKind,
  x: FeatureInput,
  y: ArrayLike<number>,
  o: AveragedTreesConfig,
  threads: number,
): FitSteps<AveragedTreesModel> {
  checkInteger(where, 'trees', o.trees, 1);
  checkInteger(where, 'maxDepth', o.maxDepth, 0, 30);
  checkInteger(where, 'minSamplesLeaf', o.minSamplesLeaf, 1);
  const train = trainingMatrix(where, x, o.maxBins);
  const n = train.rows,
    p = train.features;
  checkInteger(where, 'featuresPerSplit', o.featuresPerSplit, 0, p);
  if (n < o.minSamplesLeaf)
    throw new Error(
      `${where}: ${n} training rows is fewer than minSamplesLeaf ${o.minSamplesLeaf}: no leaf could be formed`,
    );
  const t = targetOf(where, o.objective, labelArray(where, y, n));
  const rng = createRng(o.seed, 3);
  const grower = new TreeGrower(train, threads);
  const counts = new Float64Array(n).fill(1);
  const gh = new Float64Array(2 * n);
  const rows = grower.rows;
  const features = allFeatures(p);
  const trees: Tree[] = [];
  for (let k = 0; k < o.trees; k++) {
    if (o.bootstrap) bootstrapCounts(n, rng, counts);
    let rowCount = 0,
      w = 0,
      wt = 0,
      wtt = 0;
    for (let i = 0; i < n; i++) {
      const c = counts[i];
      if (c === 0) continue;
      rows[rowCount++] = i;
      w += c;
      wt += c * t[i];
      wtt += c * t[i] * t[i];
    }
    const centre = wt / w;
    for (let k2 = 0; k2 < rowCount; k2++) {
      const i = rows[k2];
      gh[2 * i] = counts[i] * (centre - t[i]);
      gh[2 * i + 1] = counts[i];
    }
    const params: GrowParams = {
      maxDepth: o.maxDepth,
      lambda: 0,
      minChildWeight: o.minSamplesLeaf,
      // a reduction below 1e-12 of Σ w·t² is rounding, not signal (constant targets stay one leaf)
      minGain: 1e-12 * wtt + Number.MIN_VALUE,
      leafScale: 1,
      leafOffset: centre,
      featuresPerNode: o.featuresPerSplit,
    };
    trees.push(yield* grower.grow(gh, rowCount, features, params, rng));
  }
  const response = o.objective === 'log1p-squared' ? (m: number) => Math.max(0, Math.expm1(m)) : (m: number) => m;
  const model: AveragedTreesModel = Object.freeze({
    kind,
    objective: o.objective,
    featureNames: train.names,
    edges: train.edges,
    trees: Object.freeze(trees),
    baseMargin: 0,
    treeScale: 1 / trees.length,
    predictMargin: (input: FeatureInput) => ensembleMargin(`${where}/predictMargin`, model, input),
    predict: (input: FeatureInput) => ensembleMargin(`${where}/predict`, model, input).map(response),
  });
  return model;
}
