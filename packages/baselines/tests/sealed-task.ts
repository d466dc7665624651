// Test helpers for what a model may see (ModelTask's SEALED rule, apps/benchmark sealed-task.ts):
// a sealed copy of a task, and a copy whose test-fold customers' calibration events are changed,
// so tests can require that test labels and test customers' data do not reach any fit.
import { createEventLog, customerOffsets, EventType } from '@clvlab/events';
import { createRng } from '@clvlab/core';
import type { EventLog } from '@clvlab/events';
import { Fold } from '@clvlab/sessions';
import type { FeatureTable, LabelWindow, ModelTask, Split } from '@clvlab/sessions';

/** The log without the events `keep` rejects, and `edit` applied to the rest (customer indices unchanged). */
function rebuild(
  log: EventLog,
  keep: (i: number) => boolean,
  edit: (i: number, t: number, amount: number) => [number, number],
): EventLog {
  const rows: number[] = [];
  for (let i = 0; i < log.length; i++) if (keep(i)) rows.push(i);
  const t = new Float64Array(rows.length),
    amount = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    [t[k], amount[k]] = edit(i, log.t[i], log.amount[i]);
  });
  return createEventLog({
    customer: Int32Array.from(rows, (i) => log.customer[i]),
    t,
    type: Uint8Array.from(rows, (i) => log.type[i]),
    item: Int32Array.from(rows, (i) => log.item[i]),
    category: Int32Array.from(rows, (i) => log.category[i]),
    amount,
    quantity: Float64Array.from(rows, (i) => log.quantity[i]),
    customerIds: log.customerIds,
    itemIds: log.itemIds,
    categoryIds: log.categoryIds,
    valueTarget: log.valueTarget,
  });
}

function withLog(task: ModelTask, log: EventLog, split: Split = task.split): ModelTask {
  return { ...task, log, session: new Int32Array(log.length), offsets: customerOffsets(log), split };
}

function sealWindow(w: LabelWindow, fold: Uint8Array): LabelWindow {
  const target = Float64Array.from(w.target),
    repurchase = Uint8Array.from(w.repurchase);
  for (let r = 0; r < fold.length; r++)
    if (fold[r] === Fold.test) {
      target[r] = NaN;
      repurchase[r] = 0;
    }
  return { featureEnd: w.featureEnd, labelEnd: w.labelEnd, target, repurchase };
}

/** The task as the benchmark hands it over: no event at or after the cutoff, test-fold labels NaN / 0 in both windows. */
export function sealTask(task: ModelTask): ModelTask {
  const { split } = task;
  const fit = sealWindow(split.fit, split.fold);
  const score = split.fit === split.score ? fit : sealWindow(split.score, split.fold);
  return withLog(
    task,
    rebuild(
      task.log,
      (i) => task.log.t[i] < split.cutoff,
      (_i, t, a) => [t, a],
    ),
    { ...split, fit, score },
  );
}

/** Row (into split.customers) of each log customer, −1 outside the cohort. */
function cohortRow(task: ModelTask): Int32Array {
  const row = new Int32Array(task.log.customerIds.length).fill(-1);
  task.split.customers.forEach((c, r) => {
    row[c] = r;
  });
  return row;
}

/**
 * The task with every test-fold customer's calibration history changed (seeded): non-first
 * purchases dropped at random, the rest 3 to 60 days earlier (not before split.start) and 20×
 * the money; graph values of test rows replaced by negative noise. Train and valid customers,
 * labels and folds are untouched.
 */
export function perturbTestFold(task: ModelTask, seed = 3): ModelTask {
  const { split, log } = task;
  const row = cohortRow(task),
    rng = createRng(seed);
  const isTest = (i: number): boolean =>
    row[log.customer[i]] >= 0 && split.fold[row[log.customer[i]]] === Fold.test && log.t[i] < split.cutoff;
  const first = new Float64Array(log.customerIds.length).fill(Infinity);
  for (let i = 0; i < log.length; i++)
    if (log.type[i] === EventType.purchase && log.t[i] >= split.start && log.t[i] < first[log.customer[i]])
      first[log.customer[i]] = log.t[i];
  const keep = (i: number): boolean => !isTest(i) || log.t[i] === first[log.customer[i]] || rng.next() < 0.5;
  const edit = (i: number, t: number, a: number): [number, number] => {
    if (!isTest(i)) return [t, a];
    return [Math.max(split.start, t - (3 + rng.int(58)) * 86_400_000), 20 * a];
  };
  const noisy = (g: FeatureTable | undefined): FeatureTable | undefined =>
    g && {
      names: g.names,
      columns: g.columns.map((col) =>
        Float64Array.from(col, (v, r) => (split.fold[r] === Fold.test ? -1 - 50 * rng.next() : v)),
      ),
    };
  return { ...withLog(task, rebuild(log, keep, edit)), graph: noisy(task.graph), graphFit: noisy(task.graphFit) };
}

/** Bitwise equality of two float arrays (NaN, ±0 distinguished). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  return (
    a.length === b.length &&
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
  );
}

/** Rows of one fold. */
export const rowsOf = (split: Split, fold: number): number[] =>
  Array.from(split.fold.keys()).filter((i) => split.fold[i] === fold);
