// Prediction with a trained encoder on the active backend: expected holdout value and
// repurchase probability (ZILN, see ziln.ts) plus the customer embedding, for every cohort
// customer from events before `featureEnd` (default split.score.featureEnd).
import * as tf from '@tensorflow/tfjs';
import type { ModelTask } from '@clvlab/sessions';
import { disposeBatch, makeBatch } from './batch-tensors.ts';
import { encoderForward } from './encoder-network.ts';
import { buildSequenceInputs } from './sequence-inputs.ts';
import { buildStaticFeatures, standardize } from './static-features.ts';
import type { TrainedEncoder } from './train-encoder.ts';
import { zilnPredict } from './ziln.ts';

export interface EncoderPrediction {
  /** Predicted value per cohort customer (≥ 0). */
  readonly value: Float64Array;
  /** Repurchase probability per cohort customer. */
  readonly repurchase: Float64Array;
  /** [customers × dim] customer embeddings, row-major. */
  readonly embedding: Float32Array;
  readonly dim: number;
}

/** Runs the trained encoder over every cohort customer of `task`. */
export function predictEncoder(trained: TrainedEncoder, task: ModelTask, featureEnd: number = task.split.score.featureEnd): EncoderPrediction {
  const c = trained.config;
  const inputs = buildSequenceInputs(task, featureEnd, c);
  const raw = buildStaticFeatures(task, featureEnd, c);
  if (raw.names.join(',') !== trained.staticNames.join(',')) {
    throw new Error(`behavior-encoder/predict: static inputs [${raw.names.join(', ')}] differ from the trained model's [${trained.staticNames.join(', ')}]`);
  }
  const k = raw.names.length;
  const staticValues = standardize(Float32Array.from(raw.values), trained.staticMean, trained.staticStd);
  const rows = inputs.rows, d = c.dModel;
  const value = new Float64Array(rows), repurchase = new Float64Array(rows), embedding = new Float32Array(rows * d);
  const params: Record<string, tf.Tensor> = {};
  for (const [name, w] of Object.entries(trained.weights)) params[name] = tf.tensor(w.values, [...w.shape], 'float32');
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  const bs = Math.max(c.batchSize, 256);
  try {
    for (let from = 0; from < rows; from += bs) {
      const to = Math.min(rows, from + bs);
      const batch = makeBatch(inputs, staticValues, k, all, from, to);
      const [v, p, e] = tf.tidy(() => {
        const f = encoderForward(params, batch, c);
        const z = zilnPredict(f.out);
        return [z.value, z.probability, f.embedding];
      });
      const vv = v.dataSync(), pp = p.dataSync();
      for (let i = 0; i < to - from; i++) { value[from + i] = vv[i]; repurchase[from + i] = pp[i]; }
      embedding.set(e.dataSync(), from * d);
      tf.dispose([v, p, e]); disposeBatch(batch);
    }
  } finally { tf.dispose(Object.values(params)); }
  return Object.freeze({ value, repurchase, embedding, dim: d });
}
