// Data-parallel gradients over worker_threads: each step the batch is cut into `workers`
// equal slices; this thread computes the first slice while each worker (its own tfjs backend,
// see grad-worker.ts) computes one of the others from the current weights; the flat gradients
// are combined weighted by slice size, which equals the full-batch gradient of the batch-mean
// loss up to float rounding. The wasm backend's own threads do not start under Node (its
// worker comes from a blob: URL), so this is how a second core gets used. Deterministic for a
// given worker count (fixed slices, fixed summation order). The workers are a core worker pool
// (@clvlab/core/node) whose worker i always computes slice i + 1.
import * as tf from '@tensorflow/tfjs';
import { WorkerPool } from '@clvlab/core/node';
import type { BackendPreference } from '../adapters/backend.ts';
import { disposeBatch, sliceBatch, tensorsFromArrays, type BatchArrays } from '../data/batch-tensors.ts';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { encoderForward } from '../network/encoder-network.ts';
import { zilnLoss } from '../network/ziln.ts';
import type { GradWorkerApi, GradReply } from './grad-worker.ts';

export class ParallelGradients {
  private constructor(
    private readonly pool: WorkerPool<GradWorkerApi> | null,
    private readonly vars: tf.Variable[],
    private readonly names: string[],
    private readonly config: Readonly<EncoderConfig>,
  ) {}

  /** Starts `count − 1` gradient workers on `backend` for the variables (named as in the model; count 1: this thread only). */
  static async create(
    vars: tf.Variable[],
    names: string[],
    config: Readonly<EncoderConfig>,
    count: number,
    backend: BackendPreference,
  ): Promise<ParallelGradients> {
    if (count <= 1) return new ParallelGradients(null, vars, names, config);
    const pool = new WorkerPool<GradWorkerApi>({
      entry: new URL('./grad-worker.ts', import.meta.url),
      size: count - 1,
      name: 'behavior-encoder/parallel-gradients',
      workerData: { config: { ...config }, backend, names, shapes: vars.map((v) => v.shape) },
      init: (api) => api.init(),
    });
    try {
      await pool.workers();
    } catch (e) {
      await pool.close();
      throw e;
    }
    return new ParallelGradients(pool, vars, names, config);
  }

  /** Loss summed over the batch's rows (scalar tensor) and the flat gradient of the batch-mean loss. */
  async lossAndGrads(a: BatchArrays): Promise<{ lossSum: tf.Scalar; grad: tf.Tensor1D }> {
    const pool = this.pool;
    const parts = (pool?.size ?? 0) + 1;
    const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * a.rows) / parts));
    const pending: Promise<GradReply>[] = [];
    if (pool) {
      const flat = tf.tidy(() => tf.concat(this.vars.map((v) => tf.reshape(v, [-1]))));
      const weights = new Float32Array(flat.dataSync());
      flat.dispose();
      for (let i = 0; i < pool.size; i++) {
        const batch = sliceBatch(a, bounds[i + 1], bounds[i + 2]);
        pending.push(pool.submit((slot) => slot.api.gradients(weights, batch), { worker: i }));
      }
    }
    const own = parts === 1 ? a : sliceBatch(a, 0, bounds[1]);
    const batch = tensorsFromArrays(own);
    const y = tf.tensor1d(own.y);
    const { value, grads } = tf.variableGrads(
      () => zilnLoss(encoderForward(this.paramMap(), batch, this.config).out, y),
      this.vars,
    );
    const mine = tf.tidy(() => tf.concat(this.vars.map((v) => tf.reshape(grads[v.name], [-1]))));
    tf.dispose(grads);
    disposeBatch(batch);
    y.dispose();
    const replies = await Promise.all(pending);
    const n0 = own.rows;
    const out = tf.tidy(() => {
      let g: tf.Tensor = tf.mul(mine, n0);
      let loss: tf.Tensor = tf.mul(value, n0);
      replies.forEach((r, i) => {
        const n = bounds[i + 2] - bounds[i + 1];
        g = tf.add(g, tf.mul(tf.tensor1d(r.grads), n));
        loss = tf.add(loss, r.loss * n);
      });
      return { lossSum: loss as tf.Scalar, grad: tf.div(g, a.rows) as tf.Tensor1D };
    });
    mine.dispose();
    value.dispose();
    return out;
  }

  private paramMap(): Record<string, tf.Tensor> {
    const p: Record<string, tf.Tensor> = {};
    this.names.forEach((n, i) => {
      p[n] = this.vars[i];
    });
    return p;
  }

  /** Stops the workers. */
  async dispose(): Promise<void> {
    await this.pool?.close();
  }
}
