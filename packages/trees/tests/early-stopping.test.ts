// Early stopping on the valid fold: training stops `earlyStoppingRounds` rounds after the best
// valid metric, the model keeps the trees up to that round, and is then the very model that
// training for bestIteration + 1 rounds gives (bit-identical predictions).
import { describe, expect, it } from 'vitest';
import { binMatrix, fitGbdt } from '../src/index.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';

const data = syntheticCustomers(4_000, 10, 9);
const train = binMatrix(sliceRows(data.columns, 0, 2_500)),
  valid = sliceRows(data.columns, 2_500, 4_000);
const y = data.value.slice(0, 2_500),
  validY = data.value.slice(2_500);
// large steps and deep trees overfit 2,500 rows quickly
const options = {
  objective: 'log1p-squared' as const,
  learningRate: 0.3,
  maxDepth: 6,
  rounds: 400,
  earlyStoppingRounds: 15,
  subsample: 0.8,
  seed: 4,
};

describe('early stopping on the valid fold', () => {
  const model = fitGbdt(train, y, { ...options, valid: { x: valid, y: validY } });

  it('stops earlyStoppingRounds after the best round and keeps trees up to it', () => {
    expect(model.roundsTrained).toBeLessThan(400);
    expect(model.roundsTrained).toBe(model.bestIteration + 1 + 15);
    expect(model.trees.length).toBe(model.bestIteration + 1);
    const loss = Array.from(model.validLoss);
    expect(loss.length).toBe(model.roundsTrained);
    expect(Math.min(...loss)).toBe(loss[model.bestIteration]);
    expect(loss.indexOf(loss[model.bestIteration])).toBe(model.bestIteration); // the first minimum
  });

  it('equals the model trained for bestIteration + 1 rounds without a valid fold', () => {
    const refit = fitGbdt(train, y, { ...options, rounds: model.bestIteration + 1 });
    expect(refit.trees.length).toBe(model.trees.length);
    expect(model.predict(valid)).toEqual(refit.predict(valid));
  });

  it('takes the valid fold as raw columns or binned, with the same result', () => {
    const again = fitGbdt(train, y, { ...options, valid: { x: binMatrix(valid), y: validY } });
    expect(again.bestIteration).toBe(model.bestIteration);
    expect(again.validLoss).toEqual(model.validLoss);
  });

  it('with earlyStoppingRounds 0 trains every round, records the metric and keeps every tree', () => {
    const all = fitGbdt(train, y, { ...options, rounds: 60, earlyStoppingRounds: 0, valid: { x: valid, y: validY } });
    expect(all.trees.length).toBe(60);
    expect(all.bestIteration).toBe(59);
    expect(all.validLoss.length).toBe(60);
  });

  it('without a valid fold trains every round', () => {
    const all = fitGbdt(train, y, { ...options, rounds: 25 });
    expect(all.roundsTrained).toBe(25);
    expect(all.bestIteration).toBe(24);
    expect(all.validLoss.length).toBe(0);
  });
});
