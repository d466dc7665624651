// Bad input gives a one-line error naming the function and what was expected, or a documented
// behaviour — never a crash or a silent NaN model.
import { describe, expect, it } from 'vitest';
import { fitDecisionTree, fitGbdt, fitRandomForest, treeShap } from '../src/index.ts';
import { syntheticCustomers } from './synthetic-customers.ts';

const data = syntheticCustomers(800, 8, 17);
const x = data.columns,
  y = data.value,
  label = data.repurchase;

describe('documented behaviour', () => {
  it('a constant feature and an all-NaN column are never split on (and get zero SHAP)', () => {
    const cols = [...x, new Float32Array(800).fill(4), new Float32Array(800).fill(NaN)];
    const model = fitGbdt(cols, y, { rounds: 30 });
    for (const t of model.trees) for (const f of t.feature) expect(f === 8 || f === 9).toBe(false);
    const phi = treeShap(
      model,
      cols.map((c) => c.subarray(0, 20)),
    );
    for (let i = 0; i < 20; i++) {
      expect(phi[i * 11 + 8]).toBe(0);
      expect(phi[i * 11 + 9]).toBe(0);
    }
    expect(Number.isFinite(model.predict(cols)[0])).toBe(true);
  });

  it('a GBDT whose total hessian is below minChildWeight keeps the base margin (XGBoost: leaf weight 0)', () => {
    const model = fitGbdt(
      x.map((c) => c.subarray(0, 3)),
      y.subarray(0, 3),
      { objective: 'log1p-squared', minChildWeight: 5, baseMargin: 0.5 },
    );
    expect(Array.from(model.predictMargin(x.map((c) => c.subarray(0, 4))))).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('a GBDT on a single row is a constant model', () => {
    const model = fitGbdt(
      x.map((c) => c.subarray(0, 1)),
      Float64Array.of(10),
      { objective: 'log1p-squared', rounds: 5 },
    );
    const m = model.predictMargin(x.map((c) => c.subarray(0, 3)));
    expect(m[0]).toBe(m[1]);
    expect(m[0]).toBeCloseTo(Math.log1p(10), 12);
  });
});

describe('clear errors', () => {
  it('a repurchase label with a single class', () => {
    expect(() => fitGbdt(x, new Float64Array(800), { objective: 'logistic' })).toThrow(
      'trees/fit-gbdt: every training label is 0: a logistic model needs both classes (a repurchase label with a single class)',
    );
    expect(() => fitRandomForest(x, new Float64Array(800).fill(1), { objective: 'gini' })).toThrow(
      'trees/fit-random-forest: every training label is 1: a gini classifier needs both classes',
    );
  });

  it('fewer rows than the minimum leaf size', () => {
    const three = x.map((c) => c.subarray(0, 3));
    expect(() => fitDecisionTree(three, y.subarray(0, 3), { minSamplesLeaf: 5 })).toThrow(
      'trees/fit-decision-tree: 3 training rows is fewer than minSamplesLeaf 5: no leaf could be formed',
    );
    expect(() => fitRandomForest(three, y.subarray(0, 3))).toThrow(
      'trees/fit-random-forest: 3 training rows is fewer than minSamplesLeaf 5',
    );
  });

  it('labels of the wrong count, NaN, negative values or non-binary classes', () => {
    expect(() => fitGbdt(x, y.subarray(0, 10))).toThrow('trees/fit-gbdt: 10 labels for 800 rows');
    expect(() => fitGbdt(x, Float64Array.from(y).fill(NaN, 3, 4))).toThrow(
      'trees/fit-gbdt: label 3 is NaN, expected a finite value ≥ 0 (tweedie)',
    );
    expect(() => fitGbdt(x, Float64Array.from(y).fill(-1, 0, 1), { objective: 'log1p-squared' })).toThrow(
      'label 0 is -1, expected a finite value ≥ 0',
    );
    expect(() => fitGbdt(x, Float64Array.from(label).fill(2, 5, 6), { objective: 'logistic' })).toThrow(
      'label 5 is 2, expected 0 or 1 (logistic)',
    );
    expect(() => fitGbdt(x, new Float64Array(800))).toThrow(
      'trees/fit-gbdt: every tweedie label is 0; the log-link base margin needs a positive mean (pass baseMargin)',
    );
  });

  it('unknown or mistyped options and out-of-range hyper-parameters', () => {
    expect(() => fitGbdt(x, y, { learning_rate: 0.1 } as never)).toThrow(
      "trees/fit-gbdt: unknown option 'learning_rate' (expected one of objective, rounds, learningRate,",
    );
    expect(() => fitGbdt(x, y, { rounds: '10' } as never)).toThrow(
      'trees/fit-gbdt: option \'rounds\' must be a number, got "10"',
    );
    expect(() => fitGbdt(x, y, { objective: 'poisson' } as never)).toThrow(
      "trees/fit-gbdt: unknown objective 'poisson' (expected one of log1p-squared, tweedie, logistic)",
    );
    expect(() => fitGbdt(x, y, { subsample: 0 })).toThrow(
      'trees/fit-gbdt: subsample must be a number in (0, 1], got 0',
    );
    expect(() => fitGbdt(x, y, { tweedieVariancePower: 2 })).toThrow('tweedieVariancePower must be in [1, 2), got 2');
    expect(() => fitGbdt(x, y, { maxDepth: 40 })).toThrow('maxDepth must be an integer in [0, 30], got 40');
    expect(() => fitRandomForest(x, y, { featuresPerSplit: 9 })).toThrow(
      'trees/fit-random-forest: featuresPerSplit must be an integer in [0, 8], got 9',
    );
    expect(() => fitDecisionTree(x, y, { objective: 'huber' } as never)).toThrow(
      "trees/fit-decision-tree: unknown objective 'huber' (expected one of squared, log1p-squared, gini)",
    );
  });

  it('feature matrices of the wrong shape at prediction', () => {
    const model = fitGbdt(x, y, { rounds: 3 });
    expect(() => model.predict(x.slice(0, 7))).toThrow(
      'trees/fit-gbdt/predict: expected 8 feature columns (as in training), got 7',
    );
    expect(() => model.predict([...x.slice(0, 7), Float32Array.of(Infinity, ...x[7].subarray(1))])).toThrow(
      'feature column 7 row 0 is Infinity; use NaN for a missing value',
    );
    expect(() => treeShap(model, [new Float64Array(2)])).toThrow(
      'trees/tree-shap: expected 8 feature columns (as in training), got 1',
    );
    expect(() => fitGbdt([], y)).toThrow('trees/fit-gbdt: expected at least one feature column');
  });
});
