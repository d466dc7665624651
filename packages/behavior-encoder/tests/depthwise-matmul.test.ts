import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { batchedMatMulDw, initBackend } from '../src/internal.ts';

// Reference: tf.matMul over the batch axis (cpu backend, tfjs autodiff), in the usual
// batch-first layout; the depthwise-convolution op must match in value and both gradients.
describe('batchedMatMulDw', () => {
  const rng = createRng(21);
  const C = 6,
    M = 5,
    K = 4,
    N = 3;
  const A = Float32Array.from({ length: C * M * K }, () => rng.normal()); // [C, M, K]
  const Bm = Float32Array.from({ length: C * K * N }, () => rng.normal()); // [C, K, N]
  const U = Float32Array.from({ length: C * M * N }, () => rng.normal()); // upstream [C, M, N]
  const reference = (): number[][] => {
    const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor =>
      tf.sum(tf.mul(tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D), tf.tensor3d(U, [C, M, N])));
    const [ga, gb] = tf.grads(f)([tf.tensor3d(A, [C, M, K]), tf.tensor3d(Bm, [C, K, N])]);
    const y = tf.matMul(tf.tensor3d(A, [C, M, K]), tf.tensor3d(Bm, [C, K, N]));
    return [y, ga, gb].map((t) => Array.from(t.dataSync()));
  };
  const viaDw = (): number[][] => {
    const a = tf.transpose(tf.tensor3d(A, [C, M, K]), [1, 2, 0]) as tf.Tensor3D; // [M, K, C]
    const b = tf.transpose(tf.tensor3d(Bm, [C, K, N]), [1, 0, 2]) as tf.Tensor3D; // [K, C, N]
    const u = tf.transpose(tf.tensor3d(U, [C, M, N]), [1, 0, 2]); // [M, C, N]
    const f = (x: tf.Tensor, z: tf.Tensor): tf.Tensor =>
      tf.sum(tf.mul(batchedMatMulDw(x as tf.Tensor3D, z as tf.Tensor3D), u));
    const [ga, gb] = tf.grads(f)([a, b]);
    const y = tf.transpose(batchedMatMulDw(a, b), [1, 0, 2]);
    return [y, tf.transpose(ga, [2, 0, 1]), tf.transpose(gb, [1, 0, 2])].map((t) => Array.from(t.dataSync()));
  };
  it('equals batched matMul in value and gradients on cpu and wasm', async () => {
    await initBackend('cpu');
    const ref = reference();
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const got = viaDw();
      got.forEach((arr, i) => arr.forEach((v, j) => expect(v).toBeCloseTo(ref[i][j], 4)));
    }
  });
  it('rejects mismatched shapes', async () => {
    await initBackend('wasm');
    expect(() => batchedMatMulDw(tf.zeros([2, 3, 4]) as tf.Tensor3D, tf.zeros([2, 4, 5]) as tf.Tensor3D)).toThrow(
      /shapes \[2,3,4\] and \[2,4,5\] do not match/,
    );
  });
});
