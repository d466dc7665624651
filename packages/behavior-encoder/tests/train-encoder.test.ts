import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, predictEncoder, resolveEncoderConfig, trainEncoder } from '../src/internal.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

const config = resolveEncoderConfig('tiny', { epochs: 6, patience: 10, warmupSteps: 2, learningRate: 5e-3 });

describe('trainEncoder', () => {
  it('trains on wasm: the train loss decreases, tensors do not leak, progress per epoch', async () => {
    await initBackend('wasm');
    const counts: number[] = [],
      messages: string[] = [];
    const task = tinyTask(120, 7, {
      progress: (_f, m) => {
        counts.push(tf.memory().numTensors);
        messages.push(m);
      },
    });
    const before = tf.memory().numTensors;
    const trained = await trainEncoder(task, config);
    const h = trained.info['history'] as { train: number }[];
    expect(h.length).toBe(6);
    expect(h[5].train).toBeLessThan(h[0].train - 0.05);
    expect(messages[0]).toMatch(/^epoch 1\/6 train \d+\.\d{4} valid \d+\.\d{4}$/);
    expect(new Set(counts.slice(1)).size).toBe(1); // steady from epoch 2 on (epoch 1 creates the best-weights copy)
    expect(tf.memory().numTensors).toBe(before);
    expect((trained.info['backend'] as { name: string }).name).toBe('wasm');
  });
  it('is deterministic: same seed and backend give identical predictions', async () => {
    await initBackend('wasm');
    const task = tinyTask(80, 3);
    const a = predictEncoder(await trainEncoder(task, config), task);
    const b = predictEncoder(await trainEncoder(task, config), task);
    expect(Array.from(a.value)).toEqual(Array.from(b.value));
    expect(Array.from(a.embedding)).toEqual(Array.from(b.embedding));
    const c = predictEncoder(await trainEncoder({ ...task, seed: task.seed + 1 }, config), task);
    expect(Array.from(c.value)).not.toEqual(Array.from(a.value));
  });
  it('rejects a NaN target with the customer named', async () => {
    await initBackend('wasm');
    const task = tinyTask(40, 5);
    const target = Float64Array.from(task.split.fit.target);
    const row = task.split.fold.indexOf(0);
    target[row] = NaN;
    const bad = { ...task, split: { ...task.split, fit: { ...task.split.fit, target } } };
    await expect(trainEncoder(bad, config)).rejects.toThrow(
      new RegExp(`target of customer '${task.log.customerIds[task.split.customers[row]]}' is NaN`),
    );
  });
  it('stops with a clear message when the loss diverges', async () => {
    await initBackend('wasm');
    const task = tinyTask(60, 5);
    const before = tf.memory().numTensors;
    await expect(
      trainEncoder(task, resolveEncoderConfig('tiny', { learningRate: 1e30, clipNorm: 1e30, warmupSteps: 1 })),
    ).rejects.toThrow(/behavior-encoder\/train: loss is .* at epoch \d+; training diverged/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
