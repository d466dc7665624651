import { describe, expect, it } from 'vitest';
import { createEventLog, customerOffsets } from '@clvlab/events';
import { Fold, splitSessions, type ModelTask, type Split } from '@clvlab/sessions';
import {
  buildStaticFeatures,
  columnStats,
  graphAt,
  resolveEncoderConfig,
  taskStaticFeatures,
} from '../src/internal.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1),
  CUT = T0 + 100 * DAY;
// a: view day 0, purchases of 10 (day 10) and 30 (day 40), a purchase after the cutoff; b: one purchase of 5 on day 90.
const log = createEventLog({
  customer: Int32Array.from([0, 0, 0, 0, 1]),
  t: Float64Array.from([T0, T0 + 10 * DAY, T0 + 40 * DAY, CUT + DAY, T0 + 90 * DAY]),
  type: Uint8Array.from([0, 2, 2, 2, 2]),
  amount: Float64Array.from([0, 10, 30, 99, 5]),
  customerIds: ['a', 'b'],
});
const w = { featureEnd: CUT, labelEnd: CUT + DAY, target: new Float64Array(2), repurchase: new Uint8Array(2) };
const split: Split = {
  protocol: 'cross-sectional',
  start: T0,
  cutoff: CUT,
  horizon: DAY,
  customers: Int32Array.from([0, 1]),
  fold: Uint8Array.from([Fold.train, Fold.valid]),
  fit: w,
  score: w,
};
const task: ModelTask = { log, session: splitSessions(log), offsets: customerOffsets(log), split, seed: 1 };
const slog = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));

describe('buildStaticFeatures', () => {
  it("reads the history kernel's RFM view (days since the last purchase day, purchase days, net revenue, tenure) before featureEnd, signed-log1p", () => {
    const f = buildStaticFeatures(task, CUT, resolveEncoderConfig('transformer', { useRfm: true }));
    expect(f.names).toEqual(['rfm.recency_days', 'rfm.frequency', 'rfm.monetary', 'rfm.tenure_days']);
    const expected = [
      [59, 2, 40, 100],
      [9, 1, 5, 10],
    ]
      .flat()
      .map(slog); // last feature day is day 99
    Array.from(f.values).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });
  it('adds graph columns for +social and fails clearly without them or on NaN', () => {
    const c = resolveEncoderConfig('transformer', { useSocial: true, useRfm: false });
    const f = buildStaticFeatures(
      { ...task, graph: { names: ['degree'], columns: [Float64Array.from([3, 0])] } },
      CUT,
      c,
    );
    expect(f.names).toEqual(['social.degree']);
    expect(Array.from(f.values)).toEqual([Math.fround(Math.log1p(3)), 0]);
    expect(() => buildStaticFeatures(task, CUT, c)).toThrow(/useSocial \(\+social\) needs task.graph/);
    expect(() =>
      buildStaticFeatures({ ...task, graph: { names: ['pr'], columns: [Float64Array.from([NaN, 1])] } }, CUT, c),
    ).toThrow(/NaN in 'social.pr' for customer 'a'/);
  });
  it('taskStaticFeatures reads graphFit (absent = graph) for the fit window and graph for the score window', () => {
    const c = resolveEncoderConfig('transformer', { useSocial: true, useRfm: false });
    const atScore = { names: ['degree'], columns: [Float64Array.from([3, 0])] },
      atFit = { names: ['degree'], columns: [Float64Array.from([1, 2])] };
    expect(graphAt({ graph: atScore, graphFit: atFit }, 'fit')).toBe(atFit);
    expect(graphAt({ graph: atScore }, 'fit')).toBe(atScore);
    expect(graphAt({ graph: atScore, graphFit: atFit }, 'score')).toBe(atScore);
    const both = { ...task, graph: atScore, graphFit: atFit };
    expect(Array.from(taskStaticFeatures(both, 'fit', c).values)).toEqual([
      Math.fround(Math.log1p(1)),
      Math.fround(Math.log1p(2)),
    ]);
    expect(Array.from(taskStaticFeatures(both, 'score', c).values)).toEqual([Math.fround(Math.log1p(3)), 0]);
    expect(
      taskStaticFeatures({ ...task, graphFit: atFit }, 'score', resolveEncoderConfig('transformer')).names,
    ).toEqual(['rfm.recency_days', 'rfm.frequency', 'rfm.monetary', 'rfm.tenure_days']);
  });
  it('columnStats over selected rows (the train fold) ignores the others', () => {
    const values = Float32Array.from([1, 10, 3, 30, 1000, -5]); // 3 rows × 2
    const { mean, std } = columnStats(values, 2, [0, 1]);
    expect(Array.from(mean)).toEqual([2, 20]);
    expect(Array.from(std)).toEqual([1, 10]);
    expect(Array.from(columnStats(values, 2).mean)).toEqual([Math.fround(1004 / 3), Math.fround(35 / 3)]);
  });
});
