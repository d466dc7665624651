// The corrected resampled t-test of Nadeau & Bengio (2003, "Inference for the Generalization
// Error", Machine Learning 52:239–281) for k values x_1..x_k of a statistic measured on k
// random train/test re-splits of the same data (n_train customers to fit, n_test to score):
//   mean = Σ x_j / k,   s² = Σ (x_j − mean)² / (k − 1),
//   corrected variance = (1/k + n_test/n_train) · s²,
//   t = mean / √(corrected variance),   df = k − 1,
//   p = P(|T_{k−1}| ≥ |t|),   interval = mean ± t_{k−1,(1+level)/2} · √(corrected variance).
// The plain resampled t-test uses s²/k and is far too liberal because the splits share
// customers (their training sets overlap); the n_test/n_train term is Nadeau & Bengio's
// correction for that overlap. With testTrainRatio = 0 this is the one-sample t-test
// (scipy.stats.ttest_1samp).
//
// For comparing two models, pass the per-split differences A − B (the paired version): the
// test of mean = 0 is then the test of "no difference".
//
// Edge cases: k = 1 has no variance estimate, so variance, se, t, p, lower and upper are NaN
// (df = 0). If every value is equal, s² = 0: t = ±Infinity and p = 0 when the mean is not 0,
// t = p = NaN when it is (0/0, as scipy). A NaN value is an error, not silently dropped.

import { resolveOptions } from '@clvlab/core';
import type { NumericArray } from './validate-inputs.ts';
import { toFiniteArray } from './validate-inputs.ts';
import { studentTCritical, studentTTwoSidedP } from './student-t.ts';

/** Corrected resampled t-test defaults. */
export const DEFAULT_CORRECTED_RESAMPLED_T: Readonly<{ level: number }> = Object.freeze({
  /** 95% confidence interval, matching DEFAULT_BOOTSTRAP.level. */
  level: 0.95,
});

/** Options: the split's test/train size ratio (required) and the interval level. */
export interface CorrectedResampledTOptions extends Partial<typeof DEFAULT_CORRECTED_RESAMPLED_T> {
  /** n_test / n_train of each split (e.g. 0.25 for an 80/20 split); 0 gives the uncorrected one-sample t-test. */
  readonly testTrainRatio: number;
}

/** Result of correctedResampledT(). */
export interface CorrectedResampledT {
  /** Number of splits. */
  readonly k: number;
  readonly mean: number;
  /** Sample variance s² of the values (k − 1 denominator), uncorrected. */
  readonly variance: number;
  /** (1/k + n_test/n_train) · s², the corrected variance of the mean. */
  readonly correctedVariance: number;
  /** √correctedVariance. */
  readonly se: number;
  /** k − 1. */
  readonly df: number;
  /** mean / se. */
  readonly t: number;
  /** Two-sided p-value of mean = 0. */
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

/**
 * Nadeau & Bengio's corrected resampled t-test and confidence interval for the mean of
 * `values` (one per random re-split). Throws `metrics/correctedResampledT: ...` on empty input,
 * a NaN or infinite value, testTrainRatio not finite ≥ 0, or level outside (0, 1).
 */
export function correctedResampledT(values: NumericArray, options: CorrectedResampledTOptions): CorrectedResampledT {
  const { testTrainRatio, ...rest } = options;
  const { level } = resolveOptions('metrics/correctedResampledT', DEFAULT_CORRECTED_RESAMPLED_T, rest);
  if (!(testTrainRatio >= 0 && Number.isFinite(testTrainRatio))) {
    throw new Error(
      `metrics/correctedResampledT: testTrainRatio must be a finite number >= 0 (n_test / n_train), got ${testTrainRatio}`,
    );
  }
  if (!(level > 0 && level < 1)) throw new Error(`metrics/correctedResampledT: level must be in (0, 1), got ${level}`);
  const x = toFiniteArray('correctedResampledT', 'values', values);
  const k = x.length;
  let mean = 0;
  for (let j = 0; j < k; j++) mean += x[j];
  mean /= k;
  if (k === 1) {
    return Object.freeze({
      k,
      mean,
      variance: NaN,
      correctedVariance: NaN,
      se: NaN,
      df: 0,
      t: NaN,
      p: NaN,
      lower: NaN,
      upper: NaN,
      level,
    });
  }
  let ss = 0;
  for (let j = 0; j < k; j++) ss += (x[j] - mean) ** 2;
  const variance = ss / (k - 1);
  const correctedVariance = (1 / k + testTrainRatio) * variance;
  const se = Math.sqrt(correctedVariance);
  const df = k - 1;
  const t = mean / se;
  const p = Number.isNaN(t) ? NaN : studentTTwoSidedP(t, df);
  const half = studentTCritical(level, df) * se;
  return Object.freeze({
    k,
    mean,
    variance,
    correctedVariance,
    se,
    df,
    t,
    p,
    lower: mean - half,
    upper: mean + half,
    level,
  });
}
