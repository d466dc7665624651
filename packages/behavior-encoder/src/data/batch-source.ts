// What the training loop (train-encoder.ts) reads its data from: standardised static inputs,
// the train rows' labels (for the ZILN head's initial bias), one epoch of shuffled training
// batches and the validation batches, all as host arrays (batch-tensors.ts). Sealed test fold
// (packages/sessions model-task.ts): labels are read for train and valid rows only, and the
// static standardisation is fitted on the train rows, so no test-fold value (a NaN target in
// the benchmark) reaches a statistic, a batch or the head's initial bias. Two sources:
// the in-memory token grid of a ModelTask (`memoryBatchSource`, here) and the block stream
// over a prepared Zarr store (zarr-batch-stream.ts), which reproduces this one exactly when
// one shuffle window spans the whole store.
import type { Rng } from '@clvlab/core';
import { Fold, type ModelTask } from '@clvlab/sessions';
import { batchFromTokenRows, type BatchArrays } from './batch-tensors.ts';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { hashEventLog } from './dataset-hash.ts';
import { tokenRows } from './sequence-inputs.ts';
import { columnStats, standardize, taskStaticFeatures } from './static-features.ts';

export interface BatchSource {
  /** Token slots per row (T). */
  readonly sequenceLength: number;
  /** Static input names and the standardisation fitted on the train fold's rows at the fit window's featureEnd. */
  readonly staticNames: readonly string[];
  readonly staticMean: Float32Array;
  readonly staticStd: Float32Array;
  /** Fit-window labels of the train rows, in cohort order. */
  readonly trainTargets: Float64Array;
  /** Customers in the valid fold. */
  readonly validCount: number;
  /** Hash of the event log (dataset-hash.ts). */
  readonly datasetHash: string;
  /** One epoch of training batches of `batchSize` rows (the last may be smaller), shuffled with `rng`. */
  trainBatches(rng: Rng, batchSize: number): AsyncIterable<BatchArrays>;
  /** The valid fold in cohort order, `batchSize` rows per batch. */
  validBatches(batchSize: number): AsyncIterable<BatchArrays>;
  /** Facts for the training record (e.g. the stream's block size and peak events held). */
  info(): Readonly<Record<string, unknown>>;
}

/** Fisher–Yates shuffle in place (the training order of both sources). */
export function shuffleInPlace(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** Cohort rows of the train and valid folds (ascending) and the train rows' labels; throws on an empty train fold or a label that is not finite. */
export function foldRows(
  fold: Uint8Array,
  target: Float64Array,
  customerOfRow: (row: number) => string,
): { train: Int32Array; valid: Int32Array; trainTargets: Float64Array } {
  const train: number[] = [],
    valid: number[] = [];
  fold.forEach((f, i) => {
    if (f === Fold.train) train.push(i);
    else if (f === Fold.valid) valid.push(i);
  });
  if (train.length === 0) throw new Error('behavior-encoder/train: the train fold is empty');
  for (const r of [...train, ...valid]) {
    if (!Number.isFinite(target[r]))
      throw new Error(
        `behavior-encoder/train: target of customer '${customerOfRow(r)}' is ${target[r]} (expected a finite value ≥ 0)`,
      );
  }
  return {
    train: Int32Array.from(train),
    valid: Int32Array.from(valid),
    trainTargets: Float64Array.from(train, (r) => target[r]),
  };
}

/**
 * The token rows and static inputs of `task` at split.fit.featureEnd (graph features from
 * task.graphFit ?? task.graph), from the task's in-memory log: each batch's rows are filled when
 * the batch is drawn (tokenRows), so no whole-cohort grid is held; no tokens without a sequence (`none`).
 */
export function memoryBatchSource(task: ModelTask, c: Readonly<EncoderConfig>): BatchSource {
  const featureEnd = task.split.fit.featureEnd;
  const target = task.split.fit.target;
  const rows = foldRows(task.split.fold, target, (r) => task.log.customerIds[task.split.customers[r]]);
  const inputs = tokenRows(task, featureEnd, c);
  const raw = taskStaticFeatures(task, 'fit', c);
  const k = raw.names.length;
  const stats = columnStats(raw.values, k, rows.train);
  const staticValues = standardize(Float32Array.from(raw.values), stats.mean, stats.std);
  const order = Int32Array.from(rows.train);
  return {
    sequenceLength: inputs.length,
    staticNames: raw.names,
    staticMean: stats.mean,
    staticStd: stats.std,
    trainTargets: rows.trainTargets,
    validCount: rows.valid.length,
    datasetHash: hashEventLog(task.log),
    async *trainBatches(rng: Rng, batchSize: number): AsyncIterable<BatchArrays> {
      shuffleInPlace(order, rng);
      for (let from = 0; from < order.length; from += batchSize)
        yield batchFromTokenRows(
          inputs,
          staticValues,
          k,
          order,
          from,
          Math.min(order.length, from + batchSize),
          target,
        );
    },
    async *validBatches(batchSize: number): AsyncIterable<BatchArrays> {
      for (let from = 0; from < rows.valid.length; from += batchSize)
        yield batchFromTokenRows(
          inputs,
          staticValues,
          k,
          rows.valid,
          from,
          Math.min(rows.valid.length, from + batchSize),
          target,
        );
    },
    info: () => ({}),
  };
}
