import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { pairedProfitBootstrap, profitCurve } from '../src/index.ts';
import { clvCase, quantile } from './reference.ts';

/** Best profit on an explicit list of (prediction, customer, value) draws: duplicates kept. */
function bestOnDraws(draws: number[], predicted: ArrayLike<number>, actual: ArrayLike<number>, cost: number): number {
  const n = draws.length;
  const list = draws.slice().sort((x, y) => predicted[y] - predicted[x] || x - y);
  let best = -Infinity;
  for (let j = 1; j <= 100; j++) {
    const c = Math.max(1, Math.floor((j * n + 99) / 100));
    best = Math.max(best, list.slice(0, c).reduce((s, i) => s + actual[i], 0) - cost * c);
  }
  return best;
}

describe('pairedProfitBootstrap', () => {
  const { predicted, actual, noise } = clvCase(300, 21);

  it('gives the best-k profits of profitCurve and their difference', () => {
    const r = pairedProfitBootstrap(predicted, noise, actual, {}, { resamples: 50 });
    const a = profitCurve(predicted, actual),
      b = profitCurve(noise, actual);
    expect(r.a).toEqual({ bestK: a.bestK, bestContacts: a.bestContacts, bestProfit: a.bestProfit });
    expect(r.b.bestProfit).toBe(b.bestProfit);
    expect(r.difference).toBe(a.bestProfit - b.bestProfit);
    expect(r.contactCost).toBe(a.contactCost);
  });

  it('reproduces every replicate from explicit resampled lists (re-picking k each time)', () => {
    const { predicted: p, actual: y, noise: q } = clvCase(40, 22);
    const cost = 2.5,
      resamples = 40,
      seed = 7;
    const r = pairedProfitBootstrap(p, q, y, { contactCost: cost }, { resamples, seed, level: 0.9 });
    const rng = createRng(seed),
      diffs: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const draws = Array.from({ length: 40 }, () => rng.int(40));
      diffs.push(bestOnDraws(draws, p, y, cost) - bestOnDraws(draws, q, y, cost));
    }
    diffs.sort((u, v) => u - v);
    expect(r.valid).toBe(resamples);
    expect(Math.abs(r.lower - quantile(diffs, 0.05))).toBeLessThan(1e-9);
    expect(Math.abs(r.upper - quantile(diffs, 0.95))).toBeLessThan(1e-9);
    const below = diffs.filter((d) => d <= 0).length,
      above = diffs.filter((d) => d >= 0).length;
    expect(r.p).toBeCloseTo(Math.min(1, (2 * (1 + Math.min(below, above))) / (1 + resamples)), 12);
  });

  it('is deterministic for a seed and changes with it', () => {
    const r1 = pairedProfitBootstrap(predicted, noise, actual, {}, { resamples: 200, seed: 3 });
    const r2 = pairedProfitBootstrap(predicted, noise, actual, {}, { resamples: 200, seed: 3 });
    const r3 = pairedProfitBootstrap(predicted, noise, actual, {}, { resamples: 200, seed: 4 });
    expect(r2).toEqual(r1);
    expect(r3.lower === r1.lower && r3.upper === r1.upper).toBe(false);
    expect(r1.seed).toBe(3);
  });

  it('gives exactly zero for a model against itself and a significant gain for the ideal list', () => {
    const same = pairedProfitBootstrap(predicted, predicted, actual, {}, { resamples: 100 });
    expect([same.difference, same.lower, same.upper, same.p, same.significant]).toEqual([0, 0, 0, 1, false]);
    const ideal = pairedProfitBootstrap(actual, noise, actual, {}, { resamples: 300 });
    expect(ideal.difference).toBeGreaterThan(0);
    expect(ideal.lower).toBeGreaterThan(0);
    expect(ideal.significant).toBe(true);
    expect(ideal.p).toBeLessThan(0.05);
    expect([ideal.resamples, ideal.level]).toEqual([300, 0.95]);
  });

  it('rejects bad input', () => {
    expect(() => pairedProfitBootstrap([1, 2], [1], [1, 2])).toThrow(
      /^decisions\/pairedProfitBootstrap: predictedA and predictedB differ in length \(2 vs 1\)$/,
    );
    expect(() => pairedProfitBootstrap([1, 2], [1, 2], [1, NaN])).toThrow(
      /^decisions\/pairedProfitBootstrap: actual\[1\] is NaN/,
    );
    expect(() => pairedProfitBootstrap([1, 2], [1, 2], [1, 2], { contactCost: -0.5 })).toThrow(
      /contactCost must be a finite number ≥ 0/,
    );
    expect(() => pairedProfitBootstrap([1, 2], [1, 2], [1, 2], { ks: [2] })).toThrow(
      /^decisions\/pairedProfitBootstrap: ks\[0\] must be in \(0, 1\]/,
    );
    expect(() => pairedProfitBootstrap([1, 2], [1, 2], [1, 2], {}, { resamples: 0 })).toThrow(
      /^decisions\/pairedProfitBootstrap: resamples must be a positive integer, got 0$/,
    );
    expect(() => pairedProfitBootstrap([1, 2], [1, 2], [1, 2], {}, { level: 1 })).toThrow(/level must be in \(0, 1\)/);
  });
});
