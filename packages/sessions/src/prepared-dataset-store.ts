// Stores a PreparedDataset as one Zarr v3 group (docs/architecture.md §Prepared dataset), through
// @clvlab/events' Zarr store: attributes (dataset, source hash, cutoff, horizon, gap, protocol,
// seed, fractions, clvlab version, value target, counts), `events/*` columns plus `events/session`,
// `offsets`, and `customers/*` for the cohort: ids (customer indices), fold, target, repurchase
// (score window) and fit_target, fit_repurchase (fit window; equal to the score labels under the
// cross-sectional protocol, stored anyway so a reader never has to know the protocol).
// Optional feature tables go to `features/graph` and `features/rfm`: one 2-D float64 array
// [cohort customers × columns] each (row i = customers/ids[i]), column names in its
// `columns` attribute. Customer attributes (`ingest --customers`: static covariates, categorical
// columns already expanded to dummies) go to `customers/attributes` the same way, with what
// built them (file, hash, dummy coding) in its `source` attribute.
import { eventLogFromArrays, writeEventLogArrays, type ZarrArrayData, type ZarrTypedArray } from '@clvlab/events';
import { readZarrGroup, writeZarrGroup } from '@clvlab/events/node';
import type { FeatureTable, LabelWindow, Split } from './model-task.ts';
import type { PreparedAttributes, PreparedDataset, PreparedFeatures } from './prepare-dataset.ts';

const FEATURE_MEANING: Readonly<Record<keyof PreparedFeatures, string>> = Object.freeze({
  graph: 'social-graph features per cohort customer: row i is customers/ids[i], column j is named columns[j]',
  rfm: 'RFM features per cohort customer: row i is customers/ids[i], column j is named columns[j]',
});
const FEATURE_KINDS = Object.keys(FEATURE_MEANING) as (keyof PreparedFeatures)[];
const ATTRIBUTES = 'customers/attributes';
const ATTRIBUTES_MEANING =
  'customer attributes (static covariates) per cohort customer: row i is customers/ids[i], column j is named columns[j]; categorical attributes as 0/1 dummies (see source)';

/** Customer attributes as stored at `customers/attributes`: covariate columns per cohort customer and how they were built. */
export interface CustomerAttributeTable extends FeatureTable {
  /** JSON facts about the columns (source file, hash, categorical coding), stored as the array's `source` attribute. */
  readonly source?: Readonly<Record<string, unknown>>;
}

/** A prepared dataset as read back: with its customer attributes when the store has them. */
export interface StoredPreparedDataset extends PreparedDataset {
  readonly covariates?: CustomerAttributeTable;
}

/** A FeatureTable as one row-major [rows × columns] float64 array; throws unless it has `rows` rows. */
function featureArray(name: string, meaning: string, table: FeatureTable, rows: number): ZarrArrayData {
  const where = `sessions/prepared-dataset-store: ${name}`;
  const { names, columns } = table;
  if (names.length !== columns.length)
    throw new Error(`${where} has ${names.length} names but ${columns.length} columns`);
  names.forEach((name, j) => {
    if (typeof name !== 'string' || name === '') throw new Error(`${where}: column ${j} has no name`);
    if (names.indexOf(name) !== j) throw new Error(`${where}: column name '${name}' appears twice`);
  });
  columns.forEach((col, j) => {
    if (!(col instanceof Float64Array)) throw new Error(`${where}: column '${names[j]}' is not a Float64Array`);
    if (col.length !== rows)
      throw new Error(
        `${where}: column '${names[j]}' has ${col.length} rows, expected ${rows} (one per cohort customer)`,
      );
  });
  const k = columns.length;
  const data = new Float64Array(rows * k);
  for (let j = 0; j < k; j++) {
    const col = columns[j];
    for (let i = 0; i < rows; i++) data[i * k + j] = col[i];
  }
  return { data, shape: [rows, k], attributes: { columns: [...names], meaning } };
}

/** The FeatureTable stored at `name` (`features/<kind>`, `customers/attributes`), checked against the cohort size. */
function featureTable(path: string, name: string, array: ZarrArrayData, rows: number): FeatureTable {
  const where = `sessions/prepared-dataset-store: ${path} ${name}`;
  const { data, shape } = array;
  const names = array.attributes?.columns;
  if (!(data instanceof Float64Array)) throw new Error(`${where}: expected float64 values`);
  if (shape.length !== 2)
    throw new Error(`${where}: expected a 2-D array [customers × columns], got shape [${shape.join(', ')}]`);
  const [n, k] = shape;
  if (n !== rows) throw new Error(`${where} has ${n} rows, expected ${rows} (one per cohort customer)`);
  if (!Array.isArray(names) || names.length !== k || names.some((x) => typeof x !== 'string')) {
    throw new Error(`${where}: attribute 'columns' must list ${k} column names, got ${JSON.stringify(names)}`);
  }
  const columns = Array.from({ length: k }, (_, j) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = data[i * k + j];
    return col;
  });
  return Object.freeze({ names: Object.freeze([...(names as string[])]), columns: Object.freeze(columns) });
}

/**
 * Writes `prepared` to the Zarr v3 group at `path` (atomically, as the store does). `extra`
 * adds root attributes; `features` (default: prepared.graph / prepared.rfm) adds feature
 * tables and `features.covariates` (default: those of a dataset read back) the customer
 * attributes, each with exactly one row per cohort customer.
 */
export async function writePreparedDataset(
  path: string,
  prepared: PreparedDataset,
  extra: Readonly<Record<string, unknown>> = {},
  features: PreparedFeatures & { readonly covariates?: CustomerAttributeTable } = {},
): Promise<void> {
  const { split } = prepared;
  const column = (data: ZarrTypedArray, meaning: string): ZarrArrayData => ({
    data,
    shape: [data.length],
    attributes: { meaning },
  });
  const arrays: Record<string, ZarrArrayData> = {
    ...writeEventLogArrays(prepared.log),
    'events/session': column(prepared.session, 'session index within the customer, 0 = first'),
    offsets: column(prepared.offsets, "customer c's events are events[offsets[c]:offsets[c+1]]"),
    'customers/ids': column(split.customers, 'cohort: customer indices into dictionaries/customer_ids, ascending'),
    'customers/fold': column(split.fold, 'fold per cohort customer: 0 train, 1 valid, 2 test'),
    'customers/target': column(
      split.score.target,
      `score-window ${prepared.log.valueTarget} in [cutoff, cutoff + horizon)`,
    ),
    'customers/repurchase': column(
      split.score.repurchase,
      'score window: 1 when any purchase in [cutoff, cutoff + horizon)',
    ),
    'customers/fit_target': column(
      split.fit.target,
      `fit-window ${prepared.log.valueTarget} (labels supervised models learn from)`,
    ),
    'customers/fit_repurchase': column(split.fit.repurchase, 'fit window: 1 when any purchase'),
  };
  const tables: PreparedFeatures = { graph: prepared.graph, rfm: prepared.rfm, ...features };
  for (const kind of FEATURE_KINDS) {
    const table = tables[kind];
    if (table !== undefined)
      arrays[`features/${kind}`] = featureArray(
        `features/${kind}`,
        FEATURE_MEANING[kind],
        table,
        split.customers.length,
      );
  }
  const covariates = features.covariates ?? (prepared as StoredPreparedDataset).covariates;
  if (covariates !== undefined) {
    const a = featureArray(ATTRIBUTES, ATTRIBUTES_MEANING, covariates, split.customers.length);
    arrays[ATTRIBUTES] = {
      ...a,
      attributes: { ...a.attributes, ...(covariates.source ? { source: covariates.source } : {}) },
    };
  }
  await writeZarrGroup(path, {
    attributes: { ...extra, ...prepared.attributes, kind: 'clvlab-prepared-dataset' },
    arrays,
  });
}

/** Reads a prepared dataset written by `writePreparedDataset`. */
export async function readPreparedDataset(path: string): Promise<StoredPreparedDataset> {
  const group = await readZarrGroup(path);
  const a = group.attributes as unknown as PreparedAttributes & { kind?: string };
  if (a.kind !== 'clvlab-prepared-dataset') {
    throw new Error(
      `sessions/prepared-dataset-store: ${path} is not a clvlab prepared dataset (attribute kind is '${String(a.kind)}')`,
    );
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
  const features: { -readonly [K in keyof PreparedFeatures]: FeatureTable } = {};
  for (const kind of FEATURE_KINDS) {
    const stored = group.arrays[`features/${kind}`];
    if (stored !== undefined) features[kind] = featureTable(path, `features/${kind}`, stored, customers.length);
  }
  const attributeArray = group.arrays[ATTRIBUTES];
  let covariates: CustomerAttributeTable | undefined;
  if (attributeArray !== undefined) {
    const source = attributeArray.attributes?.source;
    covariates = Object.freeze({
      ...featureTable(path, ATTRIBUTES, attributeArray, customers.length),
      ...(source && typeof source === 'object' ? { source: source as Record<string, unknown> } : {}),
    });
  }
  return Object.freeze({
    log,
    session: array<Int32Array>('events/session'),
    offsets: array<Int32Array>('offsets'),
    split,
    sessionCount: a.sessions,
    attributes: a,
    ...features,
    ...(covariates ? { covariates } : {}),
  });
}
