// behavior-encoder/adapters: what the rest of clvlab uses: the bench model, config and presets, search spaces, backends, saving, embeddings.
export { backendInfo, initBackend } from './backend.ts';
export type { BackendInfo, BackendName, BackendPreference } from './backend.ts';
export {
  DEFAULT_ENCODER_CONFIG,
  embeddingDim,
  ENCODER_PRESETS,
  parseConfigAssignments,
  resolveEncoderConfig,
  SEQUENCE_CONFIG_KEYS,
  tokenGridLength,
} from './encoder-config.ts';
export type { Architecture, EncoderConfig, SessionMixer } from './encoder-config.ts';
export { createEncoderModel, ENCODER_MODEL_NAMES } from './encoder-model.ts';
export type { EncoderModelName, EncoderModelOptions } from './encoder-model.ts';
export { ENCODER_SEARCH_SPACES } from './encoder-search-spaces.ts';
export { loadEncoder, saveEncoder } from './save-encoder.ts';
export { writeEmbeddings } from './write-embeddings.ts';
export type { EmbeddingSummary } from './write-embeddings.ts';
export { writeEmbeddingsFromStore } from './write-store-embeddings.ts';
export type { StoreEmbeddingSummary } from './write-store-embeddings.ts';
