// @clvlab/behavior-encoder: TensorFlow.js behavior encoders with a ZILN head — what the rest of
// clvlab and outside users call. The internals (kernels, network, data, training) are in
// src/<concern>/ with one index each; the package's own tests reach them through internal.ts.
export { backendInfo, initBackend } from './adapters/backend.ts';
export type { BackendInfo, BackendName, BackendPreference } from './adapters/backend.ts';
export {
  DEFAULT_ENCODER_CONFIG,
  ENCODER_PRESETS,
  parseConfigAssignments,
  resolveEncoderConfig,
} from './adapters/encoder-config.ts';
export type { Architecture, EncoderConfig, SessionMixer } from './adapters/encoder-config.ts';
export { createEncoderModel, ENCODER_MODEL_NAMES } from './adapters/encoder-model.ts';
export type { EncoderModelName, EncoderModelOptions } from './adapters/encoder-model.ts';
export { ENCODER_SEARCH_SPACES } from './adapters/encoder-search-spaces.ts';
export { loadEncoder, saveEncoder } from './adapters/save-encoder.ts';
export { writeEmbeddings } from './adapters/write-embeddings.ts';
export type { EmbeddingSummary } from './adapters/write-embeddings.ts';
export { writeEmbeddingsFromStore } from './adapters/write-store-embeddings.ts';
export type { StoreEmbeddingSummary } from './adapters/write-store-embeddings.ts';
export { buildStaticFeatures } from './data/static-features.ts';
export type { StaticFeatures } from './data/static-features.ts';
export { hashStoreEventLog } from './data/store-dataset-hash.ts';
export { DEFAULT_BATCH_STREAM } from './data/zarr-batch-stream.ts';
export { trainEncoder, trainEncoderFromStore } from './training/train-encoder.ts';
export type { StoreTrainingOptions, TrainedEncoder } from './training/train-encoder.ts';
export { predictEncoder, predictEncoderFromStore } from './training/predict-encoder.ts';
export type { EncoderPrediction, StorePredictOptions, StorePrediction } from './training/predict-encoder.ts';
