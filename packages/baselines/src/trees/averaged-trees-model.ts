// `random-forest` and `decision-tree` benchmark models (@clvlab/trees): Breiman's (2001) bagged
// forest with √p features per split, and one depth-4 CART tree (readable as rules in the report),
// both on log1p(value) (squared error: splits not driven by a handful of very large spenders) over
// the engineered feature table (tree-features.ts), fitted on the fit window's TRAIN fold. The
// back-transform expm1 of a mean log predicts a geometric mean, biased low; it is calibrated by
// the ratio Σ y / Σ ŷ on the train fold (as rfm-linear does). Repurchase: as gbdt-model.ts.
import { resolveOptions } from '@clvlab/core';
import {
  DEFAULT_DECISION_TREE,
  DEFAULT_RANDOM_FOREST,
  fitDecisionTree,
  fitRandomForest,
  formatTreeRules,
} from '@clvlab/trees';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { treeModelOutput } from './tree-explanations.ts';
import { labelsOf, trainingMatrix, treeFeatures } from './tree-features.ts';

export const DEFAULT_RANDOM_FOREST_MODEL: Readonly<{ trees: number; maxDepth: number; minSamplesLeaf: number }> =
  Object.freeze({
    /** sklearn's default count; more trees only lower the variance of the average. */
    trees: DEFAULT_RANDOM_FOREST.trees,
    maxDepth: DEFAULT_RANDOM_FOREST.maxDepth,
    minSamplesLeaf: DEFAULT_RANDOM_FOREST.minSamplesLeaf,
  });
export const DEFAULT_DECISION_TREE_MODEL: Readonly<{ maxDepth: number; minSamplesLeaf: number }> = Object.freeze({
  /** Depth 4: at most 16 leaves, a tree a marketer can read. */
  maxDepth: DEFAULT_DECISION_TREE.maxDepth,
  minSamplesLeaf: DEFAULT_DECISION_TREE.minSamplesLeaf,
});

/** Ratio Σ y / Σ ŷ over the train rows (1 when ŷ sums to 0). */
function ratio(y: Float64Array, fitted: Float64Array): number {
  let sy = 0,
    sp = 0;
  for (let i = 0; i < y.length; i++) {
    sy += y[i];
    sp += fitted[i];
  }
  return sp > 0 ? sy / sp : 1;
}

/** Creates random-forest or decision-tree (see header). */
export function averagedTreesModel(
  kind: 'random-forest' | 'decision-tree',
  config: Record<string, unknown> = {},
): BenchModel {
  const forest = kind === 'random-forest';
  const c = forest
    ? resolveOptions(`baselines/${kind}`, DEFAULT_RANDOM_FOREST_MODEL, config, { coerce: true })
    : resolveOptions(`baselines/${kind}`, DEFAULT_DECISION_TREE_MODEL, config, { coerce: true });
  return Object.freeze({
    name: kind,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const f = treeFeatures(task, false, `baselines/${kind}`);
      const x = trainingMatrix(f, f.trainRows),
        y = labelsOf(task.split.fit.target, f.trainRows);
      task.progress?.(0.1, forest ? 'growing the forest' : 'growing the tree');
      const model = forest
        ? fitRandomForest(x, y, { ...c, objective: 'log1p-squared', seed: task.seed })
        : fitDecisionTree(x, y, { ...c, objective: 'log1p-squared' });
      const k = ratio(y, model.predict(x));
      const value = model.predict(f.score).map((v) => k * v);
      return treeModelOutput(task, f, model, value, y, {
        calibration: k,
        ...(forest ? {} : { rules: formatTreeRules(model, { digits: 3 }) }),
      });
    },
  });
}
