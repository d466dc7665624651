import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { embeddingBagSum, initBackend } from '../src/internal.ts';

// Independent reference: tf.gather + sum over fields on the cpu backend (tfjs's own kernels
// and autodiff), against the hand-written kernels on cpu and wasm.
describe('embeddingBagSum', () => {
  const rng = createRng(5);
  const V = 13,
    d = 6,
    N = 9,
    F = 4;
  const table = Float32Array.from({ length: V * d }, () => rng.normal());
  const idx = Int32Array.from({ length: N * F }, () => rng.int(V));
  const up = Float32Array.from({ length: N * d }, () => rng.normal());
  const run = (f: (t: tf.Tensor2D) => tf.Tensor2D): { y: Float32Array; g: Float32Array } => {
    const t = tf.tensor2d(table, [V, d]);
    const y = f(t).dataSync() as Float32Array;
    const g = tf
      .grad((x: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D), tf.tensor2d(up, [N, d]))))(t)
      .dataSync() as Float32Array;
    return { y: Float32Array.from(y), g: Float32Array.from(g) };
  };
  it('matches gather + sum in value and gradient on cpu and wasm', async () => {
    await initBackend('cpu');
    const ref = run((t) => tf.sum(tf.reshape(tf.gather(t, tf.tensor1d(idx, 'int32')), [N, F, d]), 1));
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const got = run((t) => embeddingBagSum(t, tf.tensor2d(idx, [N, F], 'int32')));
      got.y.forEach((v, i) => expect(v).toBeCloseTo(ref.y[i], 5));
      got.g.forEach((v, i) => expect(v).toBeCloseTo(ref.g[i], 5));
    }
  });
  it('rejects an index outside the table', async () => {
    await initBackend('wasm');
    expect(() => embeddingBagSum(tf.zeros([3, 2]) as tf.Tensor2D, tf.tensor2d([[0, 5]], [1, 2], 'int32'))).toThrow(
      /index 5 outside the table \(3 rows\)/,
    );
  });
  it('gives zero gradient rows to table rows no index uses, including the last ones', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const g = tf.grad((t: tf.Tensor) =>
        tf.sum(
          embeddingBagSum(
            t as tf.Tensor2D,
            tf.tensor2d(
              [
                [1, 0],
                [1, 1],
              ],
              [2, 2],
              'int32',
            ),
          ),
        ),
      )(tf.ones([4, 2]));
      expect(g.shape).toEqual([4, 2]);
      expect(g.arraySync()).toEqual([
        [1, 1],
        [3, 3],
        [0, 0],
        [0, 0],
      ]);
    }
  });
});
