import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { Fold } from '@clvlab/sessions';
import type { FeatureTable, ModelOutput, ModelTask } from '@clvlab/sessions';
import { BASELINE_MODEL_NAMES, createBaselineModel } from '../src/index.ts';
import type { BaselineModelName } from '../src/index.ts';
import { cdnowTask, cdnowTemporalTask } from './fixtures.ts';
import { perturbTestFold, rowsOf, sameBits, sealTask } from './sealed-task.ts';

/**
 * Normalized Gini of `pred` against `actual` on `rows` (docs/architecture.md §Metrics, ties
 * ignored), for a sanity floor.
 */
function gini(pred: Float64Array, actual: Float64Array, rows: number[]): number {
  const raw = (key: Float64Array): number => {
    const order = [...rows].sort((a, b) => key[b] - key[a]);
    const total = rows.reduce((s, i) => s + actual[i], 0);
    let cum = 0,
      area = 0;
    for (const i of order) {
      cum += actual[i];
      area += cum / total;
    }
    return (2 * area) / rows.length - 1;
  };
  return raw(pred) / raw(actual);
}

/** Two seeded per-customer covariates (a 0/1 attribute and a continuous one) for the `+cov` models. */
function randomCovariates(task: ModelTask, seed: number): FeatureTable {
  const rng = createRng(seed);
  return {
    names: ['member', 'score'],
    columns: [
      Float64Array.from(task.split.customers, () => rng.int(2)),
      Float64Array.from(task.split.customers, () => rng.next() - 0.5),
    ],
  };
}

/** Two seeded per-customer graph columns. */
function randomGraph(task: ModelTask, seed: number): FeatureTable {
  const rng = createRng(seed);
  return {
    names: ['pagerank', 'degree'],
    columns: [
      Float64Array.from(task.split.customers, () => rng.next()),
      Float64Array.from(task.split.customers, () => rng.int(20)),
    ],
  };
}

describe('createBaselineModel on the CDNOW benchmark task', () => {
  let task: ModelTask;
  const outputs = new Map<string, ModelOutput>();
  beforeAll(async () => {
    task = await cdnowTask();
    for (const name of BASELINE_MODEL_NAMES)
      outputs.set(
        name,
        await createBaselineModel(name).run({
          ...task,
          graph: randomGraph(task, 5),
          covariates: randomCovariates(task, 7),
        }),
      );
  });

  it('lists the fourteen baselines', () => {
    expect(BASELINE_MODEL_NAMES).toEqual([
      'historical-rate',
      'rfm-segment',
      'rfm-linear',
      'rfm-linear+social',
      'bgnbd-gg',
      'pareto-nbd-gg',
      'bgnbd-gg+cov',
      'pareto-nbd-gg+cov',
      'bg-bb-gg',
      'gbdt',
      'gbdt+social',
      'random-forest',
      'decision-tree',
      'two-stage',
    ]);
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
    for (const name of BASELINE_MODEL_NAMES)
      expect(gini(outputs.get(name)!.value, task.split.score.target, test)).toBeGreaterThan(0.3);
  });

  it('fits the published BG/NBD and Pareto/NBD parameters inside the benchmark models', () => {
    const bg = outputs.get('bgnbd-gg')!.info as {
      unit: string;
      params: Record<string, number>;
      spend: { params: Record<string, number> };
    };
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
    expect(() => createBaselineModel('bgnbd' as BaselineModelName)).toThrow(
      "baselines/createBaselineModel: unknown model 'bgnbd'",
    );
    expect(() => createBaselineModel('bgnbd-gg', { units: 'week' })).toThrow(
      "baselines/bgnbd-gg: unknown option 'units'",
    );
    expect(() => createBaselineModel('bgnbd-gg', { unit: 'month' })).toThrow(
      "baselines/bgnbd-gg: unit must be 'auto', 'week' or 'day'",
    );
    await expect(createBaselineModel('rfm-linear+social').run(task)).rejects.toThrow(
      'baselines/rfm-linear+social: the dataset has no social graph features (task.graph is absent)',
    );
  });
});

describe('every baseline on a SEALED task (ModelTask contract)', () => {
  for (const protocol of ['cross-sectional', 'temporal'] as const) {
    it(`gives bit-identical predictions without test labels and holdout events (${protocol})`, async () => {
      const base = protocol === 'temporal' ? await cdnowTemporalTask() : await cdnowTask();
      const task: ModelTask = {
        ...base,
        graph: randomGraph(base, 5),
        graphFit: protocol === 'temporal' ? randomGraph(base, 6) : undefined,
        covariates: randomCovariates(base, 7),
      };
      const sealed = sealTask(task);
      expect(sealed.log.length).toBeLessThan(task.log.length);
      expect(
        rowsOf(sealed.split, Fold.test).every(
          (i) => Number.isNaN(sealed.split.fit.target[i]) && Number.isNaN(sealed.split.score.target[i]),
        ),
      ).toBe(true);
      for (const name of BASELINE_MODEL_NAMES) {
        const open = await createBaselineModel(name).run(task),
          closed = await createBaselineModel(name).run(sealed);
        expect(sameBits(closed.value, open.value), name).toBe(true);
        expect(sameBits(closed.repurchase, open.repurchase), name).toBe(true);
        expect(closed.info, name).toEqual(open.info);
      }
    }, 60_000);
  }

  it("does not let test customers' calibration history move any supervised fit (train and valid predictions unchanged)", async () => {
    const base = await cdnowTask();
    const task = { ...base, graph: randomGraph(base, 5), covariates: randomCovariates(base, 7) },
      moved = perturbTestFold(task);
    const seen = [...rowsOf(task.split, Fold.train), ...rowsOf(task.split, Fold.valid)];
    const at = (a: Float64Array): Float64Array => Float64Array.from(seen, (i) => a[i]);
    // the BTYD models (bgnbd-gg, pareto-nbd-gg, their +cov variants, bg-bb-gg) fit every cohort customer's calibration history by design (label-free; btyd-model.ts header)
    for (const name of BASELINE_MODEL_NAMES.filter((n) => !/nbd|bg-bb/.test(n))) {
      const a = await createBaselineModel(name).run(task),
        b = await createBaselineModel(name).run(moved);
      expect(sameBits(at(b.value), at(a.value)), name).toBe(true);
      expect(sameBits(at(b.repurchase), at(a.repurchase)), name).toBe(true);
      // the tree models' explanations (importance, why-this-customer) describe the TEST customers'
      // features by design, so they follow those features; everything fitted must not
      const fitted = (info: unknown) =>
        Object.fromEntries(
          Object.entries(info as Record<string, unknown>).filter(
            ([k]) => !['importance', 'why', 'rowsExplained'].includes(k),
          ),
        );
      expect(fitted(b.info), name).toEqual(fitted(a.info));
    }
  });
});
