import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import {
  initBackend,
  memoryBatchSource,
  predictEncoder,
  predictEncoderFromStore,
  resolveEncoderConfig,
  trainEncoder,
  trainEncoderFromStore,
  ZarrBatchStream,
  type BatchArrays,
} from '../src/internal.ts';
import { rechunked, removeTinyStores, writeTinyStore, type TinyStore } from './fixtures/prepared-store.ts';

afterAll(removeTinyStores);

const config = resolveEncoderConfig('tiny', { epochs: 4, patience: 10, warmupSteps: 2, learningRate: 5e-3 });

/** One key per batch row: its token ids, amounts, static inputs and label. */
function rowKeys(a: BatchArrays): string[] {
  const T = a.length,
    F = a.tokens.length / (a.rows * T),
    k = a.staticDim;
  return Array.from({ length: a.rows }, (_, i) =>
    [
      a.tokens.subarray(i * T * F, (i + 1) * T * F).join(','),
      a.amount.subarray(i * T, (i + 1) * T).join(','),
      a.staticX.subarray(i * k, (i + 1) * k).join(','),
      a.y[i],
    ].join('|'),
  );
}

async function collect(it: AsyncIterable<BatchArrays>): Promise<BatchArrays[]> {
  const out: BatchArrays[] = [];
  for await (const b of it) out.push(b);
  return out;
}

/** Largest event slice of one block of `block` cohort customers, from the in-memory offsets. */
function largestBlock(s: TinyStore, block: number): number {
  const { customers } = s.prepared.split,
    offsets = s.prepared.offsets;
  let peak = 0;
  for (let from = 0; from < customers.length; from += block) {
    peak = Math.max(
      peak,
      offsets[customers[Math.min(customers.length, from + block) - 1] + 1] - offsets[customers[from]],
    );
  }
  return peak;
}

describe('ZarrBatchStream', () => {
  it('with one window spanning the store, training and prediction equal the in-memory path exactly', async () => {
    await initBackend('wasm');
    const s = await writeTinyStore(200, 21);
    const mem = await trainEncoder(s.task, config);
    const streamed = await trainEncoderFromStore(s.path, config, {
      seed: s.task.seed,
      blockCustomers: 32,
      shuffleBlocks: 1000,
    });
    expect(streamed.info['history']).toEqual(mem.info['history']);
    expect(streamed.datasetHash).toBe(mem.datasetHash);
    expect(streamed.staticNames).toEqual(mem.staticNames);
    expect(streamed.staticMean).toEqual(mem.staticMean);
    for (const [name, w] of Object.entries(mem.weights)) expect(streamed.weights[name].values).toEqual(w.values);
    const a = predictEncoder(mem, s.task);
    const b = await predictEncoderFromStore(streamed, s.path, { blockCustomers: 256 });
    expect(b.value).toEqual(a.value);
    expect(b.repurchase).toEqual(a.repurchase);
    expect(b.embedding).toEqual(a.embedding);
    expect(b.customers).toEqual(s.prepared.split.customers);
  });

  it('windowed over a chunked store: every train row once per epoch in ceil(n / batch) batches, a new order each epoch, memory bounded by block and window', async () => {
    const s = await rechunked(await writeTinyStore(300, 22), 2000); // several chunks: blocks are grouped by chunk
    const c = resolveEncoderConfig('tiny', { useRfm: true });
    const mem = memoryBatchSource(s.task, c);
    expect(s.prepared.log.length).toBeGreaterThan(4 * 2000);
    const stream = await ZarrBatchStream.open(s.path, c, { blockCustomers: 20, shuffleBlocks: 3 });
    const bs = c.batchSize,
      n = mem.trainTargets.length;
    expect(stream.trainTargets).toEqual(mem.trainTargets);
    expect([stream.validCount, stream.staticMean, stream.staticStd]).toEqual([
      mem.validCount,
      mem.staticMean,
      mem.staticStd,
    ]);
    const want = (await collect(mem.trainBatches(createRng(1), bs))).flatMap(rowKeys).sort();
    const rng = createRng(5);
    const epochs: string[][] = [];
    for (let e = 0; e < 2; e++) {
      const batches = await collect(stream.trainBatches(rng, bs));
      expect(batches.length).toBe(Math.ceil(n / bs));
      expect(batches.slice(0, -1).every((b) => b.rows === bs)).toBe(true);
      epochs.push(batches.flatMap(rowKeys));
      expect([...epochs[e]].sort()).toEqual(want);
    }
    expect(epochs[1]).not.toEqual(epochs[0]);
    const valid = await collect(stream.validBatches(bs)),
      memValid = await collect(mem.validBatches(bs));
    expect(valid).toEqual(memValid);
    const info = stream.info()['stream'] as Record<string, number>;
    expect(info['peakEvents']).toBeLessThanOrEqual(largestBlock(s, 20));
    expect(info['peakEvents']).toBeLessThan(s.prepared.log.length / 10);
    expect(info['peakRowsHeld']).toBeLessThanOrEqual(3 * 20 + bs - 1);
  });

  it('streamed training is deterministic per seed, learns, and keeps the tensor count steady across epochs', async () => {
    await initBackend('wasm');
    const s = await writeTinyStore(200, 23);
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const options = { seed: 3, blockCustomers: 16, shuffleBlocks: 2 };
    const a = await trainEncoderFromStore(s.path, config, {
      ...options,
      progress: () => counts.push(tf.memory().numTensors),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(counts.length).toBe(4);
    expect(new Set(counts.slice(1)).size).toBe(1); // steady from epoch 2 on (epoch 1 creates the best-weights copy)
    const h = a.info['history'] as { train: number }[];
    expect(h[3].train).toBeLessThan(h[0].train - 0.02);
    const stream = a.info['stream'] as Record<string, number>;
    expect(stream['blockCustomers']).toBe(16);
    expect(stream['peakEvents']).toBeLessThanOrEqual(largestBlock(s, 16));
    const b = await trainEncoderFromStore(s.path, config, options);
    const pa = await predictEncoderFromStore(a, s.path),
      pb = await predictEncoderFromStore(b, s.path);
    expect(pb.value).toEqual(pa.value);
    expect(pb.embedding).toEqual(pa.embedding);
    const c = await trainEncoderFromStore(s.path, config, { ...options, seed: 4 });
    expect((await predictEncoderFromStore(c, s.path)).value).not.toEqual(pa.value);
  });

  it('ziln-mlp streams no tokens: training and prediction equal the in-memory path, the train fold alone scales the inputs', async () => {
    await initBackend('wasm');
    const s = await writeTinyStore(200, 24);
    const c = resolveEncoderConfig('ziln-mlp', { epochs: 3 });
    const mem = await trainEncoder(s.task, c);
    const streamed = await trainEncoderFromStore(s.path, c, {
      seed: s.task.seed,
      blockCustomers: 32,
      shuffleBlocks: 1000,
    });
    expect(streamed.info['history']).toEqual(mem.info['history']);
    expect(streamed.staticMean).toEqual(mem.staticMean);
    expect(streamed.staticStd).toEqual(mem.staticStd);
    for (const [name, w] of Object.entries(mem.weights)) expect(streamed.weights[name].values).toEqual(w.values);
    const a = predictEncoder(mem, s.task),
      b = await predictEncoderFromStore(streamed, s.path, { blockCustomers: 64 });
    expect(b.value).toEqual(a.value);
    expect([b.dim, b.embedding.length]).toEqual([0, 0]);
    const windowed = await ZarrBatchStream.open(s.path, c, { blockCustomers: 20, shuffleBlocks: 2 });
    const memSource = memoryBatchSource(s.task, c);
    expect([windowed.staticMean, windowed.staticStd]).toEqual([memSource.staticMean, memSource.staticStd]);
    const batches = await collect(windowed.trainBatches(createRng(1), 16));
    expect(batches.every((x) => x.tokens.length === 0 && x.staticX.length === x.rows * 4)).toBe(true);
  });

  it("temporal store: +social training at the fit cutoff is refused (the stored graph is the score cutoff's)", async () => {
    const s = await writeTinyStore(120, 25, 'temporal');
    await expect(ZarrBatchStream.open(s.path, resolveEncoderConfig('ziln-mlp', { useSocial: true }))).rejects.toThrow(
      /features\/graph is computed before the score cutoff .*the store holds no graph at the fit cutoff/,
    );
  });
});
