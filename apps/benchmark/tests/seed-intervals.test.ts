import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/events';
import { bootstrapIntervals, METRIC_NAMES } from '@clvlab/metrics';
import { seedIntervals } from '../src/record/seed-intervals.ts';

function sample(n: number, seed: number): { actual: Float64Array; rep: Float64Array; p: Float64Array[]; q: Float64Array[] } {
  const rng = createRng(seed);
  const actual = new Float64Array(n), rep = new Float64Array(n);
  for (let i = 0; i < n; i++) { actual[i] = rng.next() < 0.5 ? 0 : Math.round(rng.gamma(2) * 100) / 10; rep[i] = actual[i] > 0 ? 1 : 0; }
  const p = [0, 1, 2].map(() => actual.map((a) => Math.max(0, a + 3 * rng.normal())));
  const q = p.map((x) => x.map((v) => 1 - Math.exp(-v)));
  return { actual, rep, p, q };
}

describe('seedIntervals', () => {
  it('with one seed equals bootstrapIntervals exactly', () => {
    const s = sample(200, 3);
    const r = seedIntervals(s.actual, s.rep, [{ predicted: s.p[0], repurchaseScore: s.q[0] }], { resamples: 200 });
    const b = bootstrapIntervals({ actual: s.actual, predicted: s.p[0], repurchaseScore: s.q[0], actualRepurchase: s.rep }, { resamples: 200 });
    for (const m of METRIC_NAMES) {
      expect(r.mean[m]).toBe(b.metrics[m].estimate);
      expect(r.lower[m]).toBe(b.metrics[m].lower);
      expect(r.upper[m]).toBe(b.metrics[m].upper);
    }
  });

  it('with identical seeds reproduces the one-seed intervals (materialised resamples agree with the weighted ones)', () => {
    const s = sample(150, 5);
    const one = seedIntervals(s.actual, s.rep, [{ predicted: s.p[1], repurchaseScore: s.q[1] }], { resamples: 100 });
    const two = seedIntervals(s.actual, s.rep, [0, 1].map(() => ({ predicted: s.p[1], repurchaseScore: s.q[1] })), { resamples: 100 });
    for (const m of METRIC_NAMES) {
      expect(two.mean[m]).toBeCloseTo(one.mean[m], 12);
      expect(two.lower[m]).toBeCloseTo(one.lower[m], 9);
      expect(two.upper[m]).toBeCloseTo(one.upper[m], 9);
    }
  });

  it('averages distinct seeds and brackets the mean', () => {
    const s = sample(150, 9);
    const r = seedIntervals(s.actual, s.rep, s.p.map((p, i) => ({ predicted: p, repurchaseScore: s.q[i] })), { resamples: 100 });
    const single = s.p.map((p, i) => seedIntervals(s.actual, s.rep, [{ predicted: p, repurchaseScore: s.q[i] }], { resamples: 10 }).mean.normalized_gini);
    expect(r.mean.normalized_gini).toBeCloseTo(single.reduce((a, b) => a + b, 0) / 3, 12);
    expect(r.lower.normalized_gini).toBeLessThan(r.mean.normalized_gini);
    expect(r.upper.normalized_gini).toBeGreaterThan(r.mean.normalized_gini);
  });
});
