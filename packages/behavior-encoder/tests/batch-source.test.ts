import { describe, expect, it } from 'vitest';
import { customerOffsets } from '@clvlab/events';
import { createRng } from '@clvlab/core';
import { evaluationSplit, Fold, splitSessions, type FeatureTable, type ModelTask } from '@clvlab/sessions';
import {
  buildStaticFeatures,
  memoryBatchSource,
  resolveEncoderConfig,
  type BatchArrays,
  type BatchSource,
} from '../src/internal.ts';
import { sealTask } from './fixtures/sealed-task.ts';
import { START, tinyLog, tinyTask } from './fixtures/tiny-task.ts';

const DAY = 86_400_000;
const social = resolveEncoderConfig('tiny', { useSocial: true });

function graph(n: number, scale: number): FeatureTable {
  return {
    names: ['degree', 'pagerank'],
    columns: [
      Float64Array.from({ length: n }, (_, i) => (i % 7) * scale),
      Float64Array.from({ length: n }, (_, i) => scale / (i + 1)),
    ],
  };
}

async function epoch(source: BatchSource, seed: number): Promise<BatchArrays[]> {
  const out: BatchArrays[] = [];
  for await (const b of source.trainBatches(createRng(seed), 16)) out.push(b);
  for await (const b of source.validBatches(16)) out.push(b);
  return out;
}

/** Mean and population std of column j of a [rows × k] table over `rows`, in float64. */
function statsOver(values: Float32Array, k: number, j: number, rows: number[]): [number, number] {
  const v = rows.map((r) => values[r * k + j]);
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) * (b - m), 0) / v.length)];
}

describe('memoryBatchSource', () => {
  it('fits the static standardisation on the train fold only', () => {
    const base = tinyTask(120, 13);
    const task = { ...base, graph: graph(base.split.customers.length, 1) };
    const source = memoryBatchSource(task, social);
    const raw = buildStaticFeatures(task, task.split.fit.featureEnd, social);
    const k = raw.names.length;
    const rowsOf = (f: number): number[] => Array.from(task.split.fold.keys()).filter((r) => task.split.fold[r] === f);
    for (let j = 0; j < k; j++) {
      const [m, s] = statsOver(raw.values, k, j, rowsOf(Fold.train));
      expect(source.staticMean[j]).toBeCloseTo(m, 5);
      expect(source.staticStd[j]).toBeCloseTo(s, 5);
    }
    const [allMean] = statsOver(raw.values, k, 0, Array.from(task.split.fold.keys()));
    expect(source.staticMean[0]).not.toBeCloseTo(allMean, 5); // the whole cohort would scale differently
  });
  it('reads nothing of the test fold: its labels NaN, its graph features changed, its events after the cutoff gone — same statistics and batches', async () => {
    const base = tinyTask(120, 14);
    const n = base.split.customers.length;
    const task = { ...base, graph: graph(n, 1) };
    const changed = graph(n, 1);
    task.split.fold.forEach((f, r) => {
      if (f === Fold.test) {
        changed.columns[0][r] = 1e6;
        changed.columns[1][r] = -3;
      }
    });
    const sealed = { ...sealTask(task), graph: changed };
    const a = memoryBatchSource(task, social),
      b = memoryBatchSource(sealed, social);
    expect(b.staticMean).toEqual(a.staticMean);
    expect(b.staticStd).toEqual(a.staticStd);
    expect(b.trainTargets).toEqual(a.trainTargets);
    const ea = await epoch(a, 1),
      eb = await epoch(b, 1);
    expect(eb.length).toBe(ea.length);
    eb.forEach((batch, i) => {
      expect(batch.staticX).toEqual(ea[i].staticX);
      expect(batch.y).toEqual(ea[i].y);
      expect(batch.tokens).toEqual(ea[i].tokens);
    });
  });
  it('temporal protocol: training reads the graph features at the fit cutoff (task.graphFit), not those at the score cutoff', async () => {
    const log = tinyLog(120, 15);
    const split = evaluationSplit(log, {
      start: START,
      cutoff: START + 200 * DAY,
      horizon: 60 * DAY,
      protocol: 'temporal',
      seed: 1,
    });
    expect(split.fit.featureEnd).toBeLessThan(split.score.featureEnd);
    const task: ModelTask = { log, session: splitSessions(log), offsets: customerOffsets(log), split, seed: 3 };
    const n = split.customers.length,
      atFit = graph(n, 1),
      atScore = graph(n, 2.5);
    const both = memoryBatchSource({ ...task, graph: atScore, graphFit: atFit }, social);
    const fitOnly = memoryBatchSource({ ...task, graph: atFit }, social);
    const scoreOnly = memoryBatchSource({ ...task, graph: atScore }, social);
    expect(both.staticMean).toEqual(fitOnly.staticMean);
    expect(both.staticMean).not.toEqual(scoreOnly.staticMean);
    const eb = await epoch(both, 2),
      ef = await epoch(fitOnly, 2);
    eb.forEach((batch, i) => expect(batch.staticX).toEqual(ef[i].staticX));
  });
  it('builds no token grid without a sequence (ziln-mlp), and needs no sessions', async () => {
    const task = tinyTask(60, 16);
    const c = resolveEncoderConfig('ziln-mlp');
    const source = memoryBatchSource({ ...task, session: new Int32Array(0) }, c);
    expect(source.sequenceLength).toBe(0);
    const [first] = await epoch(source, 3);
    expect([first.tokens.length, first.amount.length, first.staticX.length]).toEqual([0, 0, 16 * 4]);
  });
});
