import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import {
  buildStaticFeatures,
  createEncoderModel,
  ENCODER_MODEL_NAMES,
  initBackend,
  SEQUENCE_CONFIG_KEYS,
} from '../src/internal.ts';
import { permuteTestLabels, sealTask, shuffleSequences } from './fixtures/sealed-task.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

const tiny = {
  dModel: 16,
  heads: 2,
  blocks: 1,
  maxEvents: 16,
  maxSessions: 4,
  eventsPerSession: 4,
  itemBuckets: 64,
  categoryBuckets: 16,
  headHidden: 8,
  epochs: 2,
  batchSize: 32,
};

describe('createEncoderModel', () => {
  it('lists the eight benchmark names and runs each architecture (+social with graph features)', async () => {
    expect([...ENCODER_MODEL_NAMES]).toEqual([
      'transformer',
      'session-transformer',
      'gru',
      'transformer+social',
      'session-transformer+social',
      'gru+social',
      'ziln-mlp',
      'ziln-mlp+social',
    ]);
    await initBackend('wasm');
    const base = tinyTask(60, 8);
    const n = base.split.customers.length;
    const graph = {
      names: ['degree', 'pagerank'],
      columns: [
        Float64Array.from({ length: n }, (_, i) => i % 5),
        Float64Array.from({ length: n }, (_, i) => 1 / (i + 1)),
      ],
    };
    const task = { ...base, graph };
    for (const name of ['transformer', 'session-transformer', 'gru', 'gru+social']) {
      const model = createEncoderModel(name, tiny);
      expect(model.name).toBe(name);
      expect(model.config['useSocial']).toBe(name.endsWith('+social'));
      const out = await model.run(task);
      expect(out.value.length).toBe(n);
      expect(out.value.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      expect(out.repurchase.every((p) => p >= 0 && p <= 1)).toBe(true);
      const info = out.info!;
      expect((info['backend'] as { name: string }).name).toBe('wasm');
      expect(info['epochs']).toBeGreaterThanOrEqual(1);
      expect(typeof info['trainMs']).toBe('number');
      expect((info['config'] as Record<string, unknown>)['architecture']).toBe(name.split('+')[0]);
    }
    expect(task.split.fold.some((f) => f === Fold.test)).toBe(true);
  });
  it('fails clearly on unknown names and flags, and on +social without graph features', async () => {
    expect(() => createEncoderModel('lstm')).toThrow(/unknown model 'lstm'/);
    expect(() => createEncoderModel('gru+friends')).toThrow(/unknown flag '\+friends'/);
    expect(() => createEncoderModel('gru', { depth: 2 } as never)).toThrow(/unknown option 'depth'/);
    await expect(createEncoderModel('gru+social', tiny).run(tinyTask(30, 1))).rejects.toThrow(
      /useSocial \(\+social\) needs task.graph/,
    );
  });
});

// Normalized Gini (docs/architecture.md §Metrics) written out here, without ties handling
// (predictions are continuous).
function normalizedGini(actual: number[], pred: number[]): number {
  const raw = (order: number[]): number => {
    const idx = order.map((_, i) => i).sort((a, b) => order[b] - order[a]);
    const total = actual.reduce((a, b) => a + b, 0);
    let cum = 0,
      sum = 0;
    for (const i of idx) {
      cum += actual[i];
      sum += cum / total;
    }
    return (2 * sum) / actual.length - 1;
  };
  return raw(pred) / raw(actual);
}

describe('createEncoderModel learns the signal', () => {
  it('transformer ranks held-out customers by value better than chance (normalized Gini > 0.3 on the test fold)', async () => {
    await initBackend('wasm');
    const task = tinyTask(400, 12);
    const out = await createEncoderModel('transformer', { ...tiny, epochs: 8, patience: 8, learningRate: 3e-3 }).run(
      task,
    );
    const test = Array.from(task.split.fold.keys()).filter((i) => task.split.fold[i] === Fold.test);
    const g = normalizedGini(
      test.map((i) => task.split.score.target[i]),
      test.map((i) => out.value[i]),
    );
    expect(g).toBeGreaterThan(0.3);
  });
});

const graphOf = (n: number, shift = 0): { names: string[]; columns: Float64Array[] } => ({
  names: ['degree', 'pagerank'],
  columns: [
    Float64Array.from({ length: n }, (_, i) => (i + shift) % 5),
    Float64Array.from({ length: n }, (_, i) => 1 / (i + 1 + shift)),
  ],
});

describe("ziln-mlp (the encoders' static inputs, ZILN head and trainer without the sequence)", () => {
  it('trains and predicts on small data with no token grid and no embedding', async () => {
    await initBackend('wasm');
    const task = tinyTask(80, 8);
    const n = task.split.customers.length;
    const model = createEncoderModel('ziln-mlp', { epochs: 3, headHidden: 8 });
    expect(model.config['architecture']).toBe('none');
    expect(model.config['useRfm']).toBe(true);
    const out = await model.run(task);
    expect(out.value.length).toBe(n);
    expect(out.value.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(out.repurchase.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(out.embedding).toBeUndefined();
    expect(out.info!['sequenceLength']).toBe(0);
    expect(out.info!['embeddingDim']).toBe(0);
    expect(out.info!['epochs']).toBeGreaterThanOrEqual(1);
    const social = await createEncoderModel('ziln-mlp+social', { epochs: 2 }).run({ ...task, graph: graphOf(n) });
    expect(social.info!['config']).toMatchObject({ architecture: 'none', useRfm: true, useSocial: true });
  });
  it('accepts the head and trainer overrides, refuses the sequence-only keys and an empty input', () => {
    const m = createEncoderModel('ziln-mlp', {
      headHidden: '16',
      learningRate: 1e-3,
      epochs: 5,
      batchSize: 64,
      patience: 2,
      warmupSteps: 5,
      clipNorm: 2,
    });
    expect(m.config).toMatchObject({
      headHidden: 16,
      learningRate: 1e-3,
      epochs: 5,
      batchSize: 64,
      patience: 2,
      warmupSteps: 5,
      clipNorm: 2,
    });
    for (const key of SEQUENCE_CONFIG_KEYS)
      expect(() => createEncoderModel('ziln-mlp', { [key]: 1 })).toThrow(
        new RegExp(`'ziln-mlp' has no sequence, so '${key}' would have no effect`),
      );
    expect(() => createEncoderModel('ziln-mlp', { useRfm: false })).toThrow(
      /architecture 'none' \(ziln-mlp\) has no sequence, so it needs static inputs/,
    );
    expect(createEncoderModel('ziln-mlp+social', { useRfm: false }).config['useSocial']).toBe(true);
  });
  it('is deterministic for a seed, and another seed gives other predictions', async () => {
    await initBackend('wasm');
    const task = tinyTask(80, 9);
    const model = createEncoderModel('ziln-mlp', { epochs: 3 });
    const a = await model.run(task),
      b = await model.run(task);
    expect(b.value).toEqual(a.value);
    expect(b.repurchase).toEqual(a.repurchase);
    const c = await model.run({ ...task, seed: task.seed + 1 });
    expect(c.value).not.toEqual(a.value);
  });
  it('does not see the sequence: items, categories and event order reshuffled with the same RFM summary give bit-identical predictions', async () => {
    await initBackend('wasm');
    const task = tinyTask(100, 10);
    const shuffled = shuffleSequences(task, task.split.cutoff, 5);
    const zilnMlp = createEncoderModel('ziln-mlp', { epochs: 3 });
    const rfm = (t: typeof task): Float32Array =>
      buildStaticFeatures(t, t.split.cutoff, zilnMlp.config as never).values;
    expect(rfm(shuffled)).toEqual(rfm(task));
    expect(shuffled.log.item).not.toEqual(task.log.item);
    expect(shuffled.log.type).not.toEqual(task.log.type);
    const a = await zilnMlp.run(task),
      b = await zilnMlp.run(shuffled);
    expect(b.value).toEqual(a.value);
    expect(b.repurchase).toEqual(a.repurchase);
    // the perturbation is not vacuous: a sequence model sees it
    const transformer = createEncoderModel('transformer', { ...tiny, epochs: 1 });
    expect((await transformer.run(shuffled)).value).not.toEqual((await transformer.run(task)).value);
  });
});

describe('sealed task (test-fold labels NaN, no event at or after the cutoff)', () => {
  for (const [name, config] of [
    ['transformer', { ...tiny, epochs: 2 }],
    ['ziln-mlp+social', { epochs: 3 }],
    ['session-transformer+social', { ...tiny, epochs: 1 }],
  ] as const) {
    it(`${name}: sealing and permuting the test customers' labels give bit-identical predictions`, async () => {
      await initBackend('wasm');
      const base = tinyTask(90, 12);
      const task = { ...base, graph: graphOf(base.split.customers.length) };
      const sealed = sealTask(task);
      expect(sealed.split.fit.target.some(Number.isNaN)).toBe(true);
      expect(sealed.log.length).toBeLessThan(task.log.length);
      const model = createEncoderModel(name, config);
      const a = await model.run(task);
      for (const other of [sealed, permuteTestLabels(task, 1), sealTask(permuteTestLabels(task, 2))]) {
        const b = await model.run(other);
        expect(b.value).toEqual(a.value);
        expect(b.repurchase).toEqual(a.repurchase);
        expect(b.embedding?.data).toEqual(a.embedding?.data);
      }
    });
  }
});
