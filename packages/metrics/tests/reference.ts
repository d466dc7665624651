// Test helper (not a test): runs reference_metrics.py, the independent numpy/scipy
// implementation of the docs/architecture.md §Metrics definitions, on a case, and builds seeded
// random cases.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRng } from '@clvlab/core';

/** What reference_metrics.py returns (null = NaN). */
export interface Reference {
  normalized_gini: number | null;
  gini_raw: number;
  spearman: number | null;
  decile_mape: number | null;
  top10_capture: number | null;
  auc: number | null;
  rmse: number;
  mae: number;
  calibration_ratio: number | null;
  rank_actual: number[];
  decile_mean_predicted: number[];
  decile_mean_actual: number[];
  decile_count: number[];
  gain: number[];
}

const script = fileURLToPath(new URL('./reference_metrics.py', import.meta.url));

/** Runs the python reference on one case. */
export function reference(c: {
  actual: ArrayLike<number>;
  predicted: ArrayLike<number>;
  labels?: ArrayLike<number>;
  scores?: ArrayLike<number>;
}): Reference {
  const payload: Record<string, number[]> = { actual: Array.from(c.actual), predicted: Array.from(c.predicted) };
  if (c.labels) payload.labels = Array.from(c.labels);
  if (c.scores) payload.scores = Array.from(c.scores);
  const out = execFileSync('python3', [script], {
    input: JSON.stringify(payload),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out) as Reference;
}

/**
 * A seeded CLV-like case: ~60% zero holdout value, heavy-tailed positive values, predictions
 * correlated with a latent rate and rounded to `decimals` so that ties occur.
 */
export function clvCase(
  n: number,
  seed: number,
  decimals = 1,
): { actual: Float64Array; predicted: Float64Array; score: Float64Array } {
  const rng = createRng(seed);
  const actual = new Float64Array(n),
    predicted = new Float64Array(n),
    score = new Float64Array(n);
  const f = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    const rate = rng.gamma(0.8);
    const buys = rng.poisson(rate);
    actual[i] = buys === 0 ? 0 : Math.round(buys * 25 * rng.gamma(3)) / 3;
    predicted[i] = Math.round(f * rate * 20 * Math.exp(0.5 * rng.normal())) / f;
    score[i] = Math.round(f * (1 - Math.exp(-rate)) + rng.normal() * 0.5) / f;
  }
  return { actual, predicted, score };
}

/** NaN for the reference's null. */
export const num = (v: number | null): number => (v === null ? NaN : v);
