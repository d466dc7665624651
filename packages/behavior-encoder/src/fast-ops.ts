// Dense and layer-norm ops with hand-written gradients, for speed on the wasm backend.
// tfjs's default matMul gradient calls matMul with transposeA/transposeB, which the wasm 4.22
// kernel runs at 1–3 GFLOP/s (its plain path, XNNPACK, runs 22–39); an explicit transpose +
// plain matMul is 10–30× faster, so `linear` uses tf.customGrad with that backward. Layer norm
// (Ba et al. 2016) gets its closed-form backward: 9 ops instead of autodiff's ~15.
import * as tf from '@tensorflow/tfjs';

type Activation = 'linear' | 'relu';
type CustomGradFn = Parameters<typeof tf.customGrad>[0];

function makeLinear(activation: Activation): (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D {
  const f = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: tf.GradSaveFunc) => {
    const y = tf.fused.matMul({ a: x, b: w, bias: b, activation });
    save(activation === 'relu' ? [x, w, y] : [x, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
        const g = ys === undefined ? dy : tf.mul(dy, tf.step(ys));
        return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g), tf.sum(g, 0)];
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
      const dx = tf.mul(rs, tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true))));
      return [dx, tf.sum(tf.mul(dy, xh), 0), tf.sum(dy, 0)];
    },
  };
}) as unknown as CustomGradFn) as unknown as (x: tf.Tensor2D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor2D;

/** Layer normalisation over the last axis of x [N, d] with scale γ and shift β. */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor2D {
  return layerNormOp(x, gamma, beta);
}
