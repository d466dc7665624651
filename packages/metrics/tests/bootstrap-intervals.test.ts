import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { DEFAULT_BOOTSTRAP, METRIC_NAMES, bootstrapIntervals, evaluate } from '../src/index.ts';
import { clvCase } from './reference.ts';

describe('bootstrapIntervals', () => {
  const { actual, predicted, score } = clvCase(1000, 91);
  const input = { actual, predicted, repurchaseScore: score };

  it('is deterministic per seed and differs across seeds', () => {
    const a = bootstrapIntervals(input, { resamples: 200 });
    const b = bootstrapIntervals(input, { resamples: 200 });
    const c = bootstrapIntervals(input, { resamples: 200, seed: 2 });
    expect(a).toEqual(b);
    expect(c.metrics.normalized_gini.lower).not.toBe(a.metrics.normalized_gini.lower);
    expect(DEFAULT_BOOTSTRAP).toEqual({ resamples: 1000, seed: 1, level: 0.95 });
  });

  it('a resample (multiplicity weights) equals evaluate() on the materialised resample', () => {
    // With one resample the percentile interval collapses to that replicate. Draw the same n
    // indices with createRng(seed) and evaluate the copied arrays: duplicated customers, their
    // ranks and tie blocks must give the same numbers as the weighted computation.
    for (const seed of [7, 8]) {
      const one = bootstrapIntervals(input, { resamples: 1, seed });
      const rng = createRng(seed);
      const idx = Array.from({ length: actual.length }, () => rng.int(actual.length));
      const direct = evaluate({
        actual: idx.map((i) => actual[i]),
        predicted: idx.map((i) => predicted[i]),
        repurchaseScore: idx.map((i) => score[i]),
      });
      for (const name of METRIC_NAMES) {
        expect(one.metrics[name].lower, name).toBeCloseTo(direct[name], 10);
        expect(one.metrics[name].upper, name).toBe(one.metrics[name].lower);
      }
    }
  });

  it('contains the point estimates and narrows like 1/√n with more customers', () => {
    const small = bootstrapIntervals(input, { resamples: 400 });
    const big = clvCase(10_000, 92);
    const large = bootstrapIntervals(
      { actual: big.actual, predicted: big.predicted, repurchaseScore: big.score },
      { resamples: 400 },
    );
    const point = evaluate(input);
    for (const name of METRIC_NAMES) {
      const s = small.metrics[name];
      expect(s.estimate, name).toBe(point[name]);
      expect(s.lower, name).toBeLessThanOrEqual(s.estimate);
      expect(s.upper, name).toBeGreaterThanOrEqual(s.estimate);
      expect(s.valid).toBe(400);
      const ratio = (s.upper - s.lower) / (large.metrics[name].upper - large.metrics[name].lower);
      expect(ratio, name).toBeGreaterThan(1.8); // √10 ≈ 3.2 expected; loose for heavy tails
    }
  });

  it('has the textbook standard error for the MAE (a mean): sd(|error|)/√n within 10%', () => {
    const r = bootstrapIntervals(input, { resamples: 1000 });
    const e = Array.from(actual, (a, i) => Math.abs(predicted[i] - a));
    const mean = e.reduce((s, v) => s + v, 0) / e.length;
    const sd = Math.sqrt(e.reduce((s, v) => s + (v - mean) ** 2, 0) / e.length);
    expect(r.metrics.mae.se / (sd / Math.sqrt(e.length))).toBeGreaterThan(0.9);
    expect(r.metrics.mae.se / (sd / Math.sqrt(e.length))).toBeLessThan(1.1);
  });

  it('drops undefined replicates and validates options', () => {
    // One repurchaser among 50: many resamples miss it -> AUC NaN there, counted in `valid`.
    const a = Array.from({ length: 50 }, (_, i) => (i === 0 ? 5 : 0));
    const r = bootstrapIntervals({ actual: a, predicted: a.map((_, i) => 50 - i) }, { resamples: 300 });
    expect(r.metrics.auc.valid).toBeLessThan(300);
    expect(r.metrics.auc.valid).toBeGreaterThan(150); // P(drawn) = 1 − (49/50)^50 ≈ 0.64
    expect(() => bootstrapIntervals(input, { resamples: 0 })).toThrow(
      'metrics/bootstrapIntervals: resamples must be a positive integer, got 0',
    );
    expect(() => bootstrapIntervals(input, { level: 1 })).toThrow(
      'metrics/bootstrapIntervals: level must be in (0, 1), got 1',
    );
  });
});
