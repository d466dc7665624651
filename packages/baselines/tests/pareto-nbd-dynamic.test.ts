import { describe, expect, it } from 'vitest';
import {
  covariateMatrix,
  dynamicCovariateSet,
  fitParetoNbdCovariates,
  fitParetoNbdDynamic,
  paretoNbdCovariatesLogLikelihood,
  paretoNbdDynamicLogLikelihood,
  paretoNbdLogLikelihood,
  prepareBtydRows,
  prepareDynamicCovariates,
} from '../src/index.ts';
import type { DynamicCovariates } from '../src/index.ts';
import { rel } from './fixtures.ts';
import { apparelDynamic, apparelStaticCovariates, expectGradient } from './shared-data.ts';
import { simulateParetoNbdDynamic } from './simulate-btyd.ts';

// No published fit exists for the extended Pareto/NBD (CLVTools tests identities only):
// all γ = 0 → the no-covariate per-customer LL; covariates constant per customer → the static
// model; plus recovery of known γ from simulated data.
const where = 'test';
const apparel = apparelDynamic(104);

function dynamicSets(trans: readonly string[], life: readonly string[]): DynamicCovariates {
  return {
    boundaries: apparel.boundaries,
    ...(trans.length ? { trans: { names: trans, values: apparel.values(trans) } } : {}),
    ...(life.length ? { life: { names: life, values: apparel.values(life) } } : {}),
  };
}

describe('extended Pareto/NBD (time-varying covariates)', () => {
  it('with all γ = 0 gives every customer exactly the no-covariate Pareto/NBD likelihood (apparelDynCov)', () => {
    const rows = prepareDynamicCovariates(
      where,
      apparel.histories,
      dynamicSets(['High.Season', 'Gender', 'Channel'], ['High.Season', 'Gender', 'Channel']),
    );
    const theta = Float64Array.of(Math.log(1.45), Math.log(48.6), Math.log(0.56), Math.log(46.9), 0, 0, 0, 0, 0, 0);
    const per = new Float64Array(rows.n),
      g = new Float64Array(10),
      g4 = new Float64Array(4);
    paretoNbdDynamicLogLikelihood(rows, theta, g, undefined, per);
    const s = apparel.summary;
    for (let i = 0; i < rows.n; i++) {
      const one = prepareBtydRows('t', { frequency: [s.frequency[i]], recency: [s.recency[i]], T: [s.T[i]] });
      expect(
        Math.abs(per[i] - paretoNbdLogLikelihood(one, theta.subarray(0, 4), g4)),
        `customer ${s.ids[i]}`,
      ).toBeLessThan(1e-11 * Math.max(1, Math.abs(per[i])));
    }
  });

  it('with covariates constant per customer equals the static-covariate model: likelihood, gradient and fit', () => {
    const dyn = dynamicSets(['Gender', 'Channel'], ['Gender', 'Channel']);
    const rows = prepareDynamicCovariates(where, apparel.histories, dyn);
    const cov = covariateMatrix(apparel.summary.ids, apparelStaticCovariates(), { columns: ['Gender', 'Channel'] });
    const theta = Float64Array.of(Math.log(1.8), Math.log(93), Math.log(0.59), Math.log(49.5), 0.29, 0.62, -0.64, 0.79);
    const gd = new Float64Array(8),
      gs = new Float64Array(8);
    const ld = paretoNbdDynamicLogLikelihood(rows, theta, gd);
    const ls = paretoNbdCovariatesLogLikelihood(apparel.summary, { trans: cov, life: cov }, theta, gs);
    expect(Math.abs(ld - ls)).toBeLessThan(1e-8);
    for (let j = 0; j < 8; j++)
      expect(Math.abs(gd[j] - gs[j]), `coordinate ${j}`).toBeLessThan(1e-6 * (1 + Math.abs(gs[j])));
    const fd = fitParetoNbdDynamic(apparel.histories, dyn),
      fs = fitParetoNbdCovariates(apparel.summary, { trans: cov, life: cov });
    expect(fd.model).toBe('pareto-nbd-dynamic');
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(rel(fd.params[k], fs.params[k])).toBeLessThan(1e-4);
    for (const k of Object.keys(fs.coefficients))
      expect(Math.abs(fd.coefficients[k] - fs.coefficients[k])).toBeLessThan(1e-4);
    expect(Math.abs(fd.logLikelihood - fs.logLikelihood)).toBeLessThan(1e-6);
  });

  it('has an exact gradient with a time-varying covariate (High.Season), penalised or not', () => {
    const rows = prepareDynamicCovariates(
      where,
      apparel.histories,
      dynamicSets(['High.Season', 'Gender'], ['High.Season', 'Channel']),
    );
    const theta = Float64Array.of(Math.log(1.6), Math.log(70), Math.log(0.6), Math.log(45), 0.4, 0.3, -0.5, 0.7);
    expectGradient((t, g) => paretoNbdDynamicLogLikelihood(rows, t, g), theta, 1e-6, 1e-5);
    expectGradient((t, g) => paretoNbdDynamicLogLikelihood(rows, t, g, { trans: 0.1, life: 0.05 }), theta, 1e-6, 1e-5);
  });

  it('recovers known γ from simulated customers with a seasonal covariate (within 3 standard errors)', () => {
    const truth = { r: 1.2, alpha: 6, s: 0.8, beta: 30, season: 0.7, group: -0.5, seasonLife: 1.0 };
    const { histories, covariates } = simulateParetoNbdDynamic(3000, truth, 4);
    const fit = fitParetoNbdDynamic(histories, covariates);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const)
      expect(Math.abs(fit.params[k] - truth[k]), k).toBeLessThan(3 * fit.stdErrors[k]);
    const want: Record<string, number> = {
      'trans.season': truth.season,
      'trans.group': truth.group,
      'life.season': truth.seasonLife,
    };
    for (const [k, v] of Object.entries(want))
      expect(
        Math.abs(fit.coefficients[k] - v),
        `${k}: ${fit.coefficients[k]} ± ${fit.coefficientStdErrors[k]}`,
      ).toBeLessThan(3 * fit.coefficientStdErrors[k]);
  });

  it('builds the covariate array from the long apparelDynCov table and names a customer or period missing from it', () => {
    const { table, summary, boundaries } = apparel;
    const set = dynamicCovariateSet(summary.ids, boundaries, table, ['High.Season', 'Gender']);
    expect(set.values.length).toBe(600 * 104 * 2);
    const seasonWeeks = Array.from({ length: 104 }, (_, m) => set.values[m * 2]).reduce((a, v) => a + v, 0);
    expect(seasonWeeks).toBeGreaterThan(0);
    expect(seasonWeeks).toBeLessThan(104);
    const drop = (keep: (i: number) => boolean) => ({
      ids: table.ids.filter((_, i) => keep(i)),
      periodStarts: Array.from(table.periodStarts).filter((_, i) => keep(i)),
      columns: { Gender: Array.from(table.columns.Gender).filter((_, i) => keep(i)) },
    });
    expect(() => dynamicCovariateSet([...summary.ids, '9999'], boundaries, table, ['Gender'])).toThrow(
      "baselines/dynamicCovariateSet: customer '9999' (history row 601) has no covariate row for period 1 (from 0)",
    );
    const firstOf7 = table.ids.findIndex((id, i) => id === '7' && table.periodStarts[i] === 3);
    expect(() =>
      dynamicCovariateSet(
        summary.ids,
        boundaries,
        drop((i) => i !== firstOf7),
        ['Gender'],
      ),
    ).toThrow(
      `baselines/dynamicCovariateSet: customer '7' (history row ${summary.ids.indexOf('7') + 1}) has no covariate row for period 4 (from 3)`,
    );
    expect(() =>
      dynamicCovariateSet(
        summary.ids,
        boundaries,
        { ...table, periodStarts: Array.from(table.periodStarts, (t, i) => (i === 5 ? t + 0.5 : t)) },
        ['Gender'],
      ),
    ).toThrow("baselines/dynamicCovariateSet: table row 6 (customer '1'): period start 5.5 is not a period boundary");
  });

  it('fits apparel with High.Season, Gender, Channel; says so when a coefficient runs off (High.Season on the lifetime process)', () => {
    const all = ['High.Season', 'Gender', 'Channel'];
    const trans = dynamicSets(all, ['Gender', 'Channel']);
    const fit = fitParetoNbdDynamic(apparel.histories, trans);
    expect(fit.warning).toBeUndefined();
    expect(fit.coefficients['trans.High.Season']).toBeGreaterThan(3 * fit.coefficientStdErrors['trans.High.Season']); // buying rises in the high season
    const both = fitParetoNbdDynamic(apparel.histories, dynamicSets(all, all));
    expect(both.warning).toMatch(
      /^no finite MLE for life\.High\.Season \(-1\d\.\d, se [0-9.e+]+\): the likelihood keeps rising/,
    );
  });

  it('rejects periods inconsistent with the summary, NaN and constant covariates, and bad purchases with one-line errors', () => {
    const dyn = dynamicSets(['High.Season'], []);
    const longer = { ...apparel.histories, T: apparel.histories.T.map((t, i) => (i === 4 ? t + 2 : t)) };
    expect(() => fitParetoNbdDynamic(longer, dyn)).toThrow(
      'baselines/fitParetoNbdDynamic: customer row 5: the covariate periods cover [0, 104] but the history runs over [first, first + T] = [0, 106]: periods inconsistent with the summary',
    );
    const nan = Float64Array.from(dyn.trans!.values);
    nan[3 * 104 + 7] = NaN;
    expect(() =>
      fitParetoNbdDynamic(apparel.histories, { ...dyn, trans: { names: ['High.Season'], values: nan } }),
    ).toThrow(
      "baselines/fitParetoNbdDynamic: 'trans' covariate 'High.Season', customer row 4, period 8 (from 7): expected a finite number, got NaN",
    );
    expect(() =>
      fitParetoNbdDynamic(apparel.histories, {
        ...dyn,
        trans: { names: ['one'], values: new Float64Array(600 * 104).fill(1) },
      }),
    ).toThrow(
      "baselines/fitParetoNbdDynamic: 'trans' covariate 'one' is constant (1 for every customer and period): its coefficient is not identified; drop it",
    );
    const late = {
      ...apparel.histories,
      purchaseTimes: apparel.histories.purchaseTimes.map((t, p) => (p === 0 ? 200 : t)),
    };
    expect(() => fitParetoNbdDynamic(late, dyn)).toThrow(
      /^baselines\/fitParetoNbdDynamic: customer row 1: repeat purchase 1 at 200 is not in \(0, T = 104\]/,
    );
    expect(() =>
      fitParetoNbdDynamic(apparel.histories, {
        ...dyn,
        trans: { names: ['High.Season'], values: dyn.trans!.values.subarray(1) },
      }),
    ).toThrow(
      "baselines/fitParetoNbdDynamic: the 'trans' covariates have 62399 values, expected customers × periods × covariates = 600 × 104 × 1",
    );
  });
});
