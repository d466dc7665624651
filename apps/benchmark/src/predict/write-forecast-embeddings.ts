// Customer embeddings of a `clvlab predict` model (the encoders return them with their
// predictions) as a Zarr v3 group in the layout `clvlab embed` writes (docs/architecture.md
// §Prepared dataset): `embedding` float32 [customers × D], `customer_index` int32, the model's
// `value` and `repurchase`, customer ids in the `customer_ids` attribute; written atomically.
import { writeZarrGroup } from '@clvlab/events/node';

export interface ForecastEmbeddings {
  readonly model: string;
  readonly dim: number;
  readonly data: Float32Array;
  readonly customers: Int32Array;
  readonly customerIds: readonly string[];
  readonly value: Float64Array;
  readonly repurchase: Float64Array;
  readonly asOf: number;
}

/** Writes one model's embedding group at `path`. */
export async function writeForecastEmbeddings(path: string, e: ForecastEmbeddings): Promise<void> {
  const n = e.customers.length;
  if (e.data.length !== n * e.dim)
    throw new Error(
      `benchmark/predict: '${e.model}' embedding has ${e.data.length} values for ${n} customers × ${e.dim}`,
    );
  await writeZarrGroup(path, {
    attributes: {
      kind: 'clvlab-embeddings',
      source: 'clvlab predict',
      model: e.model,
      dim: e.dim,
      featureEnd: new Date(e.asOf).toISOString(),
      customer_ids: [...e.customerIds],
    },
    arrays: {
      embedding: { data: e.data, shape: [n, e.dim], attributes: { meaning: 'customer embedding at --as-of' } },
      customer_index: {
        data: e.customers,
        shape: [n],
        attributes: { meaning: 'index into the input customer dictionary' },
      },
      value: { data: e.value, shape: [n], attributes: { meaning: 'expected value over the horizon (undiscounted)' } },
      repurchase: {
        data: e.repurchase,
        shape: [n],
        attributes: { meaning: 'repurchase probability over the horizon' },
      },
    },
  });
}
