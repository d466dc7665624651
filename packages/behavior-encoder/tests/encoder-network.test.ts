import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  buildSequenceInputs,
  encoderForward,
  encoderParamShapes,
  initBackend,
  initEncoderWeights,
  makeBatch,
  makeLabels,
  resolveEncoderConfig,
  zilnLoss,
} from '../src/internal.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

// Whole-model gradients of the ZILN loss on wasm (hand-written kernels and custom gradients)
// must equal the cpu backend's within float tolerance, for every architecture.
const task = tinyTask(40, 11);
const variants: [string, Record<string, unknown>][] = [
  ['transformer', {}],
  ['session-transformer', {}],
  ['session-transformer', { sessionMixer: 'gru' }],
  ['gru', {}],
];

async function lossAndGrads(
  backend: 'cpu' | 'wasm',
  preset: string,
  extra: Record<string, unknown>,
): Promise<{ loss: number; grads: Record<string, Float32Array>; emb: number[] }> {
  await initBackend(backend);
  const c = resolveEncoderConfig('tiny', { architecture: preset, ...extra });
  const inputs = buildSequenceInputs(task, task.split.fit.featureEnd, c);
  const w = initEncoderWeights(encoderParamShapes(c, 0), c, 1, { positiveRate: 0.5, logMean: 3, logStd: 1 });
  const params: Record<string, tf.Tensor> = {};
  for (const [n, a] of Object.entries(w)) params[n] = tf.tensor(a.values, [...a.shape]);
  // The head's output weights start at 0 (which would zero every upstream gradient): use random ones here.
  params['head.out.w'] = tf.tensor(
    Float32Array.from({ length: c.headHidden * 3 }, (_, i) => Math.sin(i + 1) * 0.5),
    [c.headHidden, 3],
  );
  const idx = Int32Array.from({ length: 12 }, (_, i) => i);
  const batch = makeBatch(inputs, new Float32Array(0), 0, idx, 0, 12);
  const y = makeLabels(task.split.fit.target, idx, 0, 12);
  const names = Object.keys(params).sort();
  const g = tf.grads((...ps: tf.Tensor[]) => {
    const p: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => {
      p[n] = ps[i];
    });
    return zilnLoss(encoderForward(p, batch, c).out, y);
  })(names.map((n) => params[n]));
  const grads: Record<string, Float32Array> = {};
  names.forEach((n, i) => {
    grads[n] = Float32Array.from(g[i].dataSync());
  });
  const p2: Record<string, tf.Tensor> = params;
  const loss = zilnLoss(encoderForward(p2, batch, c).out, y).dataSync()[0];
  const emb = Array.from(encoderForward(p2, batch, c).embedding.dataSync());
  return { loss, grads, emb };
}

describe('encoder network', () => {
  for (const [preset, extra] of variants) {
    it(`${preset} ${JSON.stringify(extra)}: wasm loss and gradients equal cpu`, async () => {
      const cpu = await lossAndGrads('cpu', preset, extra);
      const wasm = await lossAndGrads('wasm', preset, extra);
      expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
      wasm.emb.forEach((v, i) => expect(v).toBeCloseTo(cpu.emb[i], 3));
      let nonZero = 0;
      for (const [name, g] of Object.entries(cpu.grads)) {
        const scale = Math.max(1e-3, ...Array.from(g, Math.abs));
        g.forEach((v, i) => expect(Math.abs(wasm.grads[name][i] - v) / scale).toBeLessThan(2e-3));
        if (g.some((v) => v !== 0)) nonZero++;
      }
      // the check is not vacuous: every parameter gets a gradient
      expect(nonZero).toBe(Object.keys(cpu.grads).length);
    });
  }
  it('none (ziln-mlp): the head alone over the static inputs, and no static input is an error', async () => {
    await initBackend('wasm');
    const c = resolveEncoderConfig('ziln-mlp', { headHidden: 8 });
    expect(encoderParamShapes(c, 4)).toEqual({
      'head.hid.w': [4, 8],
      'head.hid.b': [8],
      'head.out.w': [8, 3],
      'head.out.b': [3],
    });
    expect(() => encoderParamShapes(c, 0)).toThrow(/architecture 'none' \(ziln-mlp\) needs at least one static input/);
    const w = initEncoderWeights(encoderParamShapes(c, 4), c, 1, { positiveRate: 0.5, logMean: 3, logStd: 1 });
    const p: Record<string, tf.Tensor> = {};
    for (const [n, a] of Object.entries(w)) p[n] = tf.tensor(a.values, [...a.shape]);
    const x = Float32Array.from({ length: 3 * 4 }, (_, i) => Math.sin(i));
    const batch = {
      rows: 3,
      tokens: tf.tensor1d([], 'int32'),
      amount: tf.zeros([0, 1]) as tf.Tensor2D,
      mask: tf.zeros([3, 0]) as tf.Tensor2D,
      staticX: tf.tensor2d(x, [3, 4]),
    };
    const f = encoderForward(p, batch, c);
    expect(f.embedding.shape).toEqual([3, 0]);
    // by hand: relu(x·W1 + b1)·W2 + b2 (W2 starts at 0, so the output is the initial bias)
    const out = f.out.arraySync() as number[][];
    out.forEach((row) => row.forEach((v, j) => expect(v).toBeCloseTo(w['head.out.b'].values[j], 6)));
    expect(() => encoderForward(p, { ...batch, staticX: undefined }, c)).toThrow(/needs static inputs in the batch/);
    tf.dispose([...Object.values(p), batch.tokens, batch.amount, batch.mask, batch.staticX, f.embedding, f.out]);
  });
});
