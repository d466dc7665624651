import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  batchArrays,
  buildSequenceInputs,
  encoderParamShapes,
  initBackend,
  initEncoderWeights,
  ParallelGradients,
  predictEncoder,
  resolveEncoderConfig,
  trainEncoder,
} from '../src/internal.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

// Data-parallel gradients over a real worker thread (own wasm backend) must equal this
// thread's full-batch gradient up to float rounding, and training with 2 workers must give
// the same model as with 1 (up to rounding) and be deterministic.
describe('ParallelGradients', () => {
  it('a 2-way split over a worker thread equals the single-thread gradient', async () => {
    await initBackend('wasm');
    const task = tinyTask(60, 6);
    const c = resolveEncoderConfig('tiny');
    const inputs = buildSequenceInputs(task, task.split.fit.featureEnd, c);
    const w = initEncoderWeights(encoderParamShapes(c, 0), c, 2, { positiveRate: 0.5, logMean: 3, logStd: 1 });
    const names = Object.keys(w).sort();
    const vars = names.map((n) =>
      tf.tidy(() => tf.variable(tf.tensor(w[n].values, [...w[n].shape]), true, `pg-test/${n}`)),
    );
    const idx = Int32Array.from({ length: 20 }, (_, i) => i);
    const arrays = batchArrays(inputs, new Float32Array(0), 0, idx, 0, 20, task.split.fit.target);
    const results: { loss: number; grad: Float32Array }[] = [];
    for (const count of [1, 2]) {
      const engine = await ParallelGradients.create(vars, names, c, count, 'wasm');
      try {
        const { lossSum, grad } = await engine.lossAndGrads(arrays);
        results.push({ loss: lossSum.dataSync()[0], grad: Float32Array.from(grad.dataSync()) });
        tf.dispose([lossSum, grad]);
      } finally {
        await engine.dispose();
      }
    }
    expect(results[1].loss).toBeCloseTo(results[0].loss, 3);
    const scale = Math.max(...Array.from(results[0].grad, Math.abs));
    results[0].grad.forEach((g, i) => expect(Math.abs(results[1].grad[i] - g) / scale).toBeLessThan(1e-5));
    tf.dispose(vars);
  });
  it('training with 2 workers matches 1 worker and is deterministic', async () => {
    await initBackend('wasm');
    const task = tinyTask(60, 9);
    const one = predictEncoder(await trainEncoder(task, resolveEncoderConfig('tiny', { epochs: 2 })), task);
    const twoA = predictEncoder(
      await trainEncoder(task, resolveEncoderConfig('tiny', { epochs: 2, workers: 2 })),
      task,
    );
    const twoB = predictEncoder(
      await trainEncoder(task, resolveEncoderConfig('tiny', { epochs: 2, workers: 2 })),
      task,
    );
    expect(Array.from(twoA.value)).toEqual(Array.from(twoB.value));
    twoA.value.forEach((v, i) => expect(Math.abs(v - one.value[i]) / Math.max(1, one.value[i])).toBeLessThan(1e-3));
  });
});
