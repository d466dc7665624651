// The customers of one fold of a dataset's split for one seed's partition, in cohort order:
// their positions in the cohort, ids, and the labels every model is scored against (docs/architecture.md §Evaluation split:
// the same test customers for all models of a seed). The valid fold is what tuning and every
// choice (best baseline, primary comparison) read; the test fold is only scored.
import { Fold } from '@clvlab/sessions';
import type { RecordPayload } from '../runner/cell-protocol.ts';

export interface TestView {
  /** Positions in split.customers of the test customers (ascending). */
  readonly rows: Int32Array;
  readonly customerIds: readonly string[];
  readonly actual: Float64Array;
  readonly actualRepurchase: Float64Array;
}

/** Rows, ids and labels of one fold (default test) under `fold` (default: the split's own folds). */
export function testView(
  payload: RecordPayload,
  fold: Uint8Array = payload.split.fold,
  which: number = Fold.test,
): TestView {
  const { split, log } = payload;
  const rows: number[] = [];
  for (let i = 0; i < split.customers.length; i++) if (fold[i] === which) rows.push(i);
  const r = Int32Array.from(rows);
  const actual = new Float64Array(r.length),
    actualRepurchase = new Float64Array(r.length);
  const customerIds: string[] = [];
  r.forEach((row, j) => {
    actual[j] = split.score.target[row];
    actualRepurchase[j] = split.score.repurchase[row];
    customerIds.push(log.customerIds[split.customers[row]]);
  });
  if (r.length === 0)
    throw new Error(
      `benchmark/record: dataset '${payload.id}' has no ${which === Fold.test ? 'test' : which === Fold.valid ? 'valid' : 'train'} customers`,
    );
  return { rows: r, customerIds, actual, actualRepurchase };
}

/** Selects the test rows of a cohort-aligned array. */
export function pickRows(values: ArrayLike<number>, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = values[rows[j]];
  return out;
}
