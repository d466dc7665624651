// @clvlab/sessions: sessions, the evaluation split and labels, prepareDataset and the model
// contract, browser-safe (no `node:` import at load; packages/core/tests/browser-safe-entries.test.ts).
// The prepared dataset's store and the sessions.csv writer are in `@clvlab/sessions/node`.
export { DATASET_SPLITS, datasetSplit } from './dataset-splits.ts';
export { DEFAULT_SPLIT, endOfData, evaluationFolds, evaluationSplit } from './evaluation-split.ts';
export type { SplitOptions } from './evaluation-split.ts';
export { cohortRows, labelWindow } from './label-window.ts';
export { Fold } from './model-task.ts';
export type {
  BenchModel,
  FeatureTable,
  LabelWindow,
  ModelOutput,
  ModelTask,
  SearchDimension,
  SearchSpace,
  Split,
} from './model-task.ts';
export { sessionTable } from './session-table.ts';
export type { SessionTable } from './session-table.ts';
export { countSessions, DEFAULT_GAP_MS, splitSessions } from './split-sessions.ts';
export { clvlabVersion, DEFAULT_PREPARE, prepareDataset } from './prepare-dataset.ts';
export type { PreparedAttributes, PreparedDataset, PreparedFeatures, PrepareOptions } from './prepare-dataset.ts';
export type { CustomerAttributeTable, StoredPreparedDataset } from './prepared-dataset-store.ts';
