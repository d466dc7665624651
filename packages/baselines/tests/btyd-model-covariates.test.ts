// The `+cov` benchmark models (btyd-model.ts): bgnbd-gg+cov and pareto-nbd-gg+cov on the apparel
// data the way the bench sees it (the event file read by @clvlab/events, the published 104-week
// estimation split: cutoff 2007-01-01, cohort = all 600 customers), the static attributes in
// task.covariates. The Pareto/NBD fit inside the model must be CLVTools' published one.
import { beforeAll, describe, expect, it } from 'vitest';
import { customerOffsets } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { evaluationSplit } from '@clvlab/sessions';
import type { FeatureTable, ModelOutput, ModelTask } from '@clvlab/sessions';
import { rfmFeatures } from '@clvlab/features';
import {
  btydModel,
  conditionalExpectedPurchases,
  covariateCustomerFit,
  covariateMatrix,
  createBaselineModel,
  expectedAverageSpend,
  fitGammaGamma,
  fitParetoNbdCovariates,
  repurchaseProbability,
} from '../src/index.ts';
import { rel } from './fixtures.ts';
import { apparelStaticCovariates, SHARED_DATA } from './shared-data.ts';

/** CLVTools walkthrough (SOURCE.md): Gender + Channel on both processes, and without covariates. */
const PUBLISHED = {
  params: { r: 1.8387, alpha: 92.9435, s: 0.5913, beta: 49.5048 },
  coefficients: { 'life.Gender': -0.6428, 'life.Channel': 0.7902, 'trans.Gender': 0.286, 'trans.Channel': 0.6239 },
  ll: -5821.0627,
  nocovLl: -5848.0978,
};

interface CovInfo {
  unit: string;
  params: Record<string, number>;
  coefficients: Record<string, number>;
  covariates: { trans: string[]; life: string[] };
  logLikelihood: number;
  noCovariateLogLikelihood: number;
  likelihoodRatio: number;
  boundary: boolean;
  converged: boolean;
  penalty: { trans: number; life: number };
}

let task: ModelTask;
let covariates: FeatureTable;
const outputs = new Map<string, ModelOutput>();

beforeAll(async () => {
  const { log } = await readEventLog(`${SHARED_DATA}apparel/apparelTrans.csv`, {
    format: 'events',
    map: { customer_id: 'Id', timestamp: 'Date', amount: 'Price' },
  });
  const split = evaluationSplit(log, { cutoff: Date.UTC(2007, 0, 1) });
  const table = apparelStaticCovariates();
  const m = covariateMatrix(
    Array.from(split.customers, (c) => log.customerIds[c]),
    table,
    { columns: ['Gender', 'Channel'] },
  );
  covariates = {
    names: m.names,
    columns: m.names.map((_, j) =>
      Float64Array.from({ length: m.customers }, (_, i) => m.values[i * m.names.length + j]),
    ),
  };
  task = { log, session: new Int32Array(log.length), offsets: customerOffsets(log), split, seed: 1, covariates };
  for (const name of ['pareto-nbd-gg', 'pareto-nbd-gg+cov', 'bgnbd-gg', 'bgnbd-gg+cov'] as const)
    outputs.set(name, await createBaselineModel(name).run(task));
}, 120_000);

describe('pareto-nbd-gg+cov / bgnbd-gg+cov on apparel', () => {
  it('fits the published Pareto/NBD with Gender + Channel on both processes (0.5%, LL to 1e-3) and records the likelihood-ratio statistic', () => {
    expect(task.split.customers.length).toBe(600);
    const info = outputs.get('pareto-nbd-gg+cov')!.info as unknown as CovInfo;
    expect(info.unit).toBe('week');
    for (const [k, v] of Object.entries(PUBLISHED.params)) expect(rel(info.params[k], v), k).toBeLessThan(0.005);
    for (const [k, v] of Object.entries(PUBLISHED.coefficients))
      expect(rel(info.coefficients[k], v), k).toBeLessThan(0.005);
    expect(Math.abs(info.logLikelihood - PUBLISHED.ll)).toBeLessThan(1e-3);
    expect(Math.abs(info.noCovariateLogLikelihood - PUBLISHED.nocovLl)).toBeLessThan(1e-3);
    expect(info.likelihoodRatio).toBeCloseTo(2 * (PUBLISHED.ll - PUBLISHED.nocovLl), 2);
    expect(info.covariates).toEqual({ trans: ['Gender', 'Channel'], life: ['Gender', 'Channel'] });
    expect(info.boundary).toBe(false);
    expect(info.converged).toBe(true);
    const plain = outputs.get('pareto-nbd-gg')!.info as unknown as CovInfo;
    expect(Math.abs(plain.logLikelihood - PUBLISHED.nocovLl)).toBeLessThan(1e-3);
  });

  it("predicts each customer with the plain model at that customer's parameters (covariateCustomerFit), times Gamma-Gamma spend", () => {
    const h = rfmFeatures(task, task.split.score.featureEnd, 'week').history;
    const cov = covariateMatrix(
      Array.from(task.split.customers, (c) => task.log.customerIds[c]),
      apparelStaticCovariates(),
      { columns: ['Gender', 'Channel'] },
    );
    const fit = fitParetoNbdCovariates(h, { trans: cov, life: cov });
    const spend = expectedAverageSpend(fitGammaGamma(h), h);
    const t = (task.split.score.labelEnd - task.split.score.featureEnd) / (7 * 86_400_000);
    const out = outputs.get('pareto-nbd-gg+cov')!;
    for (const i of [0, 1, 17, 300, 599]) {
      const fi = covariateCustomerFit(fit, { trans: cov, life: cov }, i);
      const hi = { frequency: h.frequency[i], recency: h.recency[i], T: h.T[i] };
      expect(rel(out.value[i], conditionalExpectedPurchases(fi, t, hi)[0] * spend[i])).toBeLessThan(1e-6);
      expect(Math.abs(out.repurchase[i] - repurchaseProbability(fi, t, hi)[0])).toBeLessThan(1e-6);
    }
    // the covariates move predictions: +cov differs from the plain model
    const plain = outputs.get('pareto-nbd-gg')!;
    expect(out.value.some((v, i) => Math.abs(v - plain.value[i]) > 1e-3 * (1 + plain.value[i]))).toBe(true);
  });

  it("BG/NBD: finite predictions in range; both +cov models keep the plain models' spend", () => {
    for (const name of ['bgnbd-gg+cov', 'pareto-nbd-gg+cov']) {
      const out = outputs.get(name)!;
      expect(
        out.value.every((v) => Number.isFinite(v) && v >= 0),
        name,
      ).toBe(true);
      expect(
        out.repurchase.every((v) => v >= 0 && v <= 1),
        name,
      ).toBe(true);
      const plain = outputs.get(name.replace('+cov', ''))!;
      expect((out.info as { spend: unknown }).spend).toEqual((plain.info as { spend: unknown }).spend);
    }
  });

  it("takes 'processes' and 'penalty' (a penalty shrinks every coefficient)", async () => {
    const trans = (await btydModel('pareto-nbd', { processes: 'trans' }, true).run(task)).info as unknown as CovInfo;
    expect(trans.covariates).toEqual({ trans: ['Gender', 'Channel'], life: [] });
    expect(Object.keys(trans.coefficients)).toEqual(['trans.Gender', 'trans.Channel']);
    const shrunk = (await btydModel('pareto-nbd', { penalty: '0.5' }, true).run(task)).info as unknown as CovInfo;
    expect(shrunk.penalty).toEqual({ trans: 0.5, life: 0.5 });
    for (const [k, v] of Object.entries(PUBLISHED.coefficients))
      expect(Math.abs(shrunk.coefficients[k])).toBeLessThan(Math.abs(v));
  }, 60_000);

  it("fails in one line without covariates, on a bad config, and leaves the plain models' config unchanged", async () => {
    const { covariates: _c, ...bare } = task;
    await expect(createBaselineModel('bgnbd-gg+cov').run(bare)).rejects.toThrow(
      'baselines/bgnbd-gg+cov: the dataset has no customer covariates (task.covariates is absent)',
    );
    expect(() => btydModel('bgnbd', { processes: 'all' }, true)).toThrow(
      "baselines/bgnbd-gg+cov: processes must be 'both', 'trans' or 'life', got 'all'",
    );
    expect(() => btydModel('bgnbd', { penalty: -1 }, true)).toThrow(
      'baselines/bgnbd-gg+cov: penalty must be a number >= 0, got -1',
    );
    expect(() => btydModel('bgnbd', { penalty: 1 })).toThrow("baselines/bgnbd-gg: unknown option 'penalty'");
    expect(Object.keys(btydModel('bgnbd').config)).toEqual(['unit', 'weeksFromDays', 'spendFallback']);
    const nan = {
      ...task,
      covariates: {
        names: ['x'],
        columns: [Float64Array.from(task.split.customers, (_, i) => (i === 3 ? Number.NaN : i % 2))],
      },
    };
    await expect(btydModel('bgnbd', {}, true).run(nan)).rejects.toThrow(
      "baselines/bgnbd-gg+cov: covariate 'x' is not finite for cohort row 4 (NaN)",
    );
  });
});
