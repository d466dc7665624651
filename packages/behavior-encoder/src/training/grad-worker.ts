// Worker side of data-parallel training (see parallel-gradients.ts), started by the core worker
// pool: holds its own tfjs backend, receives the current weights (flat) and a slice of the
// batch, returns the loss and the flat gradient of the batch-mean ZILN loss on that slice.
import { workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { exposeToPool, transfer } from '@clvlab/core/node';
import { initBackend, type BackendPreference } from '../adapters/backend.ts';
import type { BatchArrays } from '../data/batch-tensors.ts';
import { disposeBatch, tensorsFromArrays } from '../data/batch-tensors.ts';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { encoderForward } from '../network/encoder-network.ts';
import { zilnLoss } from '../network/ziln.ts';

interface WorkerInit {
  readonly config: EncoderConfig;
  readonly backend: BackendPreference;
  readonly names: string[];
  readonly shapes: number[][];
}

export interface GradReply {
  readonly grads: Float32Array;
  readonly loss: number;
}

const init = workerData as WorkerInit;
const sizes = (init?.shapes ?? []).map((s) => s.reduce((a, b) => a * b, 1));

const api = {
  /** Sets up this worker's own backend (once, before the first slice). */
  async init(): Promise<void> {
    await initBackend(init.backend);
  },
  /** Loss and flat gradient of the batch-mean ZILN loss on `slice` at `weights`. */
  gradients(weights: Float32Array, slice: BatchArrays): GradReply {
    const batch = tensorsFromArrays(slice);
    const y = tf.tensor1d(slice.y);
    const [loss, flat] = tf.tidy(() => {
      let offset = 0;
      const list = init.names.map((_, i) => {
        const t = tf.tensor(weights.subarray(offset, offset + sizes[i]), init.shapes[i]);
        offset += sizes[i];
        return t;
      });
      const f = (...ps: tf.Tensor[]): tf.Scalar => {
        const p: Record<string, tf.Tensor> = {};
        init.names.forEach((n, i) => {
          p[n] = ps[i];
        });
        return zilnLoss(encoderForward(p, batch, init.config).out, y);
      };
      const { value, grads } = tf.valueAndGrads(f)(list);
      return [value, tf.concat(grads.map((g) => tf.reshape(g, [-1])))];
    });
    const grads = new Float32Array(flat.dataSync());
    const lossValue = loss.dataSync()[0];
    tf.dispose([loss, flat, y]);
    disposeBatch(batch);
    return transfer({ grads, loss: lossValue }, [grads.buffer]);
  },
};
export type GradWorkerApi = typeof api;

exposeToPool(api);
