// Prediction with a trained encoder on the active backend: expected holdout value and
// repurchase probability (ZILN, see ziln.ts) plus the customer embedding, for every cohort
// customer from events before `featureEnd` (default split.score.featureEnd): from a ModelTask
// in memory (`predictEncoder`) or streamed a block of customers at a time from a prepared
// Zarr store (`predictEncoderFromStore`, prepared-store-blocks.ts), with the same forward pass.
// Prediction reads no label; social-graph inputs are task.graph at split.score.featureEnd
// (task.graphFit ?? task.graph at split.fit.featureEnd). Without a sequence (`ziln-mlp`) no
// token grid is built and the embedding has width 0.
import * as tf from '@tensorflow/tfjs';
import type { ModelTask } from '@clvlab/sessions';
import { batchArrays, disposeBatch, tensorsFromArrays, type BatchArrays } from '../data/batch-tensors.ts';
import { embeddingDim, type EncoderConfig } from '../adapters/encoder-config.ts';
import { encoderForward } from '../network/encoder-network.ts';
import { PreparedStoreBlocks } from '../data/prepared-store-blocks.ts';
import { tokenRows, type SequenceInputs } from '../data/sequence-inputs.ts';
import { standardize, taskStaticFeatures, type StaticFeatures, type TaskWindow } from '../data/static-features.ts';
import type { TrainedEncoder } from './train-encoder.ts';
import { DEFAULT_BATCH_STREAM } from '../data/zarr-batch-stream.ts';
import { zilnPredict } from '../network/ziln.ts';

export interface EncoderPrediction {
  /** Predicted value per cohort customer (≥ 0). */
  readonly value: Float64Array;
  /** Repurchase probability per cohort customer. */
  readonly repurchase: Float64Array;
  /** [customers × dim] customer embeddings, row-major. */
  readonly embedding: Float32Array;
  /** Embedding width: d, or 0 without a sequence (architecture `none`). */
  readonly dim: number;
}

/** A prediction from a prepared store, with the cohort it covers and what the stream read. */
export interface StorePrediction extends EncoderPrediction {
  /** Cohort customers (indices into the dataset's customer dictionary) and their ids, row-aligned. */
  readonly customers: Int32Array;
  readonly customerIds: readonly string[];
  readonly featureEnd: number;
  /** Block size, blocks and events read, the most events one block read held. */
  readonly stream: Readonly<Record<string, number>>;
}

/** Runs the trained encoder over every cohort customer of `task` from the events before the window's featureEnd (default: score). */
export function predictEncoder(
  trained: TrainedEncoder,
  task: ModelTask,
  window: TaskWindow = 'score',
  { blockRows = PREDICT_BLOCK_ROWS }: { readonly blockRows?: number } = {},
): EncoderPrediction {
  const featureEnd = task.split[window].featureEnd;
  const source = tokenRows(task, featureEnd, trained.config);
  const out = emptyPrediction(trained, source.rows);
  const raw = taskStaticFeatures(task, window, trained.config);
  const k = raw.names.length;
  const params = paramTensors(trained);
  // A block of rows at a time (its token grid filled for the block only), the block a multiple
  // of predictRows' batch so that every batch holds the rows it held with the whole grid.
  const bs = predictBatchRows(trained.config);
  const block = bs * Math.max(1, Math.ceil(blockRows / bs));
  const all = Int32Array.from({ length: source.rows }, (_, i) => i);
  try {
    for (let from = 0; from < source.rows; from += block) {
      const to = Math.min(source.rows, from + block);
      const statics = { names: raw.names, values: raw.values.subarray(from * k, to * k) };
      predictRows(trained, params, source.grid(all, from, to), statics, out, from);
    }
  } finally {
    tf.dispose(Object.values(params));
  }
  return Object.freeze(out);
}

/** Options of `predictEncoderFromStore`: the label window whose featureEnd to use (default score) and the block size. */
export interface StorePredictOptions {
  readonly window: 'fit' | 'score';
  readonly blockCustomers: number;
}

/** Runs the trained encoder over every cohort customer of the prepared dataset at `path`, a block at a time. */
export async function predictEncoderFromStore(
  trained: TrainedEncoder,
  path: string,
  options: Partial<StorePredictOptions> = {},
): Promise<StorePrediction> {
  const store = await PreparedStoreBlocks.open(path);
  const featureEnd = (options.window === 'fit' ? store.fit : store.score).featureEnd;
  const blockCustomers = options.blockCustomers ?? DEFAULT_BATCH_STREAM.blockCustomers;
  const out = emptyPrediction(trained, store.customers.length);
  const params = paramTensors(trained);
  try {
    for await (const block of store.scan(featureEnd, trained.config, blockCustomers))
      predictRows(trained, params, block.grid, block.statics, out, block.rows[0]);
  } finally {
    tf.dispose(Object.values(params));
  }
  const { blocks, events, peakEvents } = store.counters;
  return Object.freeze({
    ...out,
    customers: store.customers,
    customerIds: Array.from(store.customers, (c) => store.customerIds[c]),
    featureEnd,
    stream: Object.freeze({ blockCustomers, blocksRead: blocks, eventsRead: events, peakEvents }),
  });
}

/** Rows per prediction batch. */
function predictBatchRows(c: Readonly<EncoderConfig>): number {
  return Math.max(c.batchSize, 256);
}

/** Rows whose token grid predictEncoder fills at once, by default (~100 MB of grid at T = 32); rounded up to whole batches. */
const PREDICT_BLOCK_ROWS = 65_536;

function emptyPrediction(trained: TrainedEncoder, rows: number): EncoderPrediction {
  const d = embeddingDim(trained.config);
  return {
    value: new Float64Array(rows),
    repurchase: new Float64Array(rows),
    embedding: new Float32Array(rows * d),
    dim: d,
  };
}

function paramTensors(trained: TrainedEncoder): Record<string, tf.Tensor> {
  const params: Record<string, tf.Tensor> = {};
  for (const [name, w] of Object.entries(trained.weights)) params[name] = tf.tensor(w.values, [...w.shape], 'float32');
  return params;
}

/** Predicts the rows of `inputs` (with their raw static inputs) into rows row0.. of `out`, in batches of max(batchSize, 256). */
function predictRows(
  trained: TrainedEncoder,
  params: Record<string, tf.Tensor>,
  inputs: SequenceInputs,
  raw: StaticFeatures,
  out: EncoderPrediction,
  row0: number,
): void {
  const c = trained.config,
    d = out.dim;
  if (raw.names.join(',') !== trained.staticNames.join(',')) {
    throw new Error(
      `behavior-encoder/predict: static inputs [${raw.names.join(', ')}] differ from the trained model's [${trained.staticNames.join(', ')}]`,
    );
  }
  const k = raw.names.length,
    rows = inputs.rows;
  const staticValues = standardize(Float32Array.from(raw.values), trained.staticMean, trained.staticStd);
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const bs = predictBatchRows(c);
  for (let from = 0; from < rows; from += bs) {
    const to = Math.min(rows, from + bs);
    const a: BatchArrays = batchArrays(inputs, staticValues, k, all, from, to);
    const batch = tensorsFromArrays(a);
    const [v, p, e] = tf.tidy(() => {
      const f = encoderForward(params, batch, c);
      const z = zilnPredict(f.out);
      return [z.value, z.probability, f.embedding];
    });
    const vv = v.dataSync(),
      pp = p.dataSync();
    for (let i = 0; i < to - from; i++) {
      out.value[row0 + from + i] = vv[i];
      out.repurchase[row0 + from + i] = pp[i];
    }
    out.embedding.set(e.dataSync(), (row0 + from) * d);
    tf.dispose([v, p, e]);
    disposeBatch(batch);
  }
}
