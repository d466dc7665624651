// One depth-limited CART regression tree (Breiman, Friedman, Olshen & Stone 1984, ch. 8) on the
// histogram bins: every feature tried at every node, no bagging. It is the readable model of the
// benchmark: treeRules / formatTreeRules turn it into the rules the report draws.
import { resolveTyped } from './option-checks.ts';
import { averagedTreesSteps, type AveragedTreeObjective, type AveragedTreesModel } from './fit-averaged-trees.ts';
import { runInThread } from './run-in-thread.ts';
import type { Tree } from './tree.ts';
import type { FeatureInput } from './tree-ensemble.ts';

export const DEFAULT_DECISION_TREE = Object.freeze({
  /** log1p-squared, as the forest: splits not driven by a handful of very large spenders. */
  objective: 'log1p-squared' as AveragedTreeObjective,
  /** Depth 4 (the design's choice): at most 16 leaves, still readable as rules in a report. */
  maxDepth: 4 as number,
  /** A leaf describes at least this many customers, so each rule is a segment, not an anecdote. */
  minSamplesLeaf: 20 as number,
  /** Bins per feature when x is given as raw columns. */
  maxBins: 256 as number,
});
export type DecisionTreeConfig = typeof DEFAULT_DECISION_TREE;
export type DecisionTreeOptions = Partial<DecisionTreeConfig>;

export interface DecisionTreeModel extends AveragedTreesModel {
  readonly kind: 'decision-tree';
  readonly config: Readonly<DecisionTreeConfig>;
  /** The one tree (also trees[0]). */
  readonly tree: Tree;
}

const WHERE = 'trees/fit-decision-tree';

/** Fits one decision tree (deterministic: no randomness involved). */
export function fitDecisionTree(
  x: FeatureInput,
  y: ArrayLike<number>,
  options: DecisionTreeOptions = {},
): DecisionTreeModel {
  const config = Object.freeze(resolveTyped(WHERE, DEFAULT_DECISION_TREE, options));
  const model = runInThread(
    averagedTreesSteps(
      WHERE,
      'decision-tree',
      x,
      y,
      { ...config, trees: 1, featuresPerSplit: 0, bootstrap: false, seed: 0 },
      1,
    ),
  );
  return Object.freeze({ ...model, kind: 'decision-tree' as const, config, tree: model.trees[0] });
}
