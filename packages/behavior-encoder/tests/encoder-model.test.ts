import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import { createEncoderModel, ENCODER_MODEL_NAMES, initBackend } from '../src/index.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

const tiny = { dModel: 16, heads: 2, blocks: 1, maxEvents: 16, maxSessions: 4, eventsPerSession: 4, itemBuckets: 64, categoryBuckets: 16, headHidden: 8, epochs: 2, batchSize: 32 };

describe('createEncoderModel', () => {
  it('lists the six benchmark names and runs each architecture (+social with graph features)', async () => {
    expect([...ENCODER_MODEL_NAMES]).toEqual(['transformer', 'session-transformer', 'gru', 'transformer+social', 'session-transformer+social', 'gru+social']);
    await initBackend('wasm');
    const base = tinyTask(60, 8);
    const n = base.split.customers.length;
    const graph = { names: ['degree', 'pagerank'], columns: [Float64Array.from({ length: n }, (_, i) => i % 5), Float64Array.from({ length: n }, (_, i) => 1 / (i + 1))] };
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
    expect(() => createEncoderModel('gru', { depth: 2 } as never)).toThrow(/unknown key 'depth'/);
    await expect(createEncoderModel('gru+social', tiny).run(tinyTask(30, 1))).rejects.toThrow(/useSocial \(\+social\) needs task.graph/);
  });
});

// Normalized Gini (DESIGN §5) written out here, without ties handling (predictions are continuous).
function normalizedGini(actual: number[], pred: number[]): number {
  const raw = (order: number[]): number => {
    const idx = order.map((_, i) => i).sort((a, b) => order[b] - order[a]);
    const total = actual.reduce((a, b) => a + b, 0);
    let cum = 0, sum = 0;
    for (const i of idx) { cum += actual[i]; sum += cum / total; }
    return (2 * sum) / actual.length - 1;
  };
  return raw(pred) / raw(actual);
}

describe('createEncoderModel learns the signal', () => {
  it('transformer ranks held-out customers by value better than chance (normalized Gini > 0.3 on the test fold)', async () => {
    await initBackend('wasm');
    const task = tinyTask(400, 12);
    const out = await createEncoderModel('transformer', { ...tiny, epochs: 8, patience: 8, learningRate: 3e-3 }).run(task);
    const test = Array.from(task.split.fold.keys()).filter((i) => task.split.fold[i] === Fold.test);
    const g = normalizedGini(test.map((i) => task.split.score.target[i]), test.map((i) => out.value[i]));
    expect(g).toBeGreaterThan(0.3);
  });
});
