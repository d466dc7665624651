import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  bootstrapIntervals,
  bootstrapReplicates,
  evaluate,
  intervalsFromReplicates,
  pairedBootstrap,
} from '../src/index.ts';
import { clvCase } from './reference.ts';

describe('pairedBootstrap', () => {
  const { actual, predicted } = clvCase(1500, 101);

  it('gives exactly zero, non-significant differences for a model against itself', () => {
    const r = pairedBootstrap(actual, predicted, predicted, { resamples: 200 });
    for (const name of METRIC_NAMES) {
      expect(r.metrics[name].difference).toBe(0);
      expect(r.metrics[name].lower).toBe(0);
      expect(r.metrics[name].upper).toBe(0);
      expect(r.metrics[name].significant).toBe(false);
    }
  });

  it('uses the same resamples as bootstrapIntervals (constant B has Gini 0 on every resample)', () => {
    const r = pairedBootstrap(actual, predicted, new Float64Array(actual.length).fill(1), { resamples: 300, seed: 4 });
    const single = bootstrapIntervals({ actual, predicted }, { resamples: 300, seed: 4 });
    expect(r.metrics.normalized_gini.lower).toBe(single.metrics.normalized_gini.lower);
    expect(r.metrics.normalized_gini.upper).toBe(single.metrics.normalized_gini.upper);
    expect(r.metrics.normalized_gini.b).toBe(0);
    expect(r.metrics.normalized_gini.significant).toBe(true);
  });

  it('detects a better model and is narrower than the unpaired intervals suggest', () => {
    // B = A's ranking blurred by noise: correlated with A, strictly worse on average.
    const noisy = predicted.map((v, i) => v * Math.exp(0.8 * Math.sin(i * 12.9898) * 2));
    const r = pairedBootstrap(actual, predicted, noisy, { resamples: 500 });
    const g = r.metrics.normalized_gini;
    expect(g.a).toBe(evaluate({ actual, predicted }).normalized_gini);
    expect(g.difference).toBeCloseTo(g.a - g.b, 14);
    expect(g.lower).toBeGreaterThan(0);
    expect(g.significant).toBe(true);
    const ia = bootstrapIntervals({ actual, predicted }, { resamples: 500 }).metrics.normalized_gini;
    const ib = bootstrapIntervals({ actual, predicted: noisy }, { resamples: 500 }).metrics.normalized_gini;
    expect(g.upper - g.lower).toBeLessThan(Math.hypot(ia.upper - ia.lower, ib.upper - ib.lower));
  });

  it('intervalsFromReplicates gives bootstrapIntervals number for number, customers or clusters', () => {
    const noisy = predicted.map((v, i) => v * Math.exp(0.5 * Math.sin(i * 7.1)));
    const clusters = Int32Array.from(actual, (_v, i) => i % 37);
    for (const options of [
      { resamples: 250, seed: 3 },
      { resamples: 120, seed: 9, level: 0.9, clusters },
    ]) {
      const input = { actual, predicted: noisy, repurchaseScore: predicted };
      expect(intervalsFromReplicates(bootstrapReplicates(input, options))).toEqual(bootstrapIntervals(input, options));
    }
  });

  it('checks lengths', () => {
    expect(() => pairedBootstrap([1, 2], [1, 2], [1])).toThrow(
      'metrics/pairedBootstrap: actual and predictedB differ in length (2 vs 1)',
    );
  });
});

describe('pairedBootstrap p-values', () => {
  const { actual, predicted } = clvCase(1500, 101);

  it('is exactly 1 for identical models and < 0.01 for a clearly better one', () => {
    const same = pairedBootstrap(actual, predicted, predicted, { resamples: 200 });
    for (const name of METRIC_NAMES) expect(same.metrics[name].p, name).toBe(1);
    // B = A's ranking heavily blurred: every resample favours A on the Gini, so with the +1
    // convention p = 2/(1 + 1000) ≈ 0.002.
    const noisy = predicted.map((v, i) => v * Math.exp(1.6 * Math.sin(i * 12.9898)));
    const r = pairedBootstrap(actual, predicted, noisy);
    expect(r.metrics.normalized_gini.p).toBeLessThan(0.01);
    expect(r.metrics.normalized_gini.p).toBeGreaterThanOrEqual(2 / 1001);
    expect(r.metrics.spearman.p).toBeLessThan(0.01);
  });

  it('agrees with `significant` (the 95% interval excluding 0) away from p = 0.05', () => {
    // With B = 1000 and c = #{d* on the far side of 0}: p < 0.05 ⇔ c ≤ 24 forces the 2.5%
    // percentile (interpolated at order statistic 24.975) onto the near side, and a
    // non-significant interval needs c ≥ 25, i.e. p ≥ 2·26/1001 ≈ 0.052.
    for (const blur of [0.05, 0.15, 0.4]) {
      const other = predicted.map((v, i) => v * Math.exp(blur * Math.sin(i * 7.31)));
      const r = pairedBootstrap(actual, predicted, other, { resamples: 1000, seed: 3 });
      for (const name of METRIC_NAMES) {
        const d = r.metrics[name];
        expect(d.p, name).toBeGreaterThan(0);
        expect(d.p, name).toBeLessThanOrEqual(1);
        if (d.p < 0.05) expect(d.significant, `${name} p=${d.p}`).toBe(true);
        if (d.p > 0.052) expect(d.significant, `${name} p=${d.p}`).toBe(false);
      }
    }
  });
});
