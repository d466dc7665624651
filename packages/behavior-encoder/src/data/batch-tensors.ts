// Batches built from the typed-array token grid by copying the selected rows (one contiguous
// slice per row) — no object per event. `batchArrays` stays on the host (it can be posted to a
// gradient worker); `makeBatch` turns it into one tensor per input.
import * as tf from '@tensorflow/tfjs';
import type { BatchTensors } from '../network/encoder-network.ts';
import type { SequenceInputs, TokenRows } from './sequence-inputs.ts';

/** One batch as host arrays: tokens [n·T·F], amount [n·T], mask [n·T], staticX [n·k], y [n] (0 when unlabelled). */
export interface BatchArrays {
  readonly rows: number;
  readonly length: number;
  readonly staticDim: number;
  readonly tokens: Int32Array;
  readonly amount: Float32Array;
  readonly mask: Float32Array;
  readonly staticX: Float32Array;
  readonly y: Float32Array;
}

/** Which rows a batch takes: static values [rows × k] and labels are read at idx[from..to). */
type BatchRows = [
  staticValues: Float32Array,
  k: number,
  idx: Int32Array,
  from: number,
  to: number,
  target?: Float64Array,
];

/** Host arrays for rows `idx[from..to)`; labels from `target` (floored at 0) when given. */
export function batchArrays(inputs: SequenceInputs, ...rows: BatchRows): BatchArrays {
  const [, , idx, from] = rows;
  return assemble(inputs, (i) => idx[from + i], ...rows);
}

/**
 * batchArrays over a grid built for just these rows (tokenRows): the same arrays, without the
 * whole cohort's grid in memory.
 */
export function batchFromTokenRows(source: TokenRows, ...rows: BatchRows): BatchArrays {
  const [, , idx, from, to] = rows;
  return assemble(source.grid(idx, from, to), (i) => i, ...rows);
}

/** Batch i takes grid row gridRow(i) and static/label row idx[from + i]. */
function assemble(
  grid: SequenceInputs,
  gridRow: (i: number) => number,
  ...[staticValues, k, idx, from, to, target]: BatchRows
): BatchArrays {
  const n = to - from,
    T = grid.length,
    F = grid.fields;
  const tokens = new Int32Array(n * T * F),
    amount = new Float32Array(n * T),
    mask = new Float32Array(n * T),
    staticX = new Float32Array(n * k),
    y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const g = gridRow(i),
      r = idx[from + i];
    tokens.set(grid.tokens.subarray(g * T * F, (g + 1) * T * F), i * T * F);
    amount.set(grid.amount.subarray(g * T, (g + 1) * T), i * T);
    mask.set(grid.mask.subarray(g * T, (g + 1) * T), i * T);
    if (k > 0) staticX.set(staticValues.subarray(r * k, (r + 1) * k), i * k);
    if (target !== undefined) y[i] = Math.max(0, target[r]);
  }
  return { rows: n, length: T, staticDim: k, tokens, amount, mask, staticX, y };
}

/** Tensors for host batch arrays (labels separately via `labelTensor`). */
export function tensorsFromArrays(a: BatchArrays): BatchTensors {
  return {
    rows: a.rows,
    tokens: tf.tensor1d(a.tokens, 'int32'),
    amount: tf.tensor2d(a.amount, [a.rows * a.length, 1]),
    mask: tf.tensor2d(a.mask, [a.rows, a.length]),
    staticX: a.staticDim > 0 ? tf.tensor2d(a.staticX, [a.rows, a.staticDim]) : undefined,
  };
}

/** Tensors for rows `idx[from..to)` of the inputs (static values: [rows × k], k may be 0). */
export function makeBatch(
  inputs: SequenceInputs,
  staticValues: Float32Array,
  k: number,
  idx: Int32Array,
  from: number,
  to: number,
): BatchTensors {
  return tensorsFromArrays(batchArrays(inputs, staticValues, k, idx, from, to));
}

/** Frees a batch's tensors. */
export function disposeBatch(b: BatchTensors): void {
  b.tokens.dispose();
  b.amount.dispose();
  b.mask.dispose();
  b.staticX?.dispose();
}

/** Labels of rows `idx[from..to)` as a tensor. */
export function makeLabels(target: Float64Array, idx: Int32Array, from: number, to: number): tf.Tensor1D {
  const y = new Float32Array(to - from);
  for (let i = from; i < to; i++) y[i - from] = Math.max(0, target[idx[i]]);
  return tf.tensor1d(y);
}

/** Rows [from, to) of a batch, as a new batch (host copy). */
export function sliceBatch(a: BatchArrays, from: number, to: number): BatchArrays {
  const T = a.length,
    F = a.tokens.length / Math.max(1, a.rows * T),
    k = a.staticDim;
  return {
    rows: to - from,
    length: T,
    staticDim: k,
    tokens: a.tokens.slice(from * T * F, to * T * F),
    amount: a.amount.slice(from * T, to * T),
    mask: a.mask.slice(from * T, to * T),
    staticX: a.staticX.slice(from * k, to * k),
    y: a.y.slice(from, to),
  };
}
