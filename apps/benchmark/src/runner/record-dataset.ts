// What the runner keeps of a prepared dataset once the models' sealed copy exists (run-bench.ts):
// the sealed payload, posted to the cell workers and read by the record's campaign T-learner,
// and for scoring and the record the payload with only the log columns they read (RecordLog:
// customer, time, type and amount; no item, category, quantity or sessions). Why: at 1M
// customers those other columns are ~1.3 GB (63M events × 20 bytes) that the main thread held,
// unread, through every cell and the record, next to the sealed copy (1M bench, 2-core VM).
import type { BenchDataset } from '../datasets/load-bench-dataset.ts';
import type { RecordLog, RecordPayload } from './cell-protocol.ts';
import { sealPayload, type SealedPayload } from './sealed-task.ts';
import { shareArrays } from './shared-dataset.ts';

/** A loaded dataset once sealed: its record payload and its sealed payload (on SharedArrayBuffer). */
export interface RecordDataset extends Omit<BenchDataset, 'payload'> {
  readonly payload: RecordPayload;
  readonly sealed: SealedPayload;
}

/** Seals `ds` (unless its sealed payload is given) and narrows its payload; `ds` itself can then be dropped. */
export function recordDataset(ds: BenchDataset, sealed?: SealedPayload): RecordDataset {
  const { log, session: _session, ...rest } = ds.payload;
  const recordLog: RecordLog = Object.freeze({
    length: log.length,
    customer: log.customer,
    t: log.t,
    type: log.type,
    amount: log.amount,
    customerIds: log.customerIds,
    valueTarget: log.valueTarget,
  });
  return Object.freeze({
    ...ds,
    payload: Object.freeze({ ...rest, log: recordLog }),
    sealed: sealed ?? shareArrays(sealPayload(ds.payload, { shared: true })),
  });
}
