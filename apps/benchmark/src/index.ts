// @clvlab/benchmark as a library: run a benchmark, write and read its record, build reports.
// The CLI (main.ts) is a thin layer over these.
export { runBench, modelsFor } from './runner/run-bench.ts';
export type { BenchCell, BenchOptions, BenchRun } from './runner/run-bench.ts';
export type { RecordDataset } from './runner/record-dataset.ts';
export type { RecordLog, RecordPayload } from './runner/cell-protocol.ts';
export { createCellPool } from './runner/cell-pool.ts';
export type { CellPool, CellSlot } from './runner/cell-pool.ts';
export { CellStore, cellKey } from './runner/cell-store.ts';
export type { CellIdentity, StoredCell } from './runner/cell-store.ts';
export { codeVersion } from './runner/code-version.ts';
export type { CodeVersion } from './runner/code-version.ts';
export { writeFileAtomic } from '@clvlab/core/node';
export { stableStringify } from '@clvlab/core';
export { loadBenchDataset, splitSummary } from './datasets/load-bench-dataset.ts';
export type { BenchDataset, LoadDatasetOptions } from './datasets/load-bench-dataset.ts';
export { DATASET_SOURCES, sharedDataPath } from './datasets/dataset-sources.ts';
export { repoRoot, sharedDataDir } from './datasets/repo-paths.ts';
export { createModel, modelCatalog, modelEntry } from './models/model-registry.ts';
export type { ModelEntry, ModelFamily } from './models/model-registry.ts';
export { createCalibrationFrequencyModel, DEFAULT_CALIBRATION_FREQUENCY } from './models/calibration-frequency.ts';
export { computeResults } from './record/compute-results.ts';
export type {
  BenchResults,
  MetricsRow,
  PairedRow,
  PrimaryComparison,
  SegmentRow,
  SelectionRow,
} from './record/compute-results.ts';
export { writeRecord, predictionsCsv, predictionsCsvChunks } from './record/write-record.ts';
export { METRICS_CSV_HEADER, PREDICTIONS_CSV_HEADER } from './record/csv-format.ts';
export { readRecord, parsePredictionsCsv } from './report/read-record.ts';
export type { BenchRecord, PredictionSeries } from './report/read-record.ts';
export { buildReport } from './report/build-report.ts';
export {
  btydTable,
  campaignTable,
  comparisonTable,
  decisionTable,
  deltaText,
  embeddingTable,
  leaderboard,
  leaderboardTable,
  manifestSummary,
  primaryComparison,
  readingNotes,
  segmentTable,
  sequenceContributionTable,
  treeInfos,
  tuningTable,
  whyTable,
  fmt,
} from './report/report-tables.ts';
export { markdownTable } from './report/report-markdown.ts';
