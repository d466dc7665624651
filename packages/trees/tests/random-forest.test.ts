// Random forest: bagged least-squares trees with ⌊√p⌋ features drawn at every split; averaging
// bootstrap trees beats one deep tree out of sample; without bagging and with every feature it
// is the decision tree.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RANDOM_FOREST, binMatrix, fitDecisionTree, fitRandomForest } from '../src/index.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';

const p = 16;
const data = syntheticCustomers(6_000, p, 12);
const train = binMatrix(sliceRows(data.columns, 0, 4_000)),
  test = sliceRows(data.columns, 4_000, 6_000);
const y = data.value.slice(0, 4_000),
  testLog = data.value.slice(4_000).map(Math.log1p);
const rmse = (m: Float64Array): number => Math.sqrt(m.reduce((s, v, i) => s + (v - testLog[i]) ** 2, 0) / m.length);

describe('random forest', () => {
  const forest = fitRandomForest(train, y, { trees: 40 });

  it('draws ⌊√p⌋ features per split by default, so trees start from different features', () => {
    expect(DEFAULT_RANDOM_FOREST.featuresPerSplit).toBe(0);
    expect(forest.featuresPerSplit).toBe(4);
    expect(forest.trees.length).toBe(40);
    const roots = new Set(forest.trees.map((t) => t.feature[0]));
    expect(roots.size).toBeGreaterThan(3);
    const greedy = fitRandomForest(train, y, { trees: 10, featuresPerSplit: p });
    expect(new Set(greedy.trees.map((t) => t.feature[0])).size).toBeLessThanOrEqual(2);
  });

  it('averaging bootstrap trees beats one fully grown tree out of sample', () => {
    const deep = fitDecisionTree(train, y, { maxDepth: 12, minSamplesLeaf: 1 });
    expect(rmse(forest.predictMargin(test))).toBeLessThan(0.9 * rmse(deep.predictMargin(test)));
  });

  it('without bagging and with every feature per split, one tree is the decision tree', () => {
    const one = fitRandomForest(train, y, {
      trees: 1,
      bootstrap: false,
      featuresPerSplit: p,
      maxDepth: 5,
      minSamplesLeaf: 10,
    });
    const tree = fitDecisionTree(train, y, { maxDepth: 5, minSamplesLeaf: 10 });
    expect(one.predict(test)).toEqual(tree.predict(test));
  });

  it('predicts the mean of the trees and maps log1p back with expm1', () => {
    const margin = forest.predictMargin(test),
      value = forest.predict(test);
    for (let i = 0; i < 50; i++) expect(value[i]).toBeCloseTo(Math.max(0, Math.expm1(margin[i])), 12);
    const squared = fitRandomForest(train, y, { objective: 'squared', trees: 10 });
    expect(squared.predict(test)).toEqual(squared.predictMargin(test));
  });
});
