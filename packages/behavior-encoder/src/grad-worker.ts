// Worker side of data-parallel training (see parallel-gradients.ts): holds its own tfjs backend,
// receives the current weights (flat) and a slice of the batch, returns the loss and the flat
// gradient of the batch-mean ZILN loss on that slice.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendPreference } from './backend.ts';
import type { BatchArrays } from './batch-tensors.ts';
import { disposeBatch, tensorsFromArrays } from './batch-tensors.ts';
import type { EncoderConfig } from './encoder-config.ts';
import { encoderForward } from './encoder-network.ts';
import { zilnLoss } from './ziln.ts';

interface WorkerInit {
  readonly config: EncoderConfig;
  readonly backend: BackendPreference;
  readonly names: string[];
  readonly shapes: number[][];
}

const init = workerData as WorkerInit;
await initBackend(init.backend);
const sizes = init.shapes.map((s) => s.reduce((a, b) => a * b, 1));

parentPort!.on('message', (msg: { weights: Float32Array; batch: BatchArrays }) => {
  const batch = tensorsFromArrays(msg.batch);
  const y = tf.tensor1d(msg.batch.y);
  const [loss, flat] = tf.tidy(() => {
    let offset = 0;
    const list = init.names.map((_, i) => { const t = tf.tensor(msg.weights.subarray(offset, offset + sizes[i]), init.shapes[i]); offset += sizes[i]; return t; });
    const f = (...ps: tf.Tensor[]): tf.Scalar => {
      const p: Record<string, tf.Tensor> = {};
      init.names.forEach((n, i) => { p[n] = ps[i]; });
      return zilnLoss(encoderForward(p, batch, init.config).out, y);
    };
    const { value, grads } = tf.valueAndGrads(f)(list);
    return [value, tf.concat(grads.map((g) => tf.reshape(g, [-1])))];
  });
  const grads = new Float32Array(flat.dataSync());
  const lossValue = loss.dataSync()[0];
  tf.dispose([loss, flat, y]); disposeBatch(batch);
  parentPort!.postMessage({ grads, loss: lossValue }, [grads.buffer]);
});
parentPort!.postMessage({ ready: true });
