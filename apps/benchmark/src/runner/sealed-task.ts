// The sealed test fold (issue 10 §1): what a model may see. The runner alone keeps the full
// prepared dataset and scores; models receive
//   - the log, sessions and offsets of events strictly before split.cutoff (no holdout event of
//     anyone: labels reach a model only through split.fit / split.score, never through events);
//   - a split whose fold is the run seed's re-draw (sessions evaluationFolds) and whose test-fold
//     rows carry NaN targets and 0 repurchase in both label windows;
//   - a seed derived from the dataset id and the run seed (modelSeed), never from content that
//     includes holdout events.
// The runner-only parts of a payload (clusters, the synthetic campaign's treatment flags and
// true uplift) are not copied (tests/campaign.test.ts).
// So no model output can depend on test labels by construction; tests/sealed-task.test.ts runs
// every registered model twice, the second time with the test customers' holdout events
// permuted among themselves, and requires bit-identical predictions.
import { customerOffsets, type EventLog } from '@clvlab/events';
import { hashUnit } from '@clvlab/core';
import { Fold, type LabelWindow, type ModelTask, type Split } from '@clvlab/sessions';
import type { DatasetPayload } from './cell-protocol.ts';

/** A dataset as models see it: events before the cutoff only, no split (that comes per seed). */
export interface SealedPayload {
  readonly id: string;
  readonly log: EventLog;
  readonly session: Int32Array;
  readonly offsets: Int32Array;
  readonly graph?: DatasetPayload['graph'];
  readonly graphFit?: DatasetPayload['graphFit'];
  /** Customer attributes (static: known before the cutoff, so they travel as they are). */
  readonly covariates?: DatasetPayload['covariates'];
  readonly oracle?: DatasetPayload['oracle'];
}

/**
 * The payload without any event at or after split.cutoff (customer, item and category indices
 * unchanged). With `shared`, the sealed columns are allocated on SharedArrayBuffer, ready to post
 * to the cell workers without the second copy shareArrays would make (at 1M customers the sealed
 * log is ~1.5 GB; the intermediate copy stayed in the idle main thread's heap through the cells).
 */
export function sealPayload(payload: DatasetPayload, { shared = false }: { shared?: boolean } = {}): SealedPayload {
  const { log, session, split } = payload;
  const cutoff = split.cutoff;
  let kept = 0;
  for (let i = 0; i < log.length; i++) if (log.t[i] < cutoff) kept++;
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
    const Ctor = a.constructor as { new (n: number): T; new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
    const out = shared ? new Ctor(new SharedArrayBuffer(kept * Ctor.BYTES_PER_ELEMENT)) : new Ctor(kept);
    for (let i = 0, j = 0; i < log.length; i++) if (log.t[i] < cutoff) out[j++] = a[i];
    return out;
  };
  const sealed: EventLog = Object.freeze({
    length: kept,
    customer: pick(log.customer),
    t: pick(log.t),
    type: pick(log.type),
    item: pick(log.item),
    category: pick(log.category),
    amount: pick(log.amount),
    quantity: pick(log.quantity),
    customerIds: log.customerIds,
    itemIds: log.itemIds,
    categoryIds: log.categoryIds,
    valueTarget: log.valueTarget,
  });
  return Object.freeze({
    id: payload.id,
    log: sealed,
    session: pick(session),
    offsets: customerOffsets(sealed),
    graph: payload.graph,
    graphFit: payload.graphFit,
    covariates: payload.covariates,
    oracle: payload.oracle,
  });
}

function sealWindow(w: LabelWindow, fold: Uint8Array): LabelWindow {
  const target = Float64Array.from(w.target),
    repurchase = Uint8Array.from(w.repurchase);
  for (let r = 0; r < fold.length; r++)
    if (fold[r] === Fold.test) {
      target[r] = Number.NaN;
      repurchase[r] = 0;
    }
  return Object.freeze({ featureEnd: w.featureEnd, labelEnd: w.labelEnd, target, repurchase });
}

/** Fold value of a customer left out of a successive-halving rung's budget: no model trains or early-stops on it. */
export const HELD_OUT = 3;

/**
 * Folds with all but a seeded `fraction` of the train customers, and of the valid customers,
 * marked HELD_OUT: a low rung of successive halving trains on 1/η of the train fold and
 * early-stops on 1/η of the valid fold (its per-epoch valid pass costs as much as its training
 * at η = 8). Only the model's view shrinks: the runner scores every trial on the whole valid
 * fold (run-bench.ts validScore), and test is untouched. The sample depends only on the
 * customer id and the seed.
 */
export function subsampleFit(
  fold: Uint8Array,
  customerIds: readonly string[],
  customers: Int32Array,
  seed: number,
  fraction: number,
): Uint8Array {
  if (fraction >= 1) return fold;
  const out = Uint8Array.from(fold);
  for (let r = 0; r < out.length; r++)
    if (
      (out[r] === Fold.train || out[r] === Fold.valid) &&
      hashUnit(customerIds[customers[r]], seed ^ 0x5a1f) >= fraction
    )
      out[r] = HELD_OUT;
  return out;
}

/** The split a model sees for one seed: that seed's folds, test-fold labels removed from both windows. */
export function sealedSplit(split: Split, fold: Uint8Array): Split {
  if (fold.length !== split.customers.length)
    throw new Error(`benchmark/sealed-task: ${fold.length} folds for ${split.customers.length} cohort customers`);
  const fit = sealWindow(split.fit, fold);
  const score = split.fit === split.score ? fit : sealWindow(split.score, fold);
  return Object.freeze({
    protocol: split.protocol,
    start: split.start,
    cutoff: split.cutoff,
    horizon: split.horizon,
    customers: split.customers,
    fold,
    fit,
    score,
  });
}

/** Model randomness for a cell: a 31-bit seed from the dataset id and the run seed only. */
export function modelSeed(datasetId: string, runSeed: number): number {
  return Math.floor(hashUnit(datasetId, runSeed) * 0x7fffffff) + 1;
}

/** The ModelTask of one cell. */
export function sealedTask(
  payload: SealedPayload,
  split: Split,
  runSeed: number,
  progress?: ModelTask['progress'],
): ModelTask {
  return {
    log: payload.log,
    session: payload.session,
    offsets: payload.offsets,
    split,
    graph: payload.graph,
    graphFit: payload.graphFit,
    covariates: payload.covariates,
    seed: modelSeed(payload.id, runSeed),
    progress,
  };
}
