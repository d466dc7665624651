// TreeSHAP against the definition: exact Shapley values of the path-dependent value function
// (Lundberg, Erion & Lee 2018, Algorithm 1: features outside S integrated out by the training
// cover of each branch), computed here by brute force over all 2^M feature subsets for small
// models (M ≤ 8), must equal Algorithm 2's output to 1e-9; on larger models every row's
// contributions plus the bias must sum to the model margin (local accuracy) to 1e-6.
import { describe, expect, it } from 'vitest';
import {
  binMatrix,
  fitDecisionTree,
  fitGbdt,
  fitRandomForest,
  treeShap,
  type FeatureColumns,
  type Tree,
  type TreeEnsemble,
} from '../src/index.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';

/** Algorithm 1: E[f(x) | x_S] with features outside S following both branches by cover. */
function expectedValue(tree: Tree, x: FeatureColumns, i: number, inS: (f: number) => boolean, node = 0): number {
  const f = tree.feature[node];
  if (f < 0) return tree.value[node];
  const l = tree.left[node],
    r = tree.right[node];
  if (inS(f)) {
    const v = x[f][i];
    const left = Number.isNaN(v) ? tree.defaultLeft[node] === 1 : v < tree.threshold[node];
    return expectedValue(tree, x, i, inS, left ? l : r);
  }
  return (
    (tree.cover[l] * expectedValue(tree, x, i, inS, l) + tree.cover[r] * expectedValue(tree, x, i, inS, r)) /
    tree.cover[node]
  );
}

/** Exact Shapley values of v(S) = baseMargin + scale · Σ_t E[tree_t | x_S], over every subset. */
function bruteForceShap(model: TreeEnsemble, x: FeatureColumns, i: number): Float64Array {
  const m = model.featureNames.length;
  const v = new Float64Array(1 << m);
  for (let s = 0; s < 1 << m; s++) {
    let total = model.baseMargin;
    for (const t of model.trees) total += model.treeScale * expectedValue(t, x, i, (f) => ((s >> f) & 1) === 1);
    v[s] = total;
  }
  const fact = [1];
  for (let k = 1; k <= m; k++) fact.push(fact[k - 1] * k);
  const phi = new Float64Array(m + 1);
  for (let f = 0; f < m; f++) {
    for (let s = 0; s < 1 << m; s++) {
      if ((s >> f) & 1) continue;
      let size = 0;
      for (let b = s; b; b &= b - 1) size++;
      phi[f] += ((fact[size] * fact[m - size - 1]) / fact[m]) * (v[s | (1 << f)] - v[s]);
    }
  }
  phi[m] = v[0];
  return phi;
}

const data = syntheticCustomers(2_000, 8, 5); // 8 features, review_score (5) 40% missing
const train = sliceRows(data.columns, 0, 1_500),
  test = sliceRows(data.columns, 1_500, 2_000);
const y = data.value.slice(0, 1_500),
  label = data.repurchase.slice(0, 1_500);
const binned = binMatrix(train, data.names);

const SMALL: readonly [string, TreeEnsemble][] = [
  [
    'GBDT log1p-squared (20 trees, depth 4)',
    fitGbdt(binned, y, { objective: 'log1p-squared', rounds: 20, maxDepth: 4 }),
  ],
  [
    'GBDT tweedie (15 trees, depth 5)',
    fitGbdt(binned, y, { objective: 'tweedie', rounds: 15, maxDepth: 5, learningRate: 0.3 }),
  ],
  ['GBDT logistic (20 trees, depth 3)', fitGbdt(binned, label, { objective: 'logistic', rounds: 20, maxDepth: 3 })],
  ['random forest (10 trees, depth 6)', fitRandomForest(binned, y, { trees: 10, maxDepth: 6 })],
  ['decision tree (depth 4)', fitDecisionTree(binned, y, { maxDepth: 4 })],
];

describe('TreeSHAP equals brute-force Shapley values (all 2^8 subsets) to 1e-9', () => {
  for (const [name, model] of SMALL) {
    it(name, () => {
      const rows = 25;
      const x = test.map((c) => c.subarray(0, rows));
      const phi = treeShap(model, x);
      let worst = 0,
        sawMissing = false;
      for (let i = 0; i < rows; i++) {
        sawMissing ||= Number.isNaN(x[5][i]);
        const exact = bruteForceShap(model, x, i);
        for (let f = 0; f <= 8; f++) worst = Math.max(worst, Math.abs(phi[i * 9 + f] - exact[f]));
      }
      expect(sawMissing).toBe(true); // missing values follow the default branch in both
      expect(worst).toBeLessThan(1e-9);
    });
  }
});

describe('TreeSHAP local accuracy: contributions + bias = margin to 1e-6', () => {
  const big = syntheticCustomers(6_000, 30, 8);
  const bigTrain = sliceRows(big.columns, 0, 5_000),
    bigTest = sliceRows(big.columns, 5_000, 6_000);
  const models: readonly [string, TreeEnsemble & { predictMargin(x: FeatureColumns): Float64Array }][] = [
    [
      'GBDT tweedie, 100 trees of depth 6, 30 features',
      fitGbdt(bigTrain, big.value.slice(0, 5_000), { rounds: 100, maxDepth: 6 }),
    ],
    [
      'random forest, 20 trees of depth 9',
      fitRandomForest(bigTrain, big.value.slice(0, 5_000), { trees: 20, maxDepth: 9 }),
    ],
  ];
  for (const [name, model] of models) {
    it(name, () => {
      const x = bigTest.map((c) => c.subarray(0, 300));
      const phi = treeShap(model, x);
      const margin = model.predictMargin(x);
      let worst = 0;
      for (let i = 0; i < margin.length; i++) {
        let s = 0;
        for (let f = 0; f <= 30; f++) s += phi[i * 31 + f];
        worst = Math.max(worst, Math.abs(s - margin[i]));
      }
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('the bias column is one value, the mean training margin when cover counts rows (squared error)', () => {
    // log1p-squared has h = 1, so a node's cover is its training row count and each tree's
    // cover-weighted mean is its mean over the training rows
    const gbdt = fitGbdt(bigTrain, big.value.slice(0, 5_000), { objective: 'log1p-squared', rounds: 30 });
    const phi = treeShap(
      gbdt,
      bigTest.map((c) => c.subarray(0, 200)),
    );
    for (let i = 1; i < 200; i++) expect(phi[i * 31 + 30]).toBe(phi[30]);
    const trainMargin = gbdt.predictMargin(bigTrain);
    expect(phi[30]).toBeCloseTo(trainMargin.reduce((a, b) => a + b, 0) / trainMargin.length, 9);
  });

  it('gives the same values on a matrix binned with the model cut points as on raw columns', () => {
    const [, gbdt] = SMALL[0];
    expect(treeShap(gbdt, binMatrix(test).columns)).toEqual(treeShap(gbdt, test));
  });

  it('gives a feature the model never splits on (constant column) exactly zero', () => {
    const cols = train.map((c) => c.slice());
    cols[6].fill(3); // 'noise' becomes constant
    const model = fitGbdt(cols, y, { rounds: 10 });
    const phi = treeShap(model, test);
    for (let i = 0; i < 500; i++) expect(phi[i * 9 + 6]).toBe(0);
  });
});
