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
export { SESSIONS_CSV_HEADER, writeSessionsCsv } from './write-sessions-csv.ts';
export { clvlabVersion, DEFAULT_PREPARE, prepareDataset } from './prepare-dataset.ts';
export type { PreparedAttributes, PreparedDataset, PreparedFeatures, PrepareOptions } from './prepare-dataset.ts';
export { readPreparedDataset, writePreparedDataset } from './prepared-dataset-store.ts';
export type { CustomerAttributeTable, StoredPreparedDataset } from './prepared-dataset-store.ts';
