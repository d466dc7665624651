// Determinism: the same seed gives bit-identical models (row and column subsampling, bagging,
// per-node feature draws and the binning sample all come from seeded @clvlab/core streams);
// another seed gives another model.
import { describe, expect, it } from 'vitest';
import { binMatrix, fitGbdt, fitRandomForest } from '../src/index.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';

const data = syntheticCustomers(3_000, 16, 2);
const train = sliceRows(data.columns, 0, 2_000),
  test = sliceRows(data.columns, 2_000, 3_000);
const y = data.value.slice(0, 2_000);

describe('same seed, same model', () => {
  it('GBDT with row and column subsampling', () => {
    const o = { rounds: 40, subsample: 0.7, colsampleByTree: 0.5, seed: 13 };
    const a = fitGbdt(train, y, o),
      b = fitGbdt(train, y, o),
      c = fitGbdt(train, y, { ...o, seed: 14 });
    expect(a.predict(test)).toEqual(b.predict(test));
    expect(a.trees.map((t) => Array.from(t.feature))).toEqual(b.trees.map((t) => Array.from(t.feature)));
    expect(a.predict(test)).not.toEqual(c.predict(test));
  });

  it('random forest (bootstrap and √p features per split)', () => {
    const o = { trees: 15, maxDepth: 8, seed: 5 };
    const a = fitRandomForest(train, y, o),
      b = fitRandomForest(train, y, o),
      c = fitRandomForest(train, y, { ...o, seed: 6 });
    expect(a.predict(test)).toEqual(b.predict(test));
    expect(a.predict(test)).not.toEqual(c.predict(test));
  });

  it('binning from a row sample', () => {
    const a = binMatrix(train, undefined, { sampleRows: 500, seed: 1 }),
      b = binMatrix(train, undefined, { sampleRows: 500, seed: 1 });
    const c = binMatrix(train, undefined, { sampleRows: 500, seed: 2 });
    expect(a.bins).toEqual(b.bins);
    expect(a.edges).toEqual(b.edges);
    expect(a.edges[2]).not.toEqual(c.edges[2]); // monetary: continuous, so the sample matters
  });
});
