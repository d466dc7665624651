// Customer embeddings as a Zarr v3 group (issue 5 §6), readable from zarr-python:
// `embedding` float32 [customers × D], `customer_index` int32 (indices into the dataset's
// customer dictionary), `value` and `repurchase` float64 predictions; customer ids (strings)
// in the group attribute `customer_ids`, row-aligned. Written atomically by @clvlab/events.
import { writeZarrGroup } from '@clvlab/events/node';
import type { ModelTask } from '@clvlab/sessions';
import { predictEncoder } from '../training/predict-encoder.ts';
import type { TrainedEncoder } from '../training/train-encoder.ts';

export interface EmbeddingSummary {
  readonly customers: number;
  readonly dim: number;
  readonly path: string;
}

/** One row per customer: what both writers (in memory, and from a store) put into the group. */
export interface EmbeddingRows {
  readonly embedding: Float32Array;
  readonly dim: number;
  readonly customers: Int32Array;
  readonly customerIds: readonly string[];
  readonly value: Float64Array;
  readonly repurchase: Float64Array;
  readonly featureEnd: number;
}

/** Writes the embeddings group layout described above (the one place that defines it). */
export async function writeEmbeddingGroup(
  path: string,
  trained: TrainedEncoder,
  rows: EmbeddingRows,
  attributes: Readonly<Record<string, unknown>> = {},
): Promise<EmbeddingSummary> {
  const n = rows.customers.length;
  if (rows.dim === 0)
    throw new Error(
      `behavior-encoder/write-embeddings: architecture '${trained.config.architecture}' (ziln-mlp) has no sequence, so there is no customer embedding to write`,
    );
  await writeZarrGroup(path, {
    attributes: {
      ...attributes,
      kind: 'clvlab-embeddings',
      model: trained.config.architecture,
      dim: rows.dim,
      datasetHash: trained.datasetHash,
      featureEnd: new Date(rows.featureEnd).toISOString(),
      customer_ids: [...rows.customerIds],
    },
    arrays: {
      embedding: {
        data: rows.embedding,
        shape: [n, rows.dim],
        attributes: { meaning: 'customer embedding (pooled encoder output, layer-normalised)' },
      },
      customer_index: {
        data: rows.customers,
        shape: [n],
        attributes: { meaning: 'index into the dataset customer dictionary' },
      },
      value: { data: rows.value, shape: [n], attributes: { meaning: 'ZILN expected holdout value' } },
      repurchase: { data: rows.repurchase, shape: [n], attributes: { meaning: 'ZILN purchase probability' } },
    },
  });
  return Object.freeze({ customers: n, dim: rows.dim, path });
}

/** Embeds every cohort customer of `task` (events before split.score.featureEnd) and writes the group at `path`. */
export async function writeEmbeddings(
  path: string,
  trained: TrainedEncoder,
  task: ModelTask,
  attributes: Readonly<Record<string, unknown>> = {},
): Promise<EmbeddingSummary> {
  const pred = predictEncoder(trained, task);
  const customers = Int32Array.from(task.split.customers);
  return writeEmbeddingGroup(
    path,
    trained,
    {
      embedding: pred.embedding,
      dim: pred.dim,
      customers,
      customerIds: Array.from(customers, (c) => task.log.customerIds[c]),
      value: pred.value,
      repurchase: pred.repurchase,
      featureEnd: task.split.score.featureEnd,
    },
    attributes,
  );
}
