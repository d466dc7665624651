// behavior-encoder/training: training and prediction: Adam, the trainer, data-parallel gradients and their worker.
export { AdamOptimizer, scheduledLearningRate } from './adam-optimizer.ts';
export { trainEncoder, trainEncoderFromStore, trainFromSource } from './train-encoder.ts';
export type { StoreTrainingOptions } from './train-encoder.ts';
export { ParallelGradients } from './parallel-gradients.ts';
export type { TrainedEncoder } from './train-encoder.ts';
export { predictEncoder, predictEncoderFromStore } from './predict-encoder.ts';
export type { EncoderPrediction, StorePredictOptions, StorePrediction } from './predict-encoder.ts';
