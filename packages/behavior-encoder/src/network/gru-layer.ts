// Gated recurrent unit (Cho et al. 2014, "Learning Phrase Representations using RNN
// Encoder–Decoder", eqs. 5–8; reset gate applied after the recurrent projection as in
// cuDNN/Keras `reset_after`). Input projections for all steps are one large matMul; the
// recurrence runs T small steps. Padding steps keep the previous state (masked update).
import * as tf from '@tensorflow/tfjs';
import { linear } from '../kernels/fast-ops.ts';
import type { Params } from './attention.ts';

/** Parameter shapes of a GRU named `${prefix}.*` from width din to d. */
export function gruShapes(prefix: string, din: number, d: number): Record<string, number[]> {
  return {
    [`${prefix}.x.w`]: [din, 3 * d],
    [`${prefix}.x.b`]: [3 * d],
    [`${prefix}.h.w`]: [d, 3 * d],
    [`${prefix}.h.b`]: [3 * d],
  };
}

/** Runs the GRU over x [B·T, din] with mask [B, T]; returns the final state [B, d]. */
export function gruLayer(x: tf.Tensor2D, mask: tf.Tensor2D, p: Params, prefix: string, d: number): tf.Tensor2D {
  const [B, T] = mask.shape;
  const xs = tf.unstack(
    tf.reshape(linear(x, p[`${prefix}.x.w`] as tf.Tensor2D, p[`${prefix}.x.b`] as tf.Tensor1D), [B, T, 3 * d]),
    1,
  );
  const ms = tf.unstack(tf.reshape(mask, [B, T, 1]), 1);
  const hw = p[`${prefix}.h.w`] as tf.Tensor2D,
    hb = p[`${prefix}.h.b`] as tf.Tensor1D;
  let h: tf.Tensor2D = tf.zeros([B, d]);
  for (let t = 0; t < T; t++) {
    const [xz, xr, xn] = tf.split(xs[t], 3, 1);
    const [hz, hr, hn] = tf.split(linear(h, hw, hb), 3, 1);
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    const next = tf.add(n, tf.mul(z, tf.sub(h, n)));
    h = tf.add(h, tf.mul(ms[t], tf.sub(next, h)));
  }
  return h;
}
