import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { attentionBias, initBackend, maskedMean, transformerBlock, transformerBlockShapes } from '../src/internal.ts';

// Independent reference: the pre-norm block written with plain tf ops in the textbook
// batch-first layout (tf.matMul for QKᵀ and AV, tf.moments layer norm), padding keys masked.
const B = 3,
  T = 5,
  d = 8,
  H = 2,
  ffn = 16;

function referenceBlock(x: tf.Tensor2D, p: Record<string, tf.Tensor>, mask: tf.Tensor2D): tf.Tensor {
  const ln = (z: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor => {
    const { mean, variance } = tf.moments(z, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const dense = (z: tf.Tensor, n: string): tf.Tensor =>
    tf.add(tf.matMul(z as tf.Tensor2D, p[`b.${n}.w`] as tf.Tensor2D), p[`b.${n}.b`]);
  const qkv = dense(ln(x, p['b.ln1.g'], p['b.ln1.b']), 'qkv');
  const heads = (t: tf.Tensor): tf.Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(t, [B, T, H, d / H]), [0, 2, 1, 3]), [B * H, T, d / H]);
  const [q, k, v] = tf.split(qkv, 3, 1).map(heads);
  const scores = tf.reshape(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d / H)), [B, H, T, T]);
  const masked = tf.add(scores, tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [B, 1, 1, T]));
  const o = tf.matMul(tf.reshape(tf.softmax(masked), [B * H, T, T]), v);
  const att = tf.reshape(tf.transpose(tf.reshape(o, [B, H, T, d / H]), [0, 2, 1, 3]), [B * T, d]);
  const x1 = tf.add(x, dense(att, 'out'));
  return tf.add(x1, dense(tf.relu(dense(ln(x1, p['b.ln2.g'], p['b.ln2.b']), 'ff1')), 'ff2'));
}

describe('transformerBlock', () => {
  it('equals a plain-ops reference block (values and input gradient) on cpu and wasm', async () => {
    const rng = createRng(4);
    const shapes = transformerBlockShapes('b', d, ffn);
    const raw: Record<string, Float32Array> = {};
    for (const [n, s] of Object.entries(shapes))
      raw[n] = Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.5);
    const X = Float32Array.from({ length: B * T * d }, () => rng.normal());
    const M = Float32Array.from({ length: B * T }, (_, i) => (i % T < 1 + ((Math.floor(i / T) * 2) % T) ? 1 : 0)); // rows with 1, 3, 5 valid keys
    const run = (f: (x: tf.Tensor2D, p: Record<string, tf.Tensor>, m: tf.Tensor2D) => tf.Tensor): number[][] => {
      const p: Record<string, tf.Tensor> = {};
      for (const [n, s] of Object.entries(shapes)) p[n] = tf.tensor(raw[n], s);
      const m = tf.tensor2d(M, [B, T]);
      const x = tf.tensor2d(X, [B * T, d]);
      const g = tf.grad((z: tf.Tensor) => tf.sum(tf.sin(f(z as tf.Tensor2D, p, m))))(x);
      return [Array.from(f(x, p, m).dataSync()), Array.from(g.dataSync())];
    };
    await initBackend('cpu');
    const ref = run(referenceBlock);
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const got = run((x, p, m) => transformerBlock(x, p, 'b', B, T, H, attentionBias(m)));
      got.forEach((arr, i) => arr.forEach((v, j) => expect(v).toBeCloseTo(ref[i][j], 4)));
    }
  });
  it('maskedMean equals autodiff of the masked-mean formula (value and input gradient), empty rows give 0', async () => {
    const rng = createRng(8);
    const X = Float32Array.from({ length: B * T * d }, () => rng.normal());
    const M = Float32Array.from({ length: B * T }, (_, i) => (Math.floor(i / T) === 1 ? 0 : i % 2)); // row 1 fully padded
    const run = (f: (x: tf.Tensor2D, m: tf.Tensor2D) => tf.Tensor): number[][] => {
      const m = tf.tensor2d(M, [B, T]);
      const x = tf.tensor2d(X, [B * T, d]);
      const g = tf.grad((z: tf.Tensor) => tf.sum(tf.sin(f(z as tf.Tensor2D, m))))(x);
      return [Array.from(f(x, m).dataSync()), Array.from(g.dataSync())];
    };
    await initBackend('cpu');
    const ref = run((x, m) =>
      tf.div(tf.sum(tf.mul(tf.reshape(x, [B, T, d]), tf.reshape(m, [B, T, 1])), 1), tf.maximum(tf.sum(m, 1, true), 1)),
    );
    expect(ref[0].slice(d, 2 * d)).toEqual(new Array(d).fill(0));
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const got = run(maskedMean);
      got.forEach((arr, i) => arr.forEach((v, j) => expect(v).toBeCloseTo(ref[i][j], 5)));
    }
  });
});
