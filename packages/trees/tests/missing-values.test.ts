// Missing values (NaN) have their own bin and, at every split, go to the side with the larger
// gain; a split can also separate present from missing values; a node that saw no missing
// training row sends missing values right (XGBoost's convention). Bins and raw values route a
// NaN identically.
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { MISSING_BIN, applyBins, binMatrix, fitDecisionTree, fitGbdt, treeRules } from '../src/index.ts';

const n = 4_000;
const rng = createRng(21, 0);
const x = new Float64Array(n),
  noise = new Float64Array(n);
for (let i = 0; i < n; i++) {
  x[i] = rng.next() < 0.3 ? NaN : rng.next();
  noise[i] = rng.normal();
}
/** y = high when x > 0.5; missing rows get `missingValue`. */
const labels = (missingValue: number): Float64Array =>
  x.map((v, i) => (Number.isNaN(v) ? missingValue : v > 0.5 ? 5 : 0) + 0.01 * Math.abs(noise[i]));
const stump = { objective: 'log1p-squared' as const, rounds: 1, maxDepth: 1, learningRate: 1, lambda: 0 };

describe('missing values are routed to the better side', () => {
  it('missing rows that look like the high side go with it (default right)', () => {
    const model = fitGbdt([x, noise], labels(5), stump);
    const t = model.trees[0];
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBeCloseTo(0.5, 2);
    expect(t.defaultLeft[0]).toBe(0);
    const [missing, high, low] = model.predict([Float64Array.of(NaN, 0.9, 0.1), Float64Array.of(0, 0, 0)]);
    expect(missing).toBe(high);
    expect(missing).not.toBe(low);
  });

  it('missing rows that look like the low side go with it (default left)', () => {
    const model = fitGbdt([x, noise], labels(0), stump);
    expect(model.trees[0].defaultLeft[0]).toBe(1);
    const [missing, high, low] = model.predict([Float64Array.of(NaN, 0.9, 0.1), Float64Array.of(0, 0, 0)]);
    expect(missing).toBe(low);
    expect(missing).not.toBe(high);
  });

  it('a feature whose only signal is missingness splits present vs missing', () => {
    const y = x.map((v, i) => (Number.isNaN(v) ? 3 : 0) + 0.01 * Math.abs(noise[i]));
    const tree = fitDecisionTree([x], y, { maxDepth: 1 });
    expect(tree.tree.threshold[0]).toBe(Infinity);
    const rules = treeRules(tree);
    expect(rules.map((r) => r.conditions[0].op)).toEqual(['present', 'missing']);
    expect(rules[1].prediction).toBeCloseTo(3, 1);
    expect(rules[1].rows).toBe(x.filter(Number.isNaN).length);
  });

  it('a split that saw no missing value sends a missing value right', () => {
    const complete = x.map((v, i) => (Number.isNaN(v) ? i / n : v));
    const model = fitGbdt(
      [complete],
      complete.map((v) => (v > 0.5 ? 5 : 0)),
      stump,
    );
    expect(model.trees[0].defaultLeft[0]).toBe(0);
    const [missing, high] = model.predict([Float64Array.of(NaN, 0.9)]);
    expect(missing).toBe(high);
  });

  it('routes NaN the same by bins and by raw value, and bins NaN as MISSING_BIN', () => {
    const train = binMatrix([x, noise]);
    const model = fitGbdt(train, labels(5), { rounds: 20, maxDepth: 3 });
    const fresh = [Float64Array.of(NaN, 0.2, NaN, 0.7), Float64Array.of(0.1, NaN, NaN, -1)];
    const binned = applyBins(train, fresh);
    expect(binned.bins[0]).toBe(MISSING_BIN);
    expect(binned.bins[4 + 2]).toBe(MISSING_BIN);
    expect(model.predict(binned)).toEqual(model.predict(fresh));
  });
});
