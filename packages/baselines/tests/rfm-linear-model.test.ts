import { describe, expect, it } from 'vitest';
import { EventType } from '@clvlab/events';
import { createRng } from '@clvlab/core';
import { Fold } from '@clvlab/sessions';
import type { FeatureTable, ModelTask } from '@clvlab/sessions';
import { rfmLinearModel } from '../src/index.ts';
import { cdnowTask, cdnowTemporalTask } from './fixtures.ts';
import { perturbTestFold, rowsOf, sameBits } from './sealed-task.ts';

type LinearInfo = {
  lambda: number;
  calibration: number;
  intercept: number;
  coefficients: Record<string, number>;
  scaler: { mean: Record<string, number>; sd: Record<string, number> };
};

/** Two graph columns (one non-negative, one signed), seeded. */
function graphOf(task: ModelTask, seed: number): FeatureTable {
  const rng = createRng(seed),
    n = task.split.customers.length;
  return {
    names: ['degree', 'score'],
    columns: [
      Float64Array.from({ length: n }, () => rng.int(30)),
      Float64Array.from({ length: n }, () => rng.next() - 0.5),
    ],
  };
}

const pick = (a: Float64Array, rows: number[]): Float64Array => Float64Array.from(rows, (i) => a[i]);

describe('rfm-linear', () => {
  it('fits on the train fold and records its coefficients and scaler', async () => {
    const task = await cdnowTask();
    const out = await rfmLinearModel(false).run(task);
    const info = out.info as LinearInfo;
    expect(info.lambda).toBe(1);
    expect(info.calibration).toBeGreaterThan(1); // expm1 of a log1p-scale mean is biased low (Jensen)
    // the ratio calibration makes train-fold totals match exactly
    const train = rowsOf(task.split, Fold.train);
    const sum = (a: ArrayLike<number>): number => train.reduce((s, i) => s + a[i], 0);
    expect(Math.abs(sum(out.value) / sum(task.split.fit.target) - 1)).toBeLessThan(1e-9);
    expect(info.coefficients.log_frequency).toBeGreaterThan(0); // more past purchase days, more future value
    expect(Object.keys(info.coefficients)).toContain('stage_churned');
    // the scaler is the train fold's mean of log1p(frequency)
    const freq = train.map((i) => Math.log1p(rowsFrequency(task)[i]));
    expect(info.scaler.mean.log_frequency).toBeCloseTo(freq.reduce((s, v) => s + v, 0) / freq.length, 12);
  });

  it('fits the scaler, graph transform and coefficients on the train fold only', async () => {
    const base = await cdnowTask();
    const task = { ...base, graph: graphOf(base, 5) };
    const moved = perturbTestFold(task); // test customers: other events, negative graph values
    const seen = [...rowsOf(task.split, Fold.train), ...rowsOf(task.split, Fold.valid)];
    for (const social of [false, true]) {
      const a = await rfmLinearModel(social).run(task),
        b = await rfmLinearModel(social).run(moved);
      expect(b.info).toEqual(a.info);
      expect(sameBits(pick(b.value, seen), pick(a.value, seen))).toBe(true);
      expect(sameBits(pick(b.repurchase, seen), pick(a.repurchase, seen))).toBe(true);
    }
  });

  it('takes lambda from the config (CLI strings too) and rejects a bad one', async () => {
    const task = await cdnowTask();
    const a = await rfmLinearModel(false, { lambda: '100' }).run(task),
      b = await rfmLinearModel(false, { lambda: 100 }).run(task);
    expect((a.info as LinearInfo).lambda).toBe(100);
    expect(sameBits(a.value, b.value)).toBe(true);
    const heavy = (await rfmLinearModel(false, { lambda: 1e12 }).run(task)).info as LinearInfo;
    expect(Math.max(...Object.values(heavy.coefficients).map(Math.abs))).toBeLessThan(1e-6);
    expect(() => rfmLinearModel(false, { lambda: -1 })).toThrow(
      'baselines/rfm-linear: lambda must be a finite number >= 0, got -1',
    );
    expect(() => rfmLinearModel(false, { lambdaGrid: '1' })).toThrow(
      "baselines/rfm-linear: unknown option 'lambdaGrid' (expected one of lambda)",
    );
  });

  it('adds graph columns for +social and checks their length', async () => {
    const task = await cdnowTask();
    const n = task.split.customers.length;
    const out = await rfmLinearModel(true).run({
      ...task,
      graph: { names: ['degree'], columns: [Float64Array.from({ length: n }, (_, i) => i % 7)] },
    });
    expect(Object.keys((out.info as LinearInfo).coefficients)).toContain('graph_degree');
    await expect(
      rfmLinearModel(true).run({ ...task, graph: { names: ['degree'], columns: [new Float64Array(3)] } }),
    ).rejects.toThrow("baselines/rfm-linear+social: graph column 'degree' has 3 rows, cohort has 2357");
    const graph = graphOf(task, 1);
    await expect(
      rfmLinearModel(true).run({ ...task, graph, graphFit: { names: ['degree'], columns: [graph.columns[0]] } }),
    ).rejects.toThrow(
      'baselines/rfm-linear+social: graphFit columns [degree] differ from graph columns [degree, score]',
    );
  });

  it('temporal protocol: learns from graphFit at split.fit.featureEnd and predicts from graph at split.score.featureEnd', async () => {
    const task = await cdnowTemporalTask();
    expect(task.split.fit.featureEnd).toBeLessThan(task.split.score.featureEnd);
    const gFit = graphOf(task, 11),
      gScore = graphOf(task, 12);
    const run = (t: Partial<ModelTask>) => rfmLinearModel(true).run({ ...task, ...t });
    const a = await run({ graphFit: gFit, graph: gScore });
    const infoA = a.info as LinearInfo;
    // what it learns comes from graphFit (and the fit window) only ...
    const otherScore = { names: gScore.names, columns: gScore.columns.map((c) => Float64Array.from(c)) };
    const j = 17;
    otherScore.columns[0][j] += 25;
    const b = await run({ graphFit: gFit, graph: otherScore });
    expect(b.info).toEqual(a.info);
    // ... and one customer's score-time graph feature moves that customer's prediction alone
    const rest = Array.from(task.split.customers.keys()).filter((i) => i !== j);
    expect(sameBits(pick(b.value, rest), pick(a.value, rest))).toBe(true);
    expect(b.value[j]).not.toBe(a.value[j]);
    expect(infoA.coefficients.graph_degree).not.toBe(0);
    // graphFit absent: graph is used for both windows; graphFit present: it changes the fit
    const c = await run({ graphFit: gScore, graph: gScore }),
      d = await run({ graph: gScore });
    expect(d.info).toEqual(c.info);
    expect(sameBits(d.value, c.value)).toBe(true);
    expect(c.info).not.toEqual(a.info);
    // the fit-window RFM features are those at split.fit.featureEnd (the train-fold scaler differs from the score window's)
    const cross = (
      await rfmLinearModel(false).run({
        ...task,
        split: { ...task.split, fit: { ...task.split.fit, featureEnd: task.split.score.featureEnd } },
      })
    ).info as LinearInfo;
    expect(cross.scaler.mean.log_tenure).toBeGreaterThan(
      ((await rfmLinearModel(false).run(task)).info as LinearInfo).scaler.mean.log_tenure,
    );
  });
});

/** Purchase days per cohort customer before the score cut-off (RFM frequency). */
function rowsFrequency(task: ModelTask): Float64Array {
  const { log, split, offsets } = task;
  return Float64Array.from(split.customers, (c) => {
    const days = new Set<number>();
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (log.type[i] === EventType.purchase && log.t[i] >= split.start && log.t[i] < split.score.featureEnd)
        days.add(Math.floor(log.t[i] / 86_400_000));
    }
    return days.size;
  });
}
