// Customer embeddings of a prepared Zarr store, predicted a block of customers at a time
// (predictEncoderFromStore), written as the group write-embeddings.ts describes: `embedding`
// float32 [customers × D], `customer_index` int32, `value` and `repurchase` float64, customer
// ids in the attribute `customer_ids`, row-aligned; readable from zarr-python.
import {
  predictEncoderFromStore,
  type StorePredictOptions,
  type StorePrediction,
} from '../training/predict-encoder.ts';
import type { TrainedEncoder } from '../training/train-encoder.ts';
import { writeEmbeddingGroup, type EmbeddingSummary } from './write-embeddings.ts';

/** What `writeEmbeddingsFromStore` wrote, plus what its stream read. */
export interface StoreEmbeddingSummary extends EmbeddingSummary {
  readonly stream: StorePrediction['stream'];
}

/** Embeds every cohort customer of the prepared dataset at `dataset` (events before the score window's featureEnd) and writes the group at `path`. */
export async function writeEmbeddingsFromStore(
  path: string,
  trained: TrainedEncoder,
  dataset: string,
  attributes: Readonly<Record<string, unknown>> = {},
  options: Partial<StorePredictOptions> = {},
): Promise<StoreEmbeddingSummary> {
  const pred = await predictEncoderFromStore(trained, dataset, options);
  const written = await writeEmbeddingGroup(path, trained, pred, attributes);
  return Object.freeze({ ...written, stream: pred.stream });
}
