// Dense and layer-norm ops with hand-written gradients, for speed on the wasm backend.
// tfjs's default matMul gradient calls matMul with transposeA/transposeB, which the wasm 4.22
// kernel runs at 1–3 GFLOP/s (its plain path, XNNPACK, runs 22–39); an explicit transpose +
// plain matMul is 10–30× faster, so `linear` uses tf.customGrad with that backward. Layer norm
// (Ba et al. 2016) gets its closed-form backward: 9 ops instead of autodiff's ~15.
import * as tf from '@tensorflow/tfjs';

type Activation = 'linear' | 'relu';

type CustomGradFn = Parameters<typeof tf.customGrad>[0];

/**
 * Weight and bias gradients of y = x·W + b: dW = xᵀ·g [k, m] and db = Σ_rows g [m], with plain
 * matMuls only (the transposeA flag runs at ~2 GFLOP/s on wasm). Transposes whichever operand
 * is narrower (a wasm Transpose of 4096 × 256 costs 5 ms, of 4096 × 64 1 ms). When that is x
 * and g is wide, a row of ones is appended to xᵀ so one matMul yields [dW; db] (a column Sum
 * of 4096 × 256 costs 4–5 ms, the concat 1.3); when it is g, dWᵀ = gᵀ·x and db is a row sum
 * of gᵀ (0.1 ms).
 */
export function denseGradients(x: tf.Tensor2D, g: tf.Tensor2D): [tf.Tensor2D, tf.Tensor1D] {
  const [N, k] = x.shape,
    m = g.shape[1];
  if (k <= m && m >= 128) {
    const both = tf.matMul(tf.concat([tf.transpose(x), tf.ones([1, N]) as tf.Tensor2D], 0), g) as tf.Tensor2D; // [k + 1, m]
    return [tf.slice(both, [0, 0], [k, m]), tf.reshape(tf.slice(both, [k, 0], [1, m]), [m]) as tf.Tensor1D];
  }
  if (k <= m) return [tf.matMul(tf.transpose(x), g), tf.sum(g, 0) as tf.Tensor1D]; // narrow g: a column Sum (1 ms) beats the concat (1.3 ms)
  const gt = tf.transpose(g);
  return [tf.transpose(tf.matMul(gt, x) as tf.Tensor2D), tf.sum(gt, 1) as tf.Tensor1D];
}

function makeLinear(activation: Activation): (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D {
  const f = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const y = tf.fused.matMul({ a: x, b: w, bias: b, activation });
    save(activation === 'relu' ? [x, w, y] : [x, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
        const g: tf.Tensor2D = ys === undefined ? dy : tf.mul(dy, tf.step(ys));
        return [tf.matMul(g, tf.transpose(ws)), ...denseGradients(xs, g)];
      },
    };
  }) as unknown as CustomGradFn);
  return f as unknown as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
}

const linearNone = makeLinear('linear');
const linearRelu = makeLinear('relu');

/** y = act(x·W + b) for x [N, k], W [k, m], b [m]; backward with plain matMuls only. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation = 'linear'): tf.Tensor2D {
  return activation === 'relu' ? linearRelu(x, w, b) : linearNone(x, w, b);
}

const LN_EPS = 1e-5;

const layerNormOp = tf.customGrad(((x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, save: tf.GradSaveFunc) => {
  const mean = tf.mean(x, -1, true);
  const centered = tf.sub(x, mean);
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), -1, true), LN_EPS));
  const xhat = tf.mul(centered, rstd);
  save([xhat, rstd, gamma]);
  return {
    value: tf.add(tf.mul(xhat, gamma), beta),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [xh, rs, g] = saved;
      const dxhat = tf.mul(dy, g);
      const dx = tf.mul(
        rs,
        tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true))),
      );
      return [dx, tf.sum(tf.mul(dy, xh), 0), tf.sum(dy, 0)];
    },
  };
}) as unknown as CustomGradFn) as unknown as (x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor2D;

/** Layer normalisation over the last axis of x [N, d] with scale γ and shift β. */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor2D {
  return layerNormOp(x, gamma, beta);
}

const outerOp = tf.customGrad(((a: tf.Tensor2D, w: tf.Tensor2D, save: tf.GradSaveFunc) => {
  save([a, w]);
  return {
    value: tf.matMul(a, w),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [as, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      // [N, 1] → [1, N] is a reshape, so no Transpose kernel over N and no transpose flags. w is
      // transposed (d floats) rather than reshaped: the wasm matMul caches the packed right
      // operand by buffer id, so one buffer must not appear there under two shapes.
      return [tf.matMul(dy, tf.transpose(ws)), tf.matMul(tf.reshape(as, [1, as.shape[0]]), dy)];
    },
  };
}) as unknown as CustomGradFn) as unknown as (a: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** a·w for a column a [N, 1] and a row w [1, d] → [N, d]; its backward is two plain matMuls (no column Sum). */
export function outerProduct(a: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  return outerOp(a, w);
}
