// Customer embeddings as a Zarr v3 group (issue 5 §6), readable from zarr-python:
// `embedding` float32 [customers × D], `customer_index` int32 (indices into the dataset's
// customer dictionary), `value` and `repurchase` float64 predictions; customer ids (strings)
// in the group attribute `customer_ids`, row-aligned. Written atomically by @clvlab/events.
import { writeZarrGroup } from '@clvlab/events';
import type { ModelTask } from '@clvlab/sessions';
import { predictEncoder } from './predict-encoder.ts';
import type { TrainedEncoder } from './train-encoder.ts';

export interface EmbeddingSummary {
  readonly customers: number;
  readonly dim: number;
  readonly path: string;
}

/** Embeds every cohort customer of `task` (events before split.score.featureEnd) and writes the group at `path`. */
export async function writeEmbeddings(path: string, trained: TrainedEncoder, task: ModelTask, attributes: Readonly<Record<string, unknown>> = {}): Promise<EmbeddingSummary> {
  const pred = predictEncoder(trained, task);
  const customers = task.split.customers;
  const n = customers.length;
  await writeZarrGroup(path, {
    attributes: {
      ...attributes, kind: 'clvlab-embeddings', model: trained.config.architecture, dim: pred.dim, datasetHash: trained.datasetHash,
      featureEnd: new Date(task.split.score.featureEnd).toISOString(), customer_ids: Array.from(customers, (c) => task.log.customerIds[c]),
    },
    arrays: {
      embedding: { data: pred.embedding, shape: [n, pred.dim], attributes: { meaning: 'customer embedding (pooled encoder output, layer-normalised)' } },
      customer_index: { data: Int32Array.from(customers), shape: [n], attributes: { meaning: 'index into the dataset customer dictionary' } },
      value: { data: pred.value, shape: [n], attributes: { meaning: 'ZILN expected holdout value' } },
      repurchase: { data: pred.repurchase, shape: [n], attributes: { meaning: 'ZILN purchase probability' } },
    },
  });
  return Object.freeze({ customers: n, dim: pred.dim, path });
}
