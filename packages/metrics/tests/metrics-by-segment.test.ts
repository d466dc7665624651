import { describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_METRICS, METRIC_NAMES, evaluate, metricsBySegment } from '../src/index.ts';
import { clvCase } from './reference.ts';

describe('metricsBySegment', () => {
  const { actual, predicted, score } = clvCase(900, 111);
  // Three segments by index: 'b' (i % 3 = 0), 'a' (i % 3 = 1, but 880+ go to 'tiny'), 'c'.
  const seg = Array.from({ length: 900 }, (_, i) => (i >= 880 ? 'tiny' : ['b', 'a', 'c'][i % 3]));

  it('evaluates each segment on its own customers, rows sorted by label', () => {
    const rows = metricsBySegment(seg, { actual, predicted, repurchaseScore: score });
    expect(rows.map((r) => r.segment)).toEqual(['a', 'b', 'c', 'tiny']);
    const idx = seg.flatMap((s, i) => (s === 'a' ? [i] : []));
    expect(rows[0].n).toBe(idx.length);
    const direct = evaluate({
      actual: idx.map((i) => actual[i]),
      predicted: idx.map((i) => predicted[i]),
      repurchaseScore: idx.map((i) => score[i]),
    });
    for (const name of METRIC_NAMES) expect(rows[0].metrics[name]).toBe(direct[name]);
  });

  it('reports segments below minSize with n and NaN metrics', () => {
    const rows = metricsBySegment(seg, { actual, predicted });
    expect(DEFAULT_SEGMENT_METRICS.minSize).toBe(30);
    expect(rows[3].n).toBe(20);
    for (const name of METRIC_NAMES) expect(rows[3].metrics[name]).toBeNaN();
    const loose = metricsBySegment(seg, { actual, predicted }, { minSize: 5 });
    expect(loose[3].metrics.rmse).toBeGreaterThan(0);
  });

  it('sorts numeric labels numerically and rejects bad labels and lengths', () => {
    const rows = metricsBySegment(
      actual.map((_, i) => [10, 9, 100][i % 3]),
      { actual, predicted },
    );
    expect(rows.map((r) => r.segment)).toEqual([9, 10, 100]);
    expect(() => metricsBySegment(seg.slice(1), { actual, predicted })).toThrow(
      'metrics/metricsBySegment: segments and actual differ in length (899 vs 900)',
    );
    expect(() => metricsBySegment([1, NaN], { actual: [1, 2], predicted: [1, 2] })).toThrow(
      'metrics/metricsBySegment: segments[1] must be a string or finite number',
    );
  });
});
