import { describe, expect, it } from 'vitest';
import { DEFAULT_CORRECTED_RESAMPLED_T, correctedResampledT } from '../src/index.ts';

/** |got − want| ≤ tol·|want| (tol relative). */
function expectRel(got: number, want: number, tol: number): void {
  expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(tol * Math.abs(want));
}

describe('correctedResampledT', () => {
  it("k = 5 splits, n_test/n_train = 0.25: the hand formula with scipy's t quantile", () => {
    // By hand (numpy + scipy), x = [0.012, 0.018, 0.007, 0.021, 0.015]:
    //   mean = x.mean() = 0.0146, s2 = x.var(ddof=1) = 2.93e-05,
    //   cv = (1/5 + 0.25) * s2 = 1.3185e-05, se = sqrt(cv), t = mean / se,
    //   p = 2 * stats.t.sf(abs(t), 4), c = stats.t.ppf(0.975, 4) = 2.7764451051977934,
    //   interval = mean ± c * se.
    const x = [0.012, 0.018, 0.007, 0.021, 0.015];
    const r = correctedResampledT(x, { testTrainRatio: 0.25 });
    expect(r.k).toBe(5);
    expect(r.df).toBe(4);
    expect(r.level).toBe(0.95);
    expectRel(r.mean, 0.0146, 1e-13);
    expectRel(r.variance, 2.93e-5, 1e-12);
    expectRel(r.correctedVariance, 1.3185e-5, 1e-12);
    expectRel(r.se, 0.0036311155310730613, 1e-12);
    expectRel(r.t, 4.020802939223867, 1e-12);
    expectRel(r.p, 0.015853869243010736, 1e-10);
    expectRel(r.lower, 0.004518407057344511, 1e-10);
    expectRel(r.upper, 0.024681592942655484, 1e-10);
    // level 0.90: c = stats.t.ppf(0.95, 4).
    const r90 = correctedResampledT(x, { testTrainRatio: 0.25, level: 0.9 });
    expectRel(r90.lower, 0.006859018024301108, 1e-10);
    expectRel(r90.upper, 0.02234098197569889, 1e-10);
    expect(Object.isFrozen(r)).toBe(true);
    expect(DEFAULT_CORRECTED_RESAMPLED_T).toEqual({ level: 0.95 });
  });

  it('with testTrainRatio = 0 is scipy.stats.ttest_1samp', () => {
    // y = [0.31, -0.12, 0.44, 0.05, 0.27, -0.02, 0.18, 0.39, 0.11, 0.22]
    // res = stats.ttest_1samp(y, 0.0); res.statistic, res.pvalue, res.confidence_interval(0.95)
    const y = [0.31, -0.12, 0.44, 0.05, 0.27, -0.02, 0.18, 0.39, 0.11, 0.22];
    const r = correctedResampledT(Float64Array.from(y), { testTrainRatio: 0 });
    expectRel(r.t, 3.2237834231420606, 1e-12);
    expectRel(r.p, 0.010425978458789955, 1e-10);
    expectRel(r.lower, 0.0545872915592478, 1e-10);
    expectRel(r.upper, 0.3114127084407522, 1e-10);
  });

  it('tests paired per-split differences (n_test/n_train = 0.2/0.8)', () => {
    // d = [-0.003, 0.001, -0.004, -0.002, 0.0005, -0.0035, -0.001, -0.0025];
    // se = sqrt((1/8 + 0.25) * d.var(ddof=1)), t = d.mean() / se, p = 2 * stats.t.sf(abs(t), 7),
    // interval = d.mean() ± stats.t.ppf(0.975, 7) * se
    const d = [-0.003, 0.001, -0.004, -0.002, 0.0005, -0.0035, -0.001, -0.0025];
    const r = correctedResampledT(d, { testTrainRatio: 0.2 / 0.8 });
    expectRel(r.t, -1.6164654333189306, 1e-12);
    expectRel(r.p, 0.1500273416642126, 1e-10);
    expectRel(r.lower, -0.004463890724274344, 1e-10);
    expectRel(r.upper, 0.0008388907242743444, 1e-10);
    // The correction widens the plain resampled t-test's interval by √((1/k + ratio)·k) = √3.
    const plain = correctedResampledT(d, { testTrainRatio: 0 });
    expect((r.upper - r.lower) / (plain.upper - plain.lower)).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('k = 1 gives NaN variance, p and interval; constant values give an infinite or undefined t', () => {
    const one = correctedResampledT([0.4], { testTrainRatio: 0.25 });
    expect(one.k).toBe(1);
    expect(one.mean).toBe(0.4);
    expect(one.df).toBe(0);
    for (const v of [one.variance, one.se, one.t, one.p, one.lower, one.upper]) expect(v).toBeNaN();
    const same = correctedResampledT([0.25, 0.25, 0.25], { testTrainRatio: 0.25 });
    expect(same.t).toBe(Infinity);
    expect(same.p).toBe(0);
    expect(same.lower).toBe(0.25);
    const zero = correctedResampledT([0, 0, 0], { testTrainRatio: 0.25 });
    expect(zero.t).toBeNaN();
    expect(zero.p).toBeNaN();
  });

  it('rejects NaN values and bad options with one-line messages', () => {
    expect(() => correctedResampledT([0.1, NaN, 0.3], { testTrainRatio: 0.25 })).toThrow(
      'metrics/correctedResampledT: values[1] is NaN',
    );
    expect(() => correctedResampledT([], { testTrainRatio: 0.25 })).toThrow(
      'metrics/correctedResampledT: values is empty',
    );
    expect(() => correctedResampledT([1, 2], { testTrainRatio: -1 })).toThrow(
      'metrics/correctedResampledT: testTrainRatio must be a finite number >= 0 (n_test / n_train), got -1',
    );
    expect(() => correctedResampledT([1, 2], { testTrainRatio: NaN })).toThrow(
      'testTrainRatio must be a finite number >= 0',
    );
    expect(() => correctedResampledT([1, 2], { testTrainRatio: 0.25, level: 95 })).toThrow(
      'metrics/correctedResampledT: level must be in (0, 1), got 95',
    );
  });
});
