import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerOffsets } from '@clvlab/events';
import { evaluationSplit, splitSessions, type FeatureTable, type ModelTask } from '@clvlab/sessions';
import {
  initBackend,
  loadEncoder,
  predictEncoder,
  resolveEncoderConfig,
  saveEncoder,
  trainEncoder,
} from '../src/internal.ts';
import { permuteDictionaries, START, tinyLog, tinyTask } from './fixtures/tiny-task.ts';

const DAY = 86_400_000;

function graph(n: number, scale: number): FeatureTable {
  return {
    names: ['degree', 'pagerank'],
    columns: [
      Float64Array.from({ length: n }, (_, i) => (i % 7) * scale),
      Float64Array.from({ length: n }, (_, i) => scale / (i + 1)),
    ],
  };
}

// Temporal protocol (packages/sessions model-task.ts): training builds its static inputs at
// split.fit.featureEnd with task.graphFit, prediction at split.score.featureEnd with task.graph.
describe('predictEncoder under the temporal protocol', () => {
  for (const preset of ['ziln-mlp', 'transformer']) {
    it(`${preset}+social: trains on graphFit and predicts from graph`, async () => {
      await initBackend('wasm');
      const log = tinyLog(120, 17);
      const split = evaluationSplit(log, {
        start: START,
        cutoff: START + 200 * DAY,
        horizon: 60 * DAY,
        protocol: 'temporal',
        seed: 1,
      });
      const task: ModelTask = { log, session: splitSessions(log), offsets: customerOffsets(log), split, seed: 3 };
      const n = split.customers.length,
        atFit = graph(n, 1),
        atScore = graph(n, 2.5),
        other = graph(n, 0.3);
      const c = resolveEncoderConfig(preset, {
        ...(preset === 'transformer'
          ? { dModel: 16, heads: 2, maxEvents: 16, itemBuckets: 64, categoryBuckets: 16 }
          : {}),
        useSocial: true,
        epochs: 2,
      });
      const trained = await trainEncoder({ ...task, graph: atScore, graphFit: atFit }, c);
      const same = await trainEncoder({ ...task, graph: atFit }, c);
      for (const [name, w] of Object.entries(trained.weights)) expect(same.weights[name].values).toEqual(w.values);
      const scored = predictEncoder(trained, { ...task, graph: atScore, graphFit: atFit });
      expect(predictEncoder(trained, { ...task, graph: atScore, graphFit: other }).value).toEqual(scored.value); // graphFit is not read at the score cutoff
      expect(predictEncoder(trained, { ...task, graph: other, graphFit: atFit }).value).not.toEqual(scored.value); // graph is
      const atFitWindow = predictEncoder(trained, { ...task, graph: atScore, graphFit: atFit }, 'fit');
      expect(predictEncoder(trained, { ...task, graph: other, graphFit: atFit }, 'fit').value).toEqual(
        atFitWindow.value,
      );
    });
  }
});

// Readers number items and categories in order of first appearance, so the same events can come
// with their dictionaries numbered differently; the model's inputs hash the id strings, so
// training and prediction (also through saveEncoder / loadEncoder) cannot tell.
describe('predictEncoder with renumbered item and category dictionaries', () => {
  it('trains the same weights and predicts bit-identically', async () => {
    await initBackend('wasm');
    const task = tinyTask(80, 6),
      permuted: ModelTask = { ...task, log: permuteDictionaries(task.log) };
    const c = resolveEncoderConfig('tiny', { epochs: 2 });
    const trained = await trainEncoder(task, c);
    const again = await trainEncoder(permuted, c);
    for (const [name, w] of Object.entries(trained.weights)) expect(again.weights[name].values).toEqual(w.values);
    const want = predictEncoder(trained, task);
    const dir = await mkdtemp(join(tmpdir(), 'clvlab-enc-'));
    try {
      await saveEncoder(join(dir, 'model'), trained);
      for (const got of [
        predictEncoder(trained, permuted),
        predictEncoder(await loadEncoder(join(dir, 'model')), permuted),
      ]) {
        expect(got.value).toEqual(want.value);
        expect(got.repurchase).toEqual(want.repurchase);
        expect(got.embedding).toEqual(want.embedding);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// predictEncoder fills the token grid a block of rows at a time (memory bound at 1M customers);
// blocks are whole prediction batches, so every batch holds the rows it held with the whole grid.
describe('predictEncoder in blocks', () => {
  it('gives bit-identical predictions and embeddings for one-batch blocks and one whole-cohort block', async () => {
    await initBackend('wasm');
    const task = tinyTask(700, 9);
    const trained = await trainEncoder(task, resolveEncoderConfig('tiny', { epochs: 1 }));
    const whole = predictEncoder(trained, task, 'score', { blockRows: 1e9 });
    const blocks = predictEncoder(trained, task, 'score', { blockRows: 1 });
    expect(task.split.customers.length).toBeGreaterThan(2 * Math.max(trained.config.batchSize, 256));
    expect(blocks.value).toEqual(whole.value);
    expect(blocks.repurchase).toEqual(whole.repurchase);
    expect(blocks.embedding).toEqual(whole.embedding);
  });
});
