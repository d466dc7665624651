// The feature matrices the tree models (gbdt, random-forest, decision-tree, two-stage) learn
// from and predict with: @clvlab/features' engineered table (every column documented in its
// README) at split.fit.featureEnd for learning and at split.score.featureEnd for scoring, the
// score table restricted to the fit table's columns and its RFM tier cuts fitted on the train
// fold only; `+social` appends the graph columns known at each window's cutoff (task.graphFit ??
// task.graph for fit, task.graph for score, as every +social model reads them). Missing values
// stay NaN: the trees route them (packages/trees README). Rows: train and valid folds of the fit
// window (valid = early stopping); the test fold's fit-window targets are NaN in a sealed task and
// are never used.
import { engineeredFeatures, withSocialFeatures } from '@clvlab/features';
import { binMatrix } from '@clvlab/trees';
import type { BinnedMatrix } from '@clvlab/trees';
import type { EngineeredFeatures, OmittedFeature } from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import type { FeatureTable, ModelTask } from '@clvlab/sessions';

export interface TreeFeatureSet {
  readonly names: readonly string[];
  /** Fit-window columns, every cohort row. */
  readonly fit: readonly Float64Array[];
  /** Score-window columns, every cohort row, same names. */
  readonly score: readonly Float64Array[];
  readonly trainRows: Int32Array;
  readonly validRows: Int32Array;
  readonly testRows: Int32Array;
  readonly omitted: readonly OmittedFeature[];
}

const rowsOf = (fold: Uint8Array, f: number): Int32Array =>
  Int32Array.from(Array.from(fold.keys()).filter((i) => fold[i] === f));

/** The engineered features of a task's two windows (see header). */
export function treeFeatures(task: ModelTask, social: boolean, where: string): TreeFeatureSet {
  const { split } = task;
  const trainRows = rowsOf(split.fold, Fold.train),
    validRows = rowsOf(split.fold, Fold.valid),
    testRows = rowsOf(split.fold, Fold.test);
  if (trainRows.length === 0) throw new Error(`${where}: no train-fold customers to learn from`);
  let fit: EngineeredFeatures = engineeredFeatures(task, split.fit.featureEnd, { tierRows: trainRows });
  let score: EngineeredFeatures = engineeredFeatures(task, split.score.featureEnd, {
    names: fit.names,
    tierCuts: fit.tierCuts,
  });
  if (social) {
    const graphScore: FeatureTable | undefined = task.graph,
      graphFit = task.graphFit ?? task.graph;
    if (!graphScore || !graphFit)
      throw new Error(`${where}: +social needs the task's graph features, but the dataset has none`);
    fit = withSocialFeatures(fit, graphFit);
    score = withSocialFeatures(score, graphScore);
  }
  return Object.freeze({
    names: fit.names,
    fit: fit.columns,
    score: score.columns,
    trainRows,
    validRows,
    testRows,
    omitted: fit.omitted,
  });
}

/** The training matrix of `rows`, binned once with the feature names (so importances and rules name features). */
export function trainingMatrix(f: TreeFeatureSet, rows: Int32Array): BinnedMatrix {
  return binMatrix(selectRows(f.fit, rows), f.names);
}

/** The columns restricted to `rows` (the training or early-stopping matrix). */
export function selectRows(columns: readonly Float64Array[], rows: Int32Array): Float64Array[] {
  return columns.map((col) => Float64Array.from(rows, (r) => col[r]));
}

/** The labels of `rows` from a target column. */
export function labelsOf(target: Float64Array | Uint8Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => target[r]);
}

/** Cohort row → customer id. */
export function customerOf(task: ModelTask): (row: number) => string {
  return (row) => task.log.customerIds[task.split.customers[row]];
}
