// 95% intervals for the aggregate (mean over seeds) rows of metrics.csv. With one seed this is
// exactly @clvlab/metrics' bootstrapIntervals (percentile bootstrap over test customers,
// Efron & Tibshirani 1993 §13.3). With several seeds, each bootstrap replicate draws one
// resample of customers, scores EVERY seed's predictions on it and averages, so the interval
// is that of the seed-mean metric and covers customer sampling noise; seed-to-seed spread
// enters through the mean. Resamples are drawn exactly as bootstrapIntervals draws them
// (createRng(seed), n calls of int(n)), so the one-seed case agrees with it replicate by replicate.
import { createRng } from '@clvlab/events';
import type { MetricName, MetricValues } from '@clvlab/metrics';
import { bootstrapIntervals, DEFAULT_BOOTSTRAP, evaluate, METRIC_NAMES } from '@clvlab/metrics';

export interface SeedPredictions {
  readonly predicted: Float64Array;
  readonly repurchaseScore: Float64Array;
}

export interface AggregateInterval {
  readonly mean: MetricValues;
  readonly lower: Readonly<Record<MetricName, number>>;
  readonly upper: Readonly<Record<MetricName, number>>;
}

/** Linear-interpolation quantile (numpy's default) of finite values; NaN when none. */
function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean over seeds of every metric, with its seeded 95% percentile bootstrap interval. */
export function seedIntervals(
  actual: Float64Array,
  actualRepurchase: Float64Array,
  seeds: readonly SeedPredictions[],
  options: Partial<typeof DEFAULT_BOOTSTRAP> = {},
): AggregateInterval {
  const o = { ...DEFAULT_BOOTSTRAP, ...options };
  const perSeed = seeds.map((s) => evaluate({ actual, predicted: s.predicted, repurchaseScore: s.repurchaseScore, actualRepurchase }));
  const mean = {} as Record<MetricName, number>;
  for (const m of METRIC_NAMES) mean[m] = perSeed.reduce((a, v) => a + v[m], 0) / perSeed.length;
  const lower = {} as Record<MetricName, number>, upper = {} as Record<MetricName, number>;
  if (seeds.length === 1) {
    const b = bootstrapIntervals({ actual, predicted: seeds[0].predicted, repurchaseScore: seeds[0].repurchaseScore, actualRepurchase }, o);
    for (const m of METRIC_NAMES) { lower[m] = b.metrics[m].lower; upper[m] = b.metrics[m].upper; }
    return { mean: Object.freeze(mean), lower: Object.freeze(lower), upper: Object.freeze(upper) };
  }
  // Several seeds: materialise each resample (duplicates are tied, so evaluate() treats them
  // as the multiplicity weights bootstrapIntervals uses) and average the seeds' metrics.
  const n = actual.length, k = METRIC_NAMES.length;
  const reps = METRIC_NAMES.map(() => [] as number[]);
  const rng = createRng(o.seed);
  const idx = new Int32Array(n);
  const a = new Float64Array(n), r = new Float64Array(n), p = new Float64Array(n), q = new Float64Array(n);
  for (let rep = 0; rep < o.resamples; rep++) {
    for (let j = 0; j < n; j++) idx[j] = rng.int(n);
    idx.sort();
    for (let j = 0; j < n; j++) { a[j] = actual[idx[j]]; r[j] = actualRepurchase[idx[j]]; }
    const sums = new Float64Array(k);
    for (const s of seeds) {
      for (let j = 0; j < n; j++) { p[j] = s.predicted[idx[j]]; q[j] = s.repurchaseScore[idx[j]]; }
      const v = evaluate({ actual: a, predicted: p, repurchaseScore: q, actualRepurchase: r });
      METRIC_NAMES.forEach((m, i) => { sums[i] += v[m]; });
    }
    METRIC_NAMES.forEach((_, i) => { const x = sums[i] / seeds.length; if (!Number.isNaN(x)) reps[i].push(x); });
  }
  METRIC_NAMES.forEach((m, i) => {
    const sorted = Float64Array.from(reps[i]).sort();
    lower[m] = quantile(sorted, (1 - o.level) / 2);
    upper[m] = quantile(sorted, (1 + o.level) / 2);
  });
  return { mean: Object.freeze(mean), lower: Object.freeze(lower), upper: Object.freeze(upper) };
}
