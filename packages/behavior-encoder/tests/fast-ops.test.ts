import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { initBackend, layerNorm, linear, outerProduct } from '../src/internal.ts';

// The hand-written backward passes must equal tfjs autodiff of the same formula (cpu backend
// as reference), and the wasm results must equal cpu within float tolerance.
const rng = createRng(9);
const arr = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
const N = 7,
  k = 5,
  m = 4;
const X = arr(N * k),
  W = arr(k * m),
  Bv = arr(m),
  U = arr(N * m),
  G = arr(k),
  Be = arr(k),
  U2 = arr(N * k);
// A layer wider than its input (k2 < m2) takes the other branch of the backward (xᵀ with a row of ones).
const k2 = 3,
  m2 = 6;
const X2 = arr(N * k2),
  W2 = arr(k2 * m2),
  B2 = arr(m2),
  U3 = arr(N * m2);

function grads(
  f: (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  x: Float32Array,
  w: Float32Array,
  wShape: number[],
  b: Float32Array,
  up: Float32Array,
  upShape: number[],
): number[][] {
  const g = tf.grads((a: tf.Tensor, c: tf.Tensor, e: tf.Tensor) => tf.sum(tf.mul(f(a, c, e), tf.tensor(up, upShape))));
  return g([tf.tensor2d(x, [N, x.length / N]), tf.tensor(w, wShape), tf.tensor1d(b)]).map((t) =>
    Array.from(t.dataSync()),
  );
}

function expectClose(a: number[][], b: number[][], digits: number): void {
  a.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], digits)));
}

describe('linear and layerNorm custom gradients', () => {
  it('linear (plain and relu) equals autodiff of matMul + bias on cpu and wasm', async () => {
    await initBackend('cpu');
    const cases = [
      { x: X, w: W, kk: k, mm: m, b: Bv, u: U },
      { x: X2, w: W2, kk: k2, mm: m2, b: B2, u: U3 },
    ];
    for (const { x: xv, w: wv, kk, mm, b: bv, u } of cases) {
      for (const act of ['linear', 'relu'] as const) {
        const refF = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor => {
          const y = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
          return act === 'relu' ? tf.relu(y) : y;
        };
        await initBackend('cpu');
        const ref = grads(refF, xv, wv, [kk, mm], bv, u, [N, mm]);
        for (const backend of ['cpu', 'wasm'] as const) {
          await initBackend(backend);
          expectClose(
            grads(
              (x, w, b) => linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D, act),
              xv,
              wv,
              [kk, mm],
              bv,
              u,
              [N, mm],
            ),
            ref,
            4,
          );
        }
      }
    }
  });
  it('layerNorm equals autodiff of the textbook formula', async () => {
    const refF = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    await initBackend('cpu');
    const ref = grads(refF, X, G, [k], Be, U2, [N, k]);
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      expectClose(
        grads((x, g, b) => layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D), X, G, [k], Be, U2, [N, k]),
        ref,
        4,
      );
    }
  });
  it('outerProduct equals autodiff of a broadcast product in both inputs', async () => {
    const a = arr(N),
      w = arr(m);
    const f = (useOuter: boolean) =>
      tf.grads((x: tf.Tensor, y: tf.Tensor) =>
        tf.sum(
          tf.mul(useOuter ? outerProduct(x as tf.Tensor2D, y as tf.Tensor2D) : tf.mul(x, y), tf.tensor2d(U, [N, m])),
        ),
      );
    await initBackend('cpu');
    const ref = f(false)([tf.tensor2d(a, [N, 1]), tf.tensor2d(w, [1, m])]).map((t) => Array.from(t.dataSync()));
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      expectClose(
        f(true)([tf.tensor2d(a, [N, 1]), tf.tensor2d(w, [1, m])]).map((t) => Array.from(t.dataSync())),
        ref,
        4,
      );
    }
  });
});
