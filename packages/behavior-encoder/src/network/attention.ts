// Pre-norm transformer block (Vaswani et al. 2017, "Attention Is All You Need", eq. 1 scaled
// dot-product attention; pre-norm placement as in Xiong et al. 2020) over a batch of
// sequences stored flat as [B·T, d]. Padding keys get a −1e9 additive bias so softmax ignores
// them; fully padded rows stay finite (uniform attention) and are masked out later by pooling.
import * as tf from '@tensorflow/tfjs';
import { batchedMatMulDw } from '../kernels/depthwise-matmul.ts';
import { layerNorm, linear } from '../kernels/fast-ops.ts';

export type Params = Readonly<Record<string, tf.Tensor>>;

/** Parameter shapes of one block named `${prefix}.*`. */
export function transformerBlockShapes(prefix: string, d: number, ffn: number): Record<string, number[]> {
  return {
    [`${prefix}.ln1.g`]: [d],
    [`${prefix}.ln1.b`]: [d],
    [`${prefix}.qkv.w`]: [d, 3 * d],
    [`${prefix}.qkv.b`]: [3 * d],
    [`${prefix}.out.w`]: [d, d],
    [`${prefix}.out.b`]: [d],
    [`${prefix}.ln2.g`]: [d],
    [`${prefix}.ln2.b`]: [d],
    [`${prefix}.ff1.w`]: [d, ffn],
    [`${prefix}.ff1.b`]: [ffn],
    [`${prefix}.ff2.w`]: [ffn, d],
    [`${prefix}.ff2.b`]: [d],
  };
}

/** Additive key bias [1, B, 1, T] (query, batch, head, key) from a {0,1} mask [B, T]. */
export function attentionBias(mask: tf.Tensor2D): tf.Tensor4D {
  const [B, T] = mask.shape;
  return tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [1, B, 1, T]);
}

/**
 * Multi-head self-attention of h [B·T, d] (already normalised); returns [B·T, d] before the
 * output projection. Q, K and V are three matMuls with column blocks of qkv.w rather than one
 * matMul and a split: the wasm SplitV copies the whole [B·T, 3d] input per piece, and XNNPACK
 * runs the three d-wide products faster than one 3d-wide one (measured 2–8 ms less per step). Both products (QKᵀ and AV) run as depthwise convolutions with channels =
 * (batch, head) — see depthwise-matmul.ts for why — so tensors are kept channels-last.
 */
function selfAttention(
  h: tf.Tensor2D,
  p: Params,
  prefix: string,
  B: number,
  T: number,
  heads: number,
  bias: tf.Tensor4D,
): tf.Tensor2D {
  const d = h.shape[1];
  const dh = d / heads,
    C = B * heads;
  const w = p[`${prefix}.qkv.w`] as tf.Tensor2D,
    b = p[`${prefix}.qkv.b`] as tf.Tensor1D;
  // 1/√dh is folded into Q's weight and bias blocks (d² + d products instead of B·T·d).
  const block = (i: number, t: tf.Tensor, begin: number[], size: number[]): tf.Tensor =>
    i === 0 ? tf.mul(tf.slice(t, begin, size), 1 / Math.sqrt(dh)) : tf.slice(t, begin, size);
  const [q, k, v] = [0, 1, 2].map((i) =>
    tf.reshape(linear(h, block(i, w, [0, i * d], [d, d]) as tf.Tensor2D, block(i, b, [i * d], [d]) as tf.Tensor1D), [
      B,
      T,
      heads,
      dh,
    ]),
  );
  const qa: tf.Tensor3D = tf.reshape(tf.transpose(q, [1, 3, 0, 2]), [T, dh, C]); // [Ti, dh, C]
  const kb: tf.Tensor3D = tf.reshape(tf.transpose(k, [3, 0, 2, 1]), [dh, C, T]); // [dh, C, Tj]
  const scores = tf.reshape(batchedMatMulDw(qa, kb), [T, B, heads, T]); // [Ti, B, H, Tj]
  const weights = tf.softmax(tf.add(scores, bias));
  const pa: tf.Tensor3D = tf.transpose(tf.reshape(weights, [T, C, T]), [0, 2, 1]); // [Ti, Tj, C]
  const vb: tf.Tensor3D = tf.reshape(tf.transpose(v, [1, 0, 2, 3]), [T, C, dh]); // [Tj, C, dh]
  const out = tf.reshape(batchedMatMulDw(pa, vb), [T, B, heads, dh]);
  return tf.reshape(tf.transpose(out, [1, 0, 2, 3]), [B * T, d]);
}

/** x ← x + Attn(LN(x)); x ← x + FFN(LN(x)). x is [B·T, d]. */
export function transformerBlock(
  x: tf.Tensor2D,
  p: Params,
  prefix: string,
  B: number,
  T: number,
  heads: number,
  bias: tf.Tensor4D,
): tf.Tensor2D {
  const h1 = layerNorm(x, p[`${prefix}.ln1.g`] as tf.Tensor1D, p[`${prefix}.ln1.b`] as tf.Tensor1D);
  const att = selfAttention(h1, p, prefix, B, T, heads, bias);
  const x1: tf.Tensor2D = tf.add(
    x,
    linear(att, p[`${prefix}.out.w`] as tf.Tensor2D, p[`${prefix}.out.b`] as tf.Tensor1D),
  );
  const h2 = layerNorm(x1, p[`${prefix}.ln2.g`] as tf.Tensor1D, p[`${prefix}.ln2.b`] as tf.Tensor1D);
  const ff = linear(
    linear(h2, p[`${prefix}.ff1.w`] as tf.Tensor2D, p[`${prefix}.ff1.b`] as tf.Tensor1D, 'relu'),
    p[`${prefix}.ff2.w`] as tf.Tensor2D,
    p[`${prefix}.ff2.b`] as tf.Tensor1D,
  );
  return tf.add(x1, ff) as tf.Tensor2D;
}

const maskedMeanOp = tf.customGrad(((x: tf.Tensor2D, mask: tf.Tensor2D, save: tf.GradSaveFunc) => {
  const [B, T] = mask.shape;
  const d = x.shape[1];
  const inv = tf.div(1, tf.maximum(tf.sum(mask, 1, true), 1)); // [B, 1]
  const weights = tf.reshape(tf.mul(mask, inv), [B, T, 1]);
  save([weights]);
  return {
    value: tf.sum(tf.mul(tf.reshape(x, [B, T, d]), weights), 1),
    // dx[b, t] = dy[b] · mask[b, t] / count[b]: one broadcast product. Autodiff of the sum
    // materialises ones [B, T, d] and multiplies by them (4 ms per step on wasm at B = 128).
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => [
      tf.reshape(tf.mul(tf.reshape(dy, [B, 1, d]), saved[0]), [B * T, d]),
      tf.zerosLike(mask),
    ],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor2D;

/** Masked mean over T of x [B·T, d] with mask [B, T] → [B, d] (empty rows give 0; the mask gets no gradient). */
export function maskedMean(x: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  return maskedMeanOp(x, mask);
}
