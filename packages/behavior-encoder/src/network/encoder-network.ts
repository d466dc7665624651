// The three sequence encoders over a token grid, pooled into a customer embedding, and the
// ZILN head. `transformer`: flat sequence, pre-norm blocks (BST: Chen et al. 2019, "Behavior
// Sequence Transformer for E-commerce Recommendation in Alibaba"). `session-transformer`:
// attention inside each session, session vectors with a session-position bias, then attention
// or a GRU across sessions (DSIN: Feng et al. 2019, "Deep Session Interest Network for
// Click-Through Rate Prediction", §3.3–3.4). `gru`: recurrent baseline. Every token is the sum
// of its field embeddings (one gather from one concatenated table) plus amount·w. `none`
// (`ziln-mlp`): no sequence — the sequence vector has width 0, so the same head sees the static
// inputs alone (the ablation that isolates what the sequence adds).
import * as tf from '@tensorflow/tfjs';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { tokenGridLength } from '../adapters/encoder-config.ts';
import { attentionBias, maskedMean, transformerBlock, transformerBlockShapes, type Params } from './attention.ts';
import { gruLayer, gruShapes } from './gru-layer.ts';
import { embeddingBagSum } from '../kernels/embedding-bag.ts';
import { layerNorm, linear, outerProduct } from '../kernels/fast-ops.ts';
import { tokenFieldSizes } from '../data/sequence-inputs.ts';

/** One batch as tensors: tokens [B·T·F] int32, amount [B·T, 1], mask [B, T], static [B, K] (K may be 0). */
export interface BatchTensors {
  readonly rows: number;
  readonly tokens: tf.Tensor1D;
  readonly amount: tf.Tensor2D;
  readonly mask: tf.Tensor2D;
  readonly staticX?: tf.Tensor2D;
}

/** Parameter shapes (name → shape) for a config with `staticDim` static inputs. */
export function encoderParamShapes(c: Readonly<EncoderConfig>, staticDim: number): Record<string, number[]> {
  if (c.architecture === 'none') {
    if (staticDim === 0)
      throw new Error(
        "behavior-encoder/encoder-network: architecture 'none' (ziln-mlp) needs at least one static input",
      );
    return headShapes(c, 0, staticDim);
  }
  const d = c.dModel,
    ffn = c.ffnMultiplier * d;
  const vocab = tokenFieldSizes(c).reduce((a, b) => a + b, 0);
  const shapes: Record<string, number[]> = { 'table.emb': [vocab, d], 'amt.w': [1, d] };
  if (c.architecture === 'transformer') {
    for (let i = 0; i < c.blocks; i++) Object.assign(shapes, transformerBlockShapes(`blk${i}`, d, ffn));
  } else if (c.architecture === 'session-transformer') {
    for (let i = 0; i < c.blocks; i++) Object.assign(shapes, transformerBlockShapes(`blk${i}`, d, ffn));
    shapes['sess.pos'] = [c.maxSessions, d];
    if (c.sessionMixer === 'attention') {
      for (let i = 0; i < c.blocks; i++) Object.assign(shapes, transformerBlockShapes(`xblk${i}`, d, ffn));
    } else Object.assign(shapes, gruShapes('xgru', d, d));
    shapes['sess.ln.g'] = [d];
    shapes['sess.ln.b'] = [d];
  } else Object.assign(shapes, gruShapes('gru', d, d));
  shapes['final.ln.g'] = [d];
  shapes['final.ln.b'] = [d];
  return Object.assign(shapes, headShapes(c, d, staticDim));
}

/** The ZILN head's MLP over [sequence vector (width d) ‖ static inputs]. */
function headShapes(c: Readonly<EncoderConfig>, d: number, staticDim: number): Record<string, number[]> {
  return {
    'head.hid.w': [d + staticDim, c.headHidden],
    'head.hid.b': [c.headHidden],
    'head.out.w': [c.headHidden, 3],
    'head.out.b': [3],
  };
}

function embedTokens(p: Params, batch: BatchTensors, T: number, F: number): tf.Tensor2D {
  const rows = batch.rows * T;
  const bag = embeddingBagSum(p['table.emb'] as tf.Tensor2D, tf.reshape(batch.tokens, [rows, F]));
  return tf.add(bag, outerProduct(batch.amount, p['amt.w'] as tf.Tensor2D)) as tf.Tensor2D;
}

/** Forward pass: customer embedding [B, d] ([B, 0] without a sequence) and head output [B, 3] = (logit, μ, σ̃). */
export function encoderForward(
  p: Params,
  batch: BatchTensors,
  c: Readonly<EncoderConfig>,
): { embedding: tf.Tensor2D; out: tf.Tensor2D } {
  if (c.architecture === 'none') {
    if (batch.staticX === undefined || batch.staticX.shape[1] === 0)
      throw new Error(
        "behavior-encoder/encoder-network: architecture 'none' (ziln-mlp) needs static inputs in the batch",
      );
    return { embedding: tf.zeros([batch.rows, 0]), out: zilnHead(p, batch.staticX) };
  }
  const d = c.dModel,
    T = tokenGridLength(c),
    F = tokenFieldSizes(c).length,
    B = batch.rows;
  let x = embedTokens(p, batch, T, F);
  let pooled: tf.Tensor2D;
  if (c.architecture === 'transformer') {
    const bias = attentionBias(batch.mask);
    for (let i = 0; i < c.blocks; i++) x = transformerBlock(x, p, `blk${i}`, B, T, c.heads, bias);
    pooled = maskedMean(x, batch.mask);
  } else if (c.architecture === 'session-transformer') {
    const S = c.maxSessions,
      E = c.eventsPerSession;
    const innerMask = tf.reshape(batch.mask, [B * S, E]) as tf.Tensor2D;
    const bias = attentionBias(innerMask);
    for (let i = 0; i < c.blocks; i++) x = transformerBlock(x, p, `blk${i}`, B * S, E, c.heads, bias);
    let sess = maskedMean(x, innerMask); // [B·S, d]
    sess = tf.reshape(tf.add(tf.reshape(sess, [B, S, d]), p['sess.pos']), [B * S, d]);
    sess = layerNorm(sess, p['sess.ln.g'] as tf.Tensor1D, p['sess.ln.b'] as tf.Tensor1D);
    const sessMask = tf.cast(tf.greater(tf.sum(tf.reshape(batch.mask, [B, S, E]), 2), 0), 'float32') as tf.Tensor2D;
    if (c.sessionMixer === 'attention') {
      const xbias = attentionBias(sessMask);
      for (let i = 0; i < c.blocks; i++) sess = transformerBlock(sess, p, `xblk${i}`, B, S, c.heads, xbias);
      pooled = maskedMean(sess, sessMask);
    } else pooled = gruLayer(sess, sessMask, p, 'xgru', d);
  } else {
    pooled = gruLayer(x, batch.mask, p, 'gru', d);
  }
  const embedding = layerNorm(pooled, p['final.ln.g'] as tf.Tensor1D, p['final.ln.b'] as tf.Tensor1D);
  const headIn =
    batch.staticX !== undefined && batch.staticX.shape[1] > 0 ? tf.concat([embedding, batch.staticX], 1) : embedding;
  return { embedding, out: zilnHead(p, headIn) };
}

/** The ZILN head (Wang, Liu & Miao 2019, §3.2): one ReLU hidden layer, then (logit, μ, σ̃). */
function zilnHead(p: Params, headIn: tf.Tensor2D): tf.Tensor2D {
  const hidden = linear(headIn, p['head.hid.w'] as tf.Tensor2D, p['head.hid.b'] as tf.Tensor1D, 'relu');
  return linear(hidden, p['head.out.w'] as tf.Tensor2D, p['head.out.b'] as tf.Tensor1D);
}

/** Analytic forward FLOPs per step of the transformer for B rows (2·m·k·n per matMul; attention QKᵀ and AV). */
export function transformerForwardFlops(c: Readonly<EncoderConfig>, B: number): number {
  const d = c.dModel,
    T = tokenGridLength(c),
    N = B * T,
    ffn = c.ffnMultiplier * d;
  const dense = 2 * N * d * (3 * d) + 2 * N * d * d + 2 * N * d * ffn * 2;
  const attention = 2 * (2 * B * T * T * d);
  return c.blocks * (dense + attention) + 2 * B * d * c.headHidden + 2 * B * c.headHidden * 3;
}
