// behavior-encoder/data: model inputs: token sequences, static inputs, batches, store blocks and streams, dataset hashes.
export {
  buildSequenceInputs,
  emptyTokenGrid,
  fillTokenRows,
  idHashes,
  tokenFieldSizes,
  tokenRows,
} from './sequence-inputs.ts';
export type { SequenceInputs, TokenEvents, TokenRows } from './sequence-inputs.ts';
export { PreparedStoreBlocks } from './prepared-store-blocks.ts';
export type { BlockColumns, StoreBlock } from './prepared-store-blocks.ts';
export { DEFAULT_BATCH_STREAM, ZarrBatchStream } from './zarr-batch-stream.ts';
export type { BatchStreamOptions } from './zarr-batch-stream.ts';
export { foldRows, memoryBatchSource, shuffleInPlace } from './batch-source.ts';
export type { BatchSource } from './batch-source.ts';
export { buildStaticFeatures, columnStats, graphAt, taskStaticFeatures } from './static-features.ts';
export type { StaticFeatures, TaskWindow } from './static-features.ts';
export { batchArrays, makeBatch, makeLabels, sliceBatch, tensorsFromArrays } from './batch-tensors.ts';
export type { BatchArrays } from './batch-tensors.ts';
export { hashEventLog } from './dataset-hash.ts';
export { hashStoreEventLog } from './store-dataset-hash.ts';
