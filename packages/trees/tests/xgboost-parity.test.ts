// The GBDT against XGBoost 1.7.4 (Debian's python3-xgboost, run by /usr/bin/python3) when both
// bin identically: on columns with ≤ 200 distinct values XGBoost's quantile sketch is exact and
// its cut points are ours (bin-matrix.ts), so the same hyper-parameters (hist, depthwise, depth,
// eta, rounds, lambda, min_child_weight, objective, base_score) must give the same trees: test
// margins equal to float32 precision (XGBoost keeps gradients and predictions in float32),
// pred_contribs equal to our TreeSHAP, and early stopping at the same round.
import { describe, expect, it } from 'vitest';
import { binMatrix, fitGbdt, treeShap, type GbdtObjective } from '../src/index.ts';
import { quantizeColumns, sliceRows, syntheticCustomers } from './synthetic-customers.ts';
import { xgboost, type XgbRun } from './xgboost.ts';

const nTrain = 8000,
  nTest = 4000,
  p = 12;
const data = syntheticCustomers(nTrain + nTest, p, 11);
const columns = quantizeColumns(data.columns);
const train = sliceRows(columns, 0, nTrain),
  test = sliceRows(columns, nTrain, nTrain + nTest);
const value = data.value.slice(0, nTrain),
  repurchase = data.repurchase.slice(0, nTrain);
const testValue = data.value.slice(nTrain),
  testRepurchase = data.repurchase.slice(nTrain);
const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;

const XGB = {
  tree_method: 'hist',
  grow_policy: 'depthwise',
  max_depth: 4,
  eta: 0.1,
  lambda: 1,
  min_child_weight: 1,
  max_bin: 255,
  nthread: 1,
};
const OURS = { rounds: 60, maxDepth: 4, learningRate: 0.1, lambda: 1, minChildWeight: 1, earlyStoppingRounds: 0 };

interface Case {
  readonly objective: GbdtObjective;
  readonly y: Float64Array;
  readonly validY: Float64Array;
  /** Our base margin and XGBoost's base_score (its response): equal by construction. */
  readonly baseMargin: number;
  readonly xgb: Record<string, number | string>;
}
const logMean = mean(value.map(Math.log1p)),
  valueMean = mean(value),
  rate = mean(repurchase);
const CASES: readonly Case[] = [
  {
    objective: 'log1p-squared',
    y: value,
    validY: testValue,
    baseMargin: logMean,
    xgb: { objective: 'reg:squarederror', base_score: logMean },
  },
  {
    objective: 'tweedie',
    y: value,
    validY: testValue,
    baseMargin: Math.log(valueMean),
    xgb: { objective: 'reg:tweedie', tweedie_variance_power: 1.5, base_score: valueMean },
  },
  {
    objective: 'logistic',
    y: repurchase,
    validY: testRepurchase,
    baseMargin: Math.log(rate / (1 - rate)),
    xgb: { objective: 'binary:logistic', base_score: rate },
  },
];
const xgbLabel = (c: Case, y: Float64Array): Float64Array => (c.objective === 'log1p-squared' ? y.map(Math.log1p) : y);

const runs: XgbRun[] = CASES.flatMap((c) => [
  {
    name: c.objective,
    params: { ...XGB, ...c.xgb },
    rounds: OURS.rounds,
    label: xgbLabel(c, c.y),
    contribs: true,
    contribsRows: 300,
  },
  {
    name: `${c.objective}-es`,
    params: { ...XGB, ...c.xgb, max_depth: 5 },
    rounds: 400,
    label: xgbLabel(c, c.y),
    validLabel: xgbLabel(c, c.validY),
    earlyStoppingRounds: 10,
  },
]);
const reference = xgboost(train, test, runs);
const binned = binMatrix(train);

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('GBDT equals XGBoost 1.7.4 (hist) when both bin identically', () => {
  it('runs the reference XGBoost 1.7.4', () => {
    expect(reference.version).toBe('1.7.4');
  });

  for (const c of CASES) {
    describe(c.objective, () => {
      const model = fitGbdt(binned, c.y, { ...OURS, objective: c.objective, baseMargin: c.baseMargin });
      const ref = reference.runs[c.objective];

      it('gives the same test margins (float32 precision)', () => {
        expect(maxAbsDiff(model.predictMargin(test), ref.margin)).toBeLessThan(2e-5);
      });

      it('gives the same SHAP values as pred_contribs, bias column included', () => {
        const rows = 300; // XGBoost returns pred_contribs for these rows
        const ours = treeShap(
          model,
          test.map((col) => col.subarray(0, rows)),
        );
        expect(maxAbsDiff(ours, ref.contribs!.subarray(0, rows * (p + 1)))).toBeLessThan(2e-5);
      });

      it('early-stops at the same round on the same valid fold', () => {
        const es = fitGbdt(binned, c.y, {
          ...OURS,
          objective: c.objective,
          baseMargin: c.baseMargin,
          maxDepth: 5,
          rounds: 400,
          earlyStoppingRounds: 10,
          valid: { x: test, y: c.validY },
        });
        const refEs = reference.runs[`${c.objective}-es`];
        expect(refEs.bestIteration).toBeLessThan(390); // it did stop early
        expect(refEs.bestIteration).toBeGreaterThan(10);
        expect(es.bestIteration).toBe(refEs.bestIteration);
        expect(es.trees.length).toBe(refEs.bestIteration + 1);
        expect(maxAbsDiff(es.predictMargin(test), refEs.margin)).toBeLessThan(1e-4);
      });
    });
  }
});
