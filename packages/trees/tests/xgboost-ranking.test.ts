// The parity criterion on raw, continuous features, where XGBoost's quantile sketch is
// approximate (its cut points drift a few ranks from the exact quantiles ours use, so the two
// ensembles are near but not equal): XGBoost 1.7.4 with the same hyper-parameters on the same
// float32 feature matrix; our test-fold predictions must rank customers like XGBoost's
// (Spearman ≥ 0.99) with a test normalized Gini within 0.005 of XGBoost's, and the global SHAP
// importance (mean |contribution|) must order the features alike.
import { describe, expect, it } from 'vitest';
import { binMatrix, fitGbdt, treeShap, type GbdtObjective } from '../src/index.ts';
import { meanAbsShap, normalizedGini, spearman, topFeatures } from './rank-metrics.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';
import { xgboost } from './xgboost.ts';

const nTrain = 30_000,
  nTest = 20_000,
  p = 12,
  shapRows = 1_000;
const data = syntheticCustomers(nTrain + nTest, p, 1);
const train = sliceRows(data.columns, 0, nTrain),
  test = sliceRows(data.columns, nTrain, nTrain + nTest);
const value = data.value.slice(0, nTrain),
  repurchase = data.repurchase.slice(0, nTrain);
const testValue = data.value.slice(nTrain),
  testRepurchase = data.repurchase.slice(nTrain);
const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
const logMean = mean(value.map(Math.log1p)),
  valueMean = mean(value),
  rate = mean(repurchase);

const XGB = { tree_method: 'hist', max_depth: 4, eta: 0.1, lambda: 1, min_child_weight: 1, max_bin: 255, nthread: 1 };
const CASES: readonly {
  objective: GbdtObjective;
  y: Float64Array;
  actual: Float64Array;
  baseMargin: number;
  xgb: Record<string, number | string>;
  label: Float64Array;
}[] = [
  {
    objective: 'log1p-squared',
    y: value,
    actual: testValue,
    baseMargin: logMean,
    xgb: { objective: 'reg:squarederror', base_score: logMean },
    label: value.map(Math.log1p),
  },
  {
    objective: 'tweedie',
    y: value,
    actual: testValue,
    baseMargin: Math.log(valueMean),
    xgb: { objective: 'reg:tweedie', tweedie_variance_power: 1.5, base_score: valueMean },
    label: value,
  },
  {
    objective: 'logistic',
    y: repurchase,
    actual: testRepurchase,
    baseMargin: Math.log(rate / (1 - rate)),
    xgb: { objective: 'binary:logistic', base_score: rate },
    label: repurchase,
  },
];
const reference = xgboost(
  train,
  test,
  CASES.map((c) => ({
    name: c.objective,
    params: { ...XGB, ...c.xgb },
    rounds: 100,
    label: c.label,
    contribs: true,
    contribsRows: shapRows,
  })),
);
const binned = binMatrix(train, data.names);

describe('GBDT ranks customers as XGBoost 1.7.4 does on raw features', () => {
  for (const c of CASES) {
    describe(c.objective, () => {
      const model = fitGbdt(binned, c.y, {
        objective: c.objective,
        rounds: 100,
        maxDepth: 4,
        learningRate: 0.1,
        lambda: 1,
        minChildWeight: 1,
        baseMargin: c.baseMargin,
        earlyStoppingRounds: 0,
      });
      const ours = model.predictMargin(test);
      const ref = reference.runs[c.objective];

      it('test predictions: Spearman ≥ 0.99 with XGBoost', () => {
        expect(spearman(ours, ref.margin)).toBeGreaterThanOrEqual(0.99);
      });

      it('test normalized Gini within 0.005 of XGBoost', () => {
        const gini = normalizedGini(c.actual, ours),
          refGini = normalizedGini(c.actual, ref.margin);
        expect(gini).toBeGreaterThan(0.3); // a real signal, not two constant predictors agreeing
        expect(Math.abs(gini - refGini)).toBeLessThanOrEqual(0.005);
      });

      it('global SHAP importance orders the features as pred_contribs does', () => {
        const ourShap = treeShap(
          model,
          test.map((col) => col.subarray(0, shapRows)),
        );
        const refShap = ref.contribs!.subarray(0, shapRows * (p + 1));
        const oursImp = meanAbsShap(ourShap, p),
          refImp = meanAbsShap(refShap, p);
        expect(topFeatures(oursImp, 3)).toEqual(topFeatures(refImp, 3));
        expect(spearman(oursImp, refImp)).toBeGreaterThanOrEqual(0.9);
      });
    });
  }
});
