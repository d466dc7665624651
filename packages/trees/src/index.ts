// @clvlab/trees: histogram gradient-boosted trees, random forest, one decision tree and
// TreeSHAP, hand-written on typed arrays (README.md says why). Browser-safe: no `node:` import;
// the fitters that build histograms on worker threads are in `@clvlab/trees/node` (node.ts).
export { binMatrix, applyBins, DEFAULT_BIN_MATRIX, MISSING_BIN, HISTOGRAM_BINS } from './bin-matrix.ts';
export type { BinnedMatrix, BinMatrixOptions, FeatureColumns } from './bin-matrix.ts';
export { buildHistogram, gatherGradients, subtractHistogram, FEATURE_STRIDE } from './build-histogram.ts';
export type { HistogramInput } from './build-histogram.ts';
export { fitGbdt, DEFAULT_GBDT } from './fit-gbdt.ts';
export type { GbdtModel, GbdtOptions, GbdtConfig } from './fit-gbdt.ts';
export { GBDT_OBJECTIVES } from './objectives.ts';
export type { GbdtObjective } from './objectives.ts';
export { fitRandomForest, DEFAULT_RANDOM_FOREST } from './fit-random-forest.ts';
export type { RandomForestModel, RandomForestOptions, RandomForestConfig } from './fit-random-forest.ts';
export { fitDecisionTree, DEFAULT_DECISION_TREE } from './fit-decision-tree.ts';
export type { DecisionTreeModel, DecisionTreeOptions, DecisionTreeConfig } from './fit-decision-tree.ts';
export type { AveragedTreeObjective, AveragedTreesModel } from './fit-averaged-trees.ts';
export { treeShap, treeMeanValue } from './tree-shap.ts';
export { treeRules, formatTreeRules } from './tree-rules.ts';
export type { TreeRule, RuleCondition, RuleSource } from './tree-rules.ts';
export { treeDepth } from './tree.ts';
export type { Tree } from './tree.ts';
export type { TreeEnsemble, FeatureInput, ModelKind } from './tree-ensemble.ts';
