// Stores a PreparedDataset as one Zarr v3 group (DESIGN §3), through @clvlab/events' Zarr
// store: attributes (dataset, source hash, cutoff, horizon, gap, protocol, seed, fractions,
// clvlab version, value target, counts), `events/*` columns plus `events/session`, `offsets`,
// and `customers/*` for the cohort: ids (customer indices), fold, target, repurchase (score
// window) and fit_target, fit_repurchase (fit window; equal to the score labels under the
// cross-sectional protocol, stored anyway so a reader never has to know the protocol).
import { eventLogFromArrays, readZarrGroup, writeEventLogArrays, writeZarrGroup, type ZarrArrayData, type ZarrTypedArray } from '@clvlab/events';
import type { LabelWindow, Split } from './model-task.ts';
import type { PreparedAttributes, PreparedDataset } from './prepare-dataset.ts';

/** Writes `prepared` to the Zarr v3 group at `path` (atomically, as the store does). `extra` adds attributes. */
export async function writePreparedDataset(
  path: string,
  prepared: PreparedDataset,
  extra: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const { split } = prepared;
  const column = (data: ZarrTypedArray, meaning: string): ZarrArrayData => ({ data, shape: [data.length], attributes: { meaning } });
  const arrays: Record<string, ZarrArrayData> = {
    ...writeEventLogArrays(prepared.log),
    'events/session': column(prepared.session, 'session index within the customer, 0 = first'),
    offsets: column(prepared.offsets, "customer c's events are events[offsets[c]:offsets[c+1]]"),
    'customers/ids': column(split.customers, 'cohort: customer indices into dictionaries/customer_ids, ascending'),
    'customers/fold': column(split.fold, 'fold per cohort customer: 0 train, 1 valid, 2 test'),
    'customers/target': column(split.score.target, `score-window ${prepared.log.valueTarget} in [cutoff, cutoff + horizon)`),
    'customers/repurchase': column(split.score.repurchase, 'score window: 1 when any purchase in [cutoff, cutoff + horizon)'),
    'customers/fit_target': column(split.fit.target, `fit-window ${prepared.log.valueTarget} (labels supervised models learn from)`),
    'customers/fit_repurchase': column(split.fit.repurchase, 'fit window: 1 when any purchase'),
  };
  await writeZarrGroup(path, { attributes: { ...extra, ...prepared.attributes, kind: 'clvlab-prepared-dataset' }, arrays });
}

/** Reads a prepared dataset written by `writePreparedDataset`. */
export async function readPreparedDataset(path: string): Promise<PreparedDataset> {
  const group = await readZarrGroup(path);
  const a = group.attributes as unknown as PreparedAttributes & { kind?: string };
  if (a.kind !== 'clvlab-prepared-dataset') {
    throw new Error(`sessions/prepared-dataset-store: ${path} is not a clvlab prepared dataset (attribute kind is '${String(a.kind)}')`);
  }
  const array = <T>(name: string): T => {
    const value = group.arrays[name];
    if (value === undefined) throw new Error(`sessions/prepared-dataset-store: ${path} has no array '${name}'`);
    return value.data as T;
  };
  const log = eventLogFromArrays(group);
  const customers = array<Int32Array>('customers/ids');
  const score: LabelWindow = Object.freeze({
    featureEnd: a.cutoff_ms,
    labelEnd: a.cutoff_ms + a.horizon_ms,
    target: array<Float64Array>('customers/target'),
    repurchase: array<Uint8Array>('customers/repurchase'),
  });
  const fit: LabelWindow =
    a.protocol === 'temporal'
      ? Object.freeze({
          featureEnd: a.cutoff_ms - a.horizon_ms,
          labelEnd: a.cutoff_ms,
          target: array<Float64Array>('customers/fit_target'),
          repurchase: array<Uint8Array>('customers/fit_repurchase'),
        })
      : score;
  const split: Split = Object.freeze({
    protocol: a.protocol,
    start: a.start_ms,
    cutoff: a.cutoff_ms,
    horizon: a.horizon_ms,
    customers,
    fold: array<Uint8Array>('customers/fold'),
    fit,
    score,
  });
  return Object.freeze({
    log,
    session: array<Int32Array>('events/session'),
    offsets: array<Int32Array>('offsets'),
    split,
    sessionCount: a.sessions,
    attributes: a,
  });
}
