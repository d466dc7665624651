// The prepared dataset from the SQL event stage's tables (issue 16 §4; `clvlab ingest --format
// prepared-parquet`): the Parquet tables `clvlab sql` produces (one run, or the parts of several
// shards in one directory per table) become the PreparedDataset that `clvlab ingest` stores.
//   - customers, items and categories are numbered by first appearance (smallest first_seq; without
//     seq the first event, then the id), as the TypeScript readers number them in file order;
//   - events are placed at offsets[customer] + k: every (customer, k) exactly once, times ordered,
//     sessions following the gap (a new one exactly when gap_ms > gap), or an error;
//   - the cohort's hash and fold are checked against hashUnit, its features and sequences rows
//     against the cohort and the events; the shards' meta rows must agree, and the window is
//     checked against all of the data, as evaluationSplit checks it (a shard could not);
//   - features/rfm = (recency, frequency, monetary, tenure) from the history columns, as rfmColumns.
// Nothing is dropped: a row that does not fit is an error naming the table and the row.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatDuration, hashUnit } from '@clvlab/core';
import { createEventLog, customerOffsets, type ValueTarget } from '@clvlab/events';
import { RFM_FEATURE_NAMES } from '@clvlab/features';
import {
  clvlabVersion,
  endOfData,
  type FeatureTable,
  type LabelWindow,
  type PreparedAttributes,
  type PreparedDataset,
  type Split,
} from '@clvlab/sessions';
import { PREPARED_TABLES, type PreparedTableName } from './prepared-tables.ts';
import { readParquetTable, tableFiles, type ParquetTable } from './read-parquet-table.ts';
import { foldCutPoints } from './split-hash-sql.ts';

const DAY_MS = 86_400_000;

export interface PreparedParquet {
  readonly prepared: PreparedDataset;
  readonly rfm: FeatureTable;
  /** sha256 over the Parquet files read (paths relative to the directory, in order, then bytes). */
  readonly sha256: string;
  readonly rows: Readonly<Partial<Record<PreparedTableName, number>>>;
  readonly dialect: string;
  readonly files: number;
}

type Column = readonly (string | number | null)[];
const fail = (m: string): never => {
  throw new Error(`benchmark/sql: ${m}`);
};

/** Dictionary order: by first_seq when every row has one, else by (first time, id). */
function dictionary(ids: Column, firstSeq: Column, firstT: Column, what: string): string[] {
  const merged = new Map<string, { seq: number | null; t: number }>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string,
      seq = firstSeq[i] as number | null,
      t = firstT[i] as number;
    const m = merged.get(id);
    if (m === undefined) merged.set(id, { seq, t });
    else merged.set(id, { seq: m.seq === null || seq === null ? null : Math.min(m.seq, seq), t: Math.min(m.t, t) });
  }
  const rows = [...merged.entries()];
  const withSeq = rows.filter(([, r]) => r.seq !== null).length;
  if (withSeq !== 0 && withSeq !== rows.length)
    fail(
      `${what}: ${rows.length - withSeq} of ${rows.length} ids have no first_seq while others have one (mixed runs with and without --seq)`,
    );
  rows.sort(
    withSeq > 0
      ? (a, b) => a[1].seq! - b[1].seq!
      : (a, b) => a[1].t - b[1].t || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  return rows.map(([id]) => id);
}

/** The one value of meta column `name` all shards agree on. */
function agreed(meta: ParquetTable, name: string): string | number {
  const values = meta.columns[name];
  if (values.some((v) => v !== values[0]))
    fail(
      `meta: the parts disagree on ${name} (${[...new Set(values)].join(' vs ')}): they come from different clvlab sql runs`,
    );
  return values[0]!;
}

/** Reads the prepared tables under `dir` into a PreparedDataset and its RFM table. */
export async function readPreparedParquet(dir: string): Promise<PreparedParquet> {
  const t = {} as Record<PreparedTableName, ParquetTable>;
  for (const name of ['meta', 'customers', 'items', 'categories', 'events', 'cohort', 'features'] as const)
    t[name] = await readParquetTable(dir, name, PREPARED_TABLES[name]);
  for (const name of ['sessions', 'sequences'] as const)
    if (tableFiles(dir, name).length > 0) t[name] = await readParquetTable(dir, name, PREPARED_TABLES[name]);

  const meta = t.meta;
  if (meta.rows === 0) fail(`${dir}: table meta is empty`);
  const protocol = agreed(meta, 'protocol');
  if (protocol !== 'cross-sectional')
    fail(`meta: protocol '${protocol}' is not supported (the SQL stage prepares the cross-sectional protocol)`);
  const valueTarget = agreed(meta, 'value_target') as ValueTarget;
  if (valueTarget !== 'revenue' && valueTarget !== 'count')
    fail(`meta: value_target must be revenue or count, got '${valueTarget}'`);
  const cutoff = agreed(meta, 'cutoff_ms') as number,
    horizon = agreed(meta, 'horizon_ms') as number,
    gap = agreed(meta, 'gap_ms') as number;
  const seed = agreed(meta, 'seed') as number,
    lastEvents = agreed(meta, 'last_events') as number;
  const fractions = [agreed(meta, 'fraction_train'), agreed(meta, 'fraction_valid'), agreed(meta, 'fraction_test')] as [
    number,
    number,
    number,
  ];
  for (const name of ['dataset', 'unit', 'dialect', 'clvlab_version']) agreed(meta, name);
  const sum = (name: string): number => meta.columns[name].reduce<number>((s, v) => s + Number(v), 0);

  // dictionaries
  const cc = t.customers.columns;
  const customerIds = dictionary(cc.customer_id, cc.first_seq, cc.first_t_ms, 'customers');
  if (customerIds.length !== t.customers.rows)
    fail(
      `customers: ${t.customers.rows - customerIds.length} customer ids appear in more than one row (a customer in two shards?)`,
    );
  const customerIndex = new Map(customerIds.map((id, i) => [id, i]));
  const itemIds = dictionary(t.items.columns.item_id, t.items.columns.first_seq, t.items.columns.first_t_ms, 'items');
  const categoryIds = dictionary(
    t.categories.columns.category,
    t.categories.columns.first_seq,
    t.categories.columns.first_t_ms,
    'categories',
  );
  const itemIndex = new Map(itemIds.map((id, i) => [id, i])),
    categoryIndex = new Map(categoryIds.map((id, i) => [id, i]));
  const nCustomers = customerIds.length;
  const offsets = new Int32Array(nCustomers + 1);
  for (let r = 0; r < t.customers.rows; r++)
    offsets[customerIndex.get(cc.customer_id[r] as string)! + 1] = cc.events[r] as number;
  for (let c = 0; c < nCustomers; c++) offsets[c + 1] += offsets[c];

  // events at offsets[c] + k
  const ec = t.events.columns,
    n = t.events.rows;
  if (n !== offsets[nCustomers]) fail(`events: ${n} rows, but customers count ${offsets[nCustomers]} events`);
  const customer = new Int32Array(n),
    time = new Float64Array(n),
    type = new Uint8Array(n),
    item = new Int32Array(n),
    category = new Int32Array(n);
  const amount = new Float64Array(n),
    quantity = new Float64Array(n),
    session = new Int32Array(n),
    placed = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const where = `events row ${r + 1}`;
    const c = customerIndex.get(ec.customer_id[r] as string);
    if (c === undefined) fail(`${where}: customer '${ec.customer_id[r]}' is not in the customers table`);
    const k = ec.k[r] as number;
    if (!(Number.isInteger(k) && k >= 0 && k < offsets[c! + 1] - offsets[c!]))
      fail(`${where}: k = ${k} outside 0..${offsets[c! + 1] - offsets[c!] - 1} for customer '${ec.customer_id[r]}'`);
    const i = offsets[c!] + k;
    if (placed[i]) fail(`${where}: customer '${ec.customer_id[r]}' has two events at k = ${k}`);
    placed[i] = 1;
    const ty = ec.type[r] as number;
    if (!(Number.isInteger(ty) && ty >= 0 && ty <= 4)) fail(`${where}: type ${ty} is not an event type code 0..4`);
    const it = ec.item_id[r],
      ct = ec.category[r];
    const ii = it === null ? -1 : itemIndex.get(it as string),
      ci = ct === null ? -1 : categoryIndex.get(ct as string);
    if (ii === undefined) fail(`${where}: item '${it}' is not in the items table`);
    if (ci === undefined) fail(`${where}: category '${ct}' is not in the categories table`);
    customer[i] = c!;
    time[i] = ec.t_ms[r] as number;
    type[i] = ty;
    item[i] = ii!;
    category[i] = ci!;
    amount[i] = ec.amount[r] as number;
    quantity[i] = ec.quantity[r] as number;
    session[i] = ec.session[r] as number;
  }
  for (let c = 0; c < nCustomers; c++) {
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const first = i === offsets[c],
        dt = first ? 0 : time[i] - time[i - 1];
      if (!first && !(dt >= 0))
        fail(`events: customer '${customerIds[c]}' k = ${i - offsets[c]} is earlier than k = ${i - offsets[c] - 1}`);
      const expected = first ? 0 : session[i - 1] + (dt > gap ? 1 : 0);
      if (session[i] !== expected)
        fail(
          `events: customer '${customerIds[c]}' k = ${i - offsets[c]} has session ${session[i]}, the gap of ${gap} ms gives ${expected}`,
        );
    }
  }
  const log = createEventLog({
    customer,
    t: time,
    type,
    item,
    category,
    amount,
    quantity,
    customerIds,
    itemIds,
    categoryIds,
    valueTarget,
  });
  const sessionCount = customerIds.reduce(
    (s, _id, c) => s + (offsets[c + 1] > offsets[c] ? session[offsets[c + 1] - 1] + 1 : 0),
    0,
  );

  // the window, over all of the data
  let first = Infinity,
    last = -Infinity,
    daily = true;
  for (let i = 0; i < n; i++) {
    first = Math.min(first, time[i]);
    last = Math.max(last, time[i]);
    if (daily && time[i] % DAY_MS !== 0) daily = false;
  }
  const start = Math.min(...meta.columns.start_ms.map(Number));
  if (start !== first) fail(`meta: start_ms ${start} is not the first event ${first}`);
  if (cutoff <= start || cutoff > last)
    fail(
      `cutoff ${new Date(cutoff).toISOString()} is outside the data (${new Date(start).toISOString()} .. ${new Date(last).toISOString()})`,
    );
  if (cutoff + horizon > Math.max(endOfData(last, daily), last + DAY_MS))
    fail(
      `holdout ${new Date(cutoff).toISOString()} + ${horizon} ms ends after the data (last event ${new Date(last).toISOString()}): labels would be truncated`,
    );

  // cohort, ascending customer index
  const kc = t.cohort.columns,
    size = t.cohort.rows;
  if (size === 0) fail('empty cohort: no purchase before the cutoff');
  const rowOf = new Int32Array(nCustomers).fill(-1);
  const order = Array.from({ length: size }, (_, r) => {
    const c = customerIndex.get(kc.customer_id[r] as string);
    if (c === undefined) fail(`cohort row ${r + 1}: customer '${kc.customer_id[r]}' is not in the customers table`);
    if (rowOf[c!] >= 0) fail(`cohort: customer '${kc.customer_id[r]}' appears twice`);
    rowOf[c!] = r;
    return c!;
  }).sort((a, b) => a - b);
  const customers = Int32Array.from(order);
  const position = new Int32Array(nCustomers).fill(-1);
  customers.forEach((c, i) => {
    position[c] = i;
  });
  const fold = new Uint8Array(size),
    target = new Float64Array(size),
    repurchase = new Uint8Array(size);
  const fitTarget = new Float64Array(size),
    fitRepurchase = new Uint8Array(size);
  const [cutTrain, cutValid] = foldCutPoints(fractions);
  customers.forEach((c, i) => {
    const r = rowOf[c],
      id = customerIds[c];
    const h = hashUnit(id, seed) * 4294967296;
    if (kc.hash[r] !== h)
      fail(
        `cohort: customer '${id}' has hash ${kc.hash[r]}, hashUnit gives ${h} (the engine's string or integer functions differ from the dialect's assumptions)`,
      );
    const f = h < cutTrain ? 0 : h < cutValid ? 1 : 2;
    if (kc.fold[r] !== f) fail(`cohort: customer '${id}' has fold ${kc.fold[r]}, the hash gives ${f}`);
    fold[i] = f;
    target[i] = kc.target[r] as number;
    repurchase[i] = kc.repurchase[r] as number;
    fitTarget[i] = kc.fit_target[r] as number;
    fitRepurchase[i] = kc.fit_repurchase[r] as number;
  });

  // features/rfm, one row per cohort customer
  const fc = t.features.columns;
  if (t.features.rows !== size) fail(`features: ${t.features.rows} rows for a cohort of ${size}`);
  const rfm = RFM_FEATURE_NAMES.map(() => new Float64Array(size));
  const seen = new Uint8Array(size);
  for (let r = 0; r < t.features.rows; r++) {
    const c = customerIndex.get(fc.customer_id[r] as string);
    const i = c === undefined ? -1 : position[c];
    if (i < 0) fail(`features row ${r + 1}: customer '${fc.customer_id[r]}' is not in the cohort`);
    if (seen[i]++) fail(`features: customer '${fc.customer_id[r]}' appears twice`);
    const days = fc.purchase_days[r] as number,
      tenure = fc.tenure_days[r] as number;
    rfm[0][i] = days > 0 ? (fc.days_since_last[r] as number) : tenure;
    rfm[1][i] = days;
    rfm[2][i] = fc.revenue[r] as number;
    rfm[3][i] = tenure;
  }

  // derived tables, when present: consistent with the events
  if (t.sessions && t.sessions.rows !== sessionCount)
    fail(`sessions: ${t.sessions.rows} rows, the events have ${sessionCount} sessions`);
  if (t.sequences) checkSequences(t.sequences, customerIndex, offsets, time, customers, cutoff, lastEvents);
  for (const [name, value] of [
    ['events', n],
    ['customers', nCustomers],
    ['cohort', size],
    ['sessions', sessionCount],
  ] as const) {
    if (sum(name) !== value) fail(`meta: ${name} adds up to ${sum(name)}, the tables hold ${value}`);
  }

  const score: LabelWindow = Object.freeze({ featureEnd: cutoff, labelEnd: cutoff + horizon, target, repurchase });
  const fit: LabelWindow = Object.freeze({
    featureEnd: cutoff,
    labelEnd: cutoff + horizon,
    target: fitTarget,
    repurchase: fitRepurchase,
  });
  const split: Split = Object.freeze({
    protocol: 'cross-sectional',
    start,
    cutoff,
    horizon,
    customers,
    fold,
    fit,
    score,
  });
  const files = Object.values(t)
    .flatMap((x) => [...x.files])
    .sort();
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f.slice(dir.length));
    hash.update(readFileSync(f));
  }
  const sha256 = hash.digest('hex');
  const attributes: PreparedAttributes = Object.freeze({
    dataset: String(agreed(meta, 'dataset')),
    source_hash: `sha256:${sha256}`,
    clvlab_version: clvlabVersion(),
    value_target: valueTarget,
    protocol: 'cross-sectional',
    start: new Date(start).toISOString(),
    cutoff: new Date(cutoff).toISOString(),
    horizon: formatDuration(horizon),
    gap: formatDuration(gap),
    start_ms: start,
    cutoff_ms: cutoff,
    horizon_ms: horizon,
    gap_ms: gap,
    seed,
    fractions: Object.freeze([...fractions]),
    events: n,
    customers: nCustomers,
    sessions: sessionCount,
    cohort: size,
  });
  const prepared: PreparedDataset = Object.freeze({
    log,
    session,
    offsets: customerOffsets(log),
    split,
    sessionCount,
    attributes,
  });
  const rows = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.rows]));
  return {
    prepared,
    rfm: Object.freeze({ names: RFM_FEATURE_NAMES, columns: Object.freeze(rfm) }),
    sha256,
    rows,
    dialect: String(agreed(meta, 'dialect')),
    files: files.length,
  };
}

/** The sequences table: per cohort customer the last L events before the cutoff, position 0 the latest. */
function checkSequences(
  s: ParquetTable,
  customerIndex: Map<string, number>,
  offsets: Int32Array,
  time: Float64Array,
  cohort: Int32Array,
  cutoff: number,
  L: number,
): void {
  let expected = 0;
  for (const c of cohort) {
    let hi = offsets[c];
    while (hi < offsets[c + 1] && time[hi] < cutoff) hi++;
    expected += Math.min(L, hi - offsets[c]);
  }
  if (s.rows !== expected)
    fail(`sequences: ${s.rows} rows, the last ${L} events before the cutoff of the cohort are ${expected}`);
  const sc = s.columns;
  for (let r = 0; r < s.rows; r++) {
    const c = customerIndex.get(sc.customer_id[r] as string);
    const e = c === undefined ? -1 : offsets[c] + (sc.k[r] as number);
    if (c === undefined || !(e >= offsets[c] && e < offsets[c + 1]) || time[e] !== sc.t_ms[r] || !(time[e] < cutoff)) {
      fail(
        `sequences row ${r + 1}: customer '${sc.customer_id[r]}' k = ${sc.k[r]} is not one of its events before the cutoff`,
      );
    }
  }
}
