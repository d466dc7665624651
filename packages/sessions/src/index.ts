export { Fold } from './model-task.ts';
export type { BenchModel, FeatureTable, LabelWindow, ModelOutput, ModelTask, Split } from './model-task.ts';
