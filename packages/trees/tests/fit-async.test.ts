// The fitters on worker threads (@clvlab/trees/node): histograms split by feature across
// threads give the in-thread model bit for bit (every tree array and every prediction, byte by
// byte), for each GBDT objective and the forest; the pool's threads are gone after a fit and
// after a failed one, in a process that then exits by itself; bad `workers` values are the
// package's one-line errors.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binMatrix, fitGbdt, fitRandomForest, type TreeEnsemble } from '../src/index.ts';
import { fitGbdtAsync, fitRandomForestAsync } from '../src/node.ts';
import { sliceRows, syntheticCustomers } from './synthetic-customers.ts';

const data = syntheticCustomers(4_000, 20, 7);
const x = binMatrix(sliceRows(data.columns, 0, 3_000));
const test = sliceRows(data.columns, 3_000, 4_000);
const value = data.value.slice(0, 3_000),
  bought = data.repurchase.slice(0, 3_000);
const valid = { x: test, y: data.value.slice(3_000) };

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Every typed array of every tree, back to back: the model as stored. */
function treeBytes(model: TreeEnsemble): Buffer {
  return Buffer.concat(
    model.trees.flatMap((tree) =>
      Object.values(tree)
        .filter((v) => ArrayBuffer.isView(v))
        .map(bytes),
    ),
  );
}

function expectSameModel(a: TreeEnsemble & { predict(x: Float32Array[]): Float64Array }, b: typeof a): void {
  expect(b.trees.length).toBe(a.trees.length);
  expect(treeBytes(b).equals(treeBytes(a))).toBe(true);
  expect(bytes(b.predict(test)).equals(bytes(a.predict(test)))).toBe(true);
}

describe('fitGbdtAsync: workers > 1 gives the in-thread model bit for bit', () => {
  it.each([
    ['tweedie', value, { workers: 2, valid }],
    ['log1p-squared', value, { workers: 3, subsample: 0.7, colsampleByTree: 0.6, seed: 4 }],
    ['logistic', bought, { workers: 0, maxDepth: 7, minChildWeight: 0.5 }],
  ] as const)('%s', async (objective, y, options) => {
    const o = { objective, rounds: 30, maxDepth: 5, ...options };
    const one = fitGbdt(x, y, { ...o, workers: 1 });
    const many = await fitGbdtAsync(x, y, o);
    expectSameModel(one, many);
    expect(many.bestIteration).toBe(one.bestIteration);
    expect(bytes(many.validLoss).equals(bytes(one.validLoss))).toBe(true);
  });

  it('workers 1 runs in this thread and gives the same model', async () => {
    const o = { rounds: 10 };
    expectSameModel(fitGbdt(x, value, o), await fitGbdtAsync(x, value, { ...o, workers: 1 }));
  });
});

describe('fitRandomForestAsync: the same forest on 2 threads', () => {
  it.each([
    ['log1p-squared', value],
    ['gini', bought],
  ] as const)('%s', async (objective, y) => {
    const o = { objective, trees: 8, maxDepth: 9, seed: 3 };
    expectSameModel(fitRandomForest(x, y, o), await fitRandomForestAsync(x, y, { ...o, workers: 2 }));
  });
});

describe('the worker threads end with the fit', () => {
  it('are terminated after a fit and after a failed one, and the process exits by itself', () => {
    // A child process: its thread count (/proc/self/task) is the pool's, and it must exit on its own.
    const src = (file: string) => JSON.stringify(new URL(`../src/${file}`, import.meta.url).href);
    const script = `
      import { readdirSync } from 'node:fs';
      const { fitGbdtAsync, fitRandomForestAsync } = await import(${src('node.ts')});
      const { gbdtConfig, gbdtSteps } = await import(${src('fit-gbdt.ts')});
      const { runOnWorkers } = await import(${src('run-on-workers.ts')});
      const threads = () => readdirSync('/proc/self/task').length;
      const n = 2000;
      const x = [Float64Array.from({ length: n }, (_, i) => i % 17), Float64Array.from({ length: n }, (_, i) => (i * 7) % 31)];
      const y = Float64Array.from({ length: n }, (_, i) => (i % 3 ? i % 17 : 0));
      const before = threads();
      await fitGbdtAsync(x, y, { rounds: 5, workers: 2 });
      await fitRandomForestAsync(x, y, { trees: 2, workers: 2 });
      const afterFits = threads();
      // the steps of a fit that fails after its first batches were built on the workers
      function* failing(threads) {
        const fit = gbdtSteps(x, y, gbdtConfig({ rounds: 5 }), undefined, threads);
        yield fit.next().value;
        yield fit.next().value;
        throw new Error('a step failed');
      }
      const failure = await runOnWorkers(2, failing).then(() => 'resolved', (e) => e.message);
      process.stdout.write(JSON.stringify({ before, afterFits, afterFailure: threads(), failure }));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const { before, afterFits, afterFailure, failure } = JSON.parse(out);
    expect(failure).toBe('a step failed');
    expect(afterFits).toBe(before);
    expect(afterFailure).toBe(before);
  });
});

describe('bad workers values', () => {
  it.each([
    [-1, 'trees/fit-gbdt: workers must be an integer in [0, ∞], got -1'],
    [1.5, 'trees/fit-gbdt: workers must be an integer in [0, ∞], got 1.5'],
    [NaN, 'trees/fit-gbdt: workers must be an integer in [0, ∞], got NaN'],
    ['2', `trees/fit-gbdt: option 'workers' must be a number, got "2"`],
  ])('fitGbdtAsync and fitGbdt reject workers %s with one line', async (workers, message) => {
    await expect(fitGbdtAsync(x, value, { workers: workers as number })).rejects.toThrow(message);
    expect(() => fitGbdt(x, value, { workers: workers as number })).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('the forest says the same', async () => {
    await expect(fitRandomForestAsync(x, value, { workers: -2 })).rejects.toThrow(
      'trees/fit-random-forest: workers must be an integer in [0, ∞], got -2',
    );
  });

  it('the synchronous fitters name the asynchronous one for more than one thread', () => {
    expect(() => fitGbdt(x, value, { workers: 2 })).toThrow(
      'trees/fit-gbdt: workers 2 needs fitGbdtAsync from @clvlab/trees/node (this fitter builds its histograms in the calling thread: workers 1)',
    );
    expect(() => fitRandomForest(x, value, { workers: 0 })).toThrow(
      'trees/fit-random-forest: workers 0 needs fitRandomForestAsync from @clvlab/trees/node',
    );
  });
});
