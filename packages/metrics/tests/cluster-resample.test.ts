import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { METRIC_NAMES, bootstrapIntervals, pairedBootstrap } from '../src/index.ts';
import { clvCase } from './reference.ts';

function permutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
}

/**
 * G clusters of m customers with strong within-cluster correlation: a cluster-level spending
 * level and a cluster-level multiplicative bias of the prediction (e.g. one store's customers,
 * one badly calibrated region). Cluster ids are arbitrary non-consecutive integers.
 */
function clusteredCase(
  G: number,
  m: number,
  seed: number,
): { actual: Float64Array; predicted: Float64Array; other: Float64Array; clusters: Int32Array } {
  const rng = createRng(seed);
  const n = G * m;
  const actual = new Float64Array(n),
    predicted = new Float64Array(n),
    other = new Float64Array(n),
    clusters = new Int32Array(n);
  for (let g = 0; g < G; g++) {
    const level = rng.gamma(2),
      bias = Math.exp(0.6 * rng.normal()),
      biasOther = Math.exp(0.6 * rng.normal());
    for (let j = 0; j < m; j++) {
      const i = g * m + j;
      clusters[i] = 1000 + 7 * g;
      const rate = level * rng.gamma(2);
      actual[i] = rng.poisson(rate) * 30;
      predicted[i] = 30 * rate * bias;
      other[i] = 30 * rate * biasOther;
    }
  }
  return { actual, predicted, other, clusters };
}

describe('cluster bootstrap (bootstrapIntervals / pairedBootstrap with clusters)', () => {
  const { actual, predicted, score } = clvCase(1000, 91);
  const input = { actual, predicted, repurchaseScore: score };

  it('with ids 0..n−1 (one customer per cluster) reproduces the customer bootstrap exactly', () => {
    const ids = Int32Array.from({ length: actual.length }, (_, i) => i);
    expect(bootstrapIntervals(input, { resamples: 100, seed: 3, clusters: ids })).toEqual(
      bootstrapIntervals(input, { resamples: 100, seed: 3 }),
    );
    const other = predicted.map((v, i) => v * (1 + 0.3 * Math.sin(i)));
    expect(pairedBootstrap(actual, predicted, other, { resamples: 100, clusters: ids })).toEqual(
      pairedBootstrap(actual, predicted, other, { resamples: 100 }),
    );
  });

  it('with singleton clusters in shuffled id order matches the customer bootstrap statistically', () => {
    // Other draws, same distribution: endpoints agree to a fraction of the interval width and
    // standard errors to ~3% Monte Carlo noise (1000 resamples each); 15% is a > 4 sd margin.
    // decile_mape's replicates are heavy-tailed (its se estimate is noisy), so only its
    // endpoints are compared.
    const plain = bootstrapIntervals(input, { resamples: 1000 });
    const shuffled = bootstrapIntervals(input, { resamples: 1000, clusters: permutation(actual.length, 5) });
    for (const name of METRIC_NAMES) {
      const p = plain.metrics[name],
        c = shuffled.metrics[name];
      const width = p.upper - p.lower;
      expect(c.estimate, name).toBe(p.estimate);
      expect(Math.abs(c.lower - p.lower), name).toBeLessThan(0.15 * width);
      expect(Math.abs(c.upper - p.upper), name).toBeLessThan(0.15 * width);
      if (name !== 'decile_mape') expect(Math.abs(c.se / p.se - 1), name).toBeLessThan(0.15);
    }
  });

  it('is wider than the customer bootstrap when customers are correlated within a few big clusters', () => {
    // 40 clusters of 25: the design effect 1 + (m − 1)ρ inflates the variance of means such as
    // the MAE and the calibration ratio several-fold; the customer bootstrap ignores it.
    const c = clusteredCase(40, 25, 11);
    const plain = bootstrapIntervals({ actual: c.actual, predicted: c.predicted }, { resamples: 600 });
    const clustered = bootstrapIntervals(
      { actual: c.actual, predicted: c.predicted },
      { resamples: 600, clusters: c.clusters },
    );
    const ratio = (name: (typeof METRIC_NAMES)[number]): number =>
      (clustered.metrics[name].upper - clustered.metrics[name].lower) /
      (plain.metrics[name].upper - plain.metrics[name].lower);
    expect(ratio('mae')).toBeGreaterThan(2);
    expect(ratio('calibration_ratio')).toBeGreaterThan(2);
    expect(ratio('normalized_gini')).toBeGreaterThan(1.5);
    expect(clustered.metrics.mae.estimate).toBe(plain.metrics.mae.estimate);
    // Paired: the models' cluster biases differ, so their MAE difference is cluster-correlated too.
    const pp = pairedBootstrap(c.actual, c.predicted, c.other, { resamples: 600 }).metrics.mae;
    const pc = pairedBootstrap(c.actual, c.predicted, c.other, { resamples: 600, clusters: c.clusters }).metrics.mae;
    expect((pc.upper - pc.lower) / (pp.upper - pp.lower)).toBeGreaterThan(2);
    expect(pc.difference).toBe(pp.difference);
    expect(pc.p).toBeGreaterThanOrEqual(pp.p);
  });

  it('does not depend on the order in which customers are listed', () => {
    const c = clusteredCase(30, 10, 12);
    const perm = permutation(c.actual.length, 9);
    const pick = <T extends Float64Array | Int32Array>(v: T): T => v.map((_, k) => v[perm[k]]) as T;
    const a = bootstrapIntervals({ actual: c.actual, predicted: c.predicted }, { resamples: 50, clusters: c.clusters });
    const b = bootstrapIntervals(
      { actual: pick(c.actual), predicted: pick(c.predicted) },
      { resamples: 50, clusters: pick(c.clusters) },
    );
    for (const name of METRIC_NAMES) {
      expect(b.metrics[name].lower, name).toBeCloseTo(a.metrics[name].lower, 10);
      expect(b.metrics[name].upper, name).toBeCloseTo(a.metrics[name].upper, 10);
    }
  });

  it('gives zero-width intervals with a single cluster, and validates clusters', () => {
    const one = bootstrapIntervals(input, { resamples: 20, clusters: new Int32Array(actual.length).fill(4) });
    expect(one.metrics.mae.lower).toBe(one.metrics.mae.estimate);
    expect(one.metrics.mae.upper).toBe(one.metrics.mae.estimate);
    expect(() => bootstrapIntervals(input, { clusters: new Int32Array(3) })).toThrow(
      'metrics/bootstrapIntervals: clusters has length 3, expected 1000 (one cluster id per test customer)',
    );
    expect(() => pairedBootstrap(actual, predicted, predicted, { clusters: [1, 2] as unknown as Int32Array })).toThrow(
      'metrics/pairedBootstrap: clusters must be an Int32Array (one cluster id per test customer)',
    );
  });
});
