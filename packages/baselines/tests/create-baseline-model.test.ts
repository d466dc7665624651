import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/events';
import { Fold } from '@clvlab/sessions';
import type { ModelOutput, ModelTask } from '@clvlab/sessions';
import { BASELINE_MODEL_NAMES, createBaselineModel } from '../src/index.ts';
import type { BaselineModelName } from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';

/** Normalized Gini of `pred` against `actual` on `rows` (DESIGN §5, ties ignored), for a sanity floor. */
function gini(pred: Float64Array, actual: Float64Array, rows: number[]): number {
  const raw = (key: Float64Array): number => {
    const order = [...rows].sort((a, b) => key[b] - key[a]);
    const total = rows.reduce((s, i) => s + actual[i], 0);
    let cum = 0, area = 0;
    for (const i of order) { cum += actual[i]; area += cum / total; }
    return (2 * area) / rows.length - 1;
  };
  return raw(pred) / raw(actual);
}

describe('createBaselineModel on the CDNOW benchmark task', () => {
  let task: ModelTask;
  const outputs = new Map<string, ModelOutput>();
  beforeAll(async () => {
    task = await cdnowTask();
    const rng = createRng(5);
    const graph = { names: ['pagerank', 'degree'], columns: [Float64Array.from(task.split.customers, () => rng.next()), Float64Array.from(task.split.customers, () => rng.int(20))] };
    for (const name of BASELINE_MODEL_NAMES) outputs.set(name, await createBaselineModel(name).run({ ...task, graph }));
  });

  it('lists the six baselines', () => {
    expect(BASELINE_MODEL_NAMES).toEqual(['historical-rate', 'rfm-segment', 'rfm-linear', 'rfm-linear+social', 'bgnbd-gg', 'pareto-nbd-gg']);
  });

  it('predicts a value >= 0 and a repurchase score in [0, 1] for every cohort customer', () => {
    for (const name of BASELINE_MODEL_NAMES) {
      const out = outputs.get(name)!;
      expect(out.value.length).toBe(task.split.customers.length);
      expect(out.repurchase.length).toBe(task.split.customers.length);
      expect(out.value.every((v) => v >= 0 && Number.isFinite(v))).toBe(true);
      expect(out.repurchase.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('ranks test customers better than chance (normalized Gini > 0.3 for every model)', () => {
    const test = Array.from(task.split.fold.keys()).filter((i) => task.split.fold[i] === Fold.test);
    for (const name of BASELINE_MODEL_NAMES) expect(gini(outputs.get(name)!.value, task.split.score.target, test)).toBeGreaterThan(0.3);
  });

  it('fits the published BG/NBD and Pareto/NBD parameters inside the benchmark models', () => {
    const bg = outputs.get('bgnbd-gg')!.info as { unit: string; params: Record<string, number>; spend: { params: Record<string, number> } };
    expect(bg.unit).toBe('week');
    expect(Math.abs(bg.params.r / 0.243 - 1)).toBeLessThan(0.005);
    expect(Math.abs(bg.spend.params.p / 6.25 - 1)).toBeLessThan(0.005);
    const pn = outputs.get('pareto-nbd-gg')!.info as { params: Record<string, number> };
    expect(Math.abs(pn.params.s / 0.606 - 1)).toBeLessThan(0.005);
  });

  it('is deterministic', async () => {
    const again = await createBaselineModel('rfm-linear').run(task);
    expect(Array.from(again.value)).toEqual(Array.from(outputs.get('rfm-linear')!.value));
  });

  it('fails loudly on unknown names, unknown config keys and a missing graph', async () => {
    expect(() => createBaselineModel('bgnbd' as BaselineModelName)).toThrow("baselines/createBaselineModel: unknown model 'bgnbd'");
    expect(() => createBaselineModel('bgnbd-gg', { units: 'week' })).toThrow("baselines/bgnbd-gg: unknown config key 'units'");
    expect(() => createBaselineModel('bgnbd-gg', { unit: 'month' })).toThrow("baselines/bgnbd-gg: unit must be 'auto', 'week' or 'day'");
    await expect(createBaselineModel('rfm-linear+social').run(task)).rejects.toThrow('baselines/rfm-linear+social: the dataset has no social graph features (task.graph is absent)');
  });
});
