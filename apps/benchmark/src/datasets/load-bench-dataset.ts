// Resolves a `--dataset` argument to a prepared benchmark dataset: the model inputs
// (log, sessions, offsets, split, optional graph features and synthetic truth) plus what the
// record needs to name it exactly (id, source hash, value target, ingest accounting).
//   synthetic      generateSynthetic(SYNTH_DEFAULTS) with its own cutoff/horizon, its graph
//                  (for +social models) and its ground truth (the `oracle` row)
//   cdnow, online-retail, taobao, ciao   files in ../shared/data (see dataset-sources.ts)
//   DS.zarr        a store written by `clvlab ingest` (its features/graph, when stored, feeds +social models)
//   FILE           any other path: the generic `events` reader (CSV or Parquet)
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { EventLog, InputFormat, ValueTarget } from '@clvlab/events';
import { readEventLog } from '@clvlab/events';
import { DATASET_SPLITS, prepareDataset, readPreparedDataset } from '@clvlab/sessions';
import { generateSynthetic, SYNTH_DEFAULTS } from '@clvlab/synth';
import { stableStringify } from '../runner/atomic-write.ts';
import type { DatasetPayload } from '../runner/cell-protocol.ts';
import { DATASET_SOURCES, sharedDataPath } from './dataset-sources.ts';
import { graphFeaturesFromEdges, graphFeaturesFromFile } from './graph-features.ts';

export interface BenchDataset {
  readonly id: string;
  /** Where it came from: a path, or the generator call. */
  readonly source: string;
  /** `sha256:<hex>` of the source file, or of the generator options for synthetic data. */
  readonly sourceHash: string;
  readonly valueTarget: ValueTarget;
  readonly payload: DatasetPayload;
  /** Facts for the manifest: row accounting, split summary, generator options. */
  readonly facts: Readonly<Record<string, unknown>>;
}

export interface LoadDatasetOptions {
  /** Synthetic customers (overrides SYNTH_DEFAULTS.customers; tests use small sizes). */
  readonly customers?: number;
  /** Further generator overrides for synthetic data (`--synth seed=1,socialBoost=0`); unknown keys are the generator's error. */
  readonly synth?: Readonly<Record<string, number>>;
}

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Summary of a split for the manifest (dates, cohort and fold sizes, label totals). */
export function splitSummary(payload: DatasetPayload): Record<string, unknown> {
  const s = payload.split;
  const folds = [0, 0, 0];
  for (const f of s.fold) folds[f]++;
  let value = 0, repurchasers = 0;
  for (let i = 0; i < s.customers.length; i++) { value += s.score.target[i]; repurchasers += s.score.repurchase[i]; }
  return {
    protocol: s.protocol,
    start: new Date(s.start).toISOString(),
    cutoff: new Date(s.cutoff).toISOString(),
    horizon_days: s.horizon / 86_400_000,
    events: payload.log.length,
    customers: payload.log.customerIds.length,
    cohort: s.customers.length,
    train: folds[0], valid: folds[1], test: folds[2],
    holdout_value_total: value,
    holdout_repurchasers: repurchasers,
  };
}

async function synthetic(options: LoadDatasetOptions): Promise<BenchDataset> {
  const synthOptions: Record<string, unknown> = { ...SYNTH_DEFAULTS, ...(options.customers ? { customers: options.customers } : {}), ...options.synth };
  const data = generateSynthetic(synthOptions as Parameters<typeof generateSynthetic>[0]);
  const prepared = prepareDataset(data.log, { dataset: 'synthetic', start: data.start, cutoff: data.cutoff, horizon: data.horizon });
  const { split } = prepared;
  const n = split.customers.length;
  const value = new Float64Array(n), repurchase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = data.truth.oracle[split.customers[i]];
    repurchase[i] = data.truth.oracleRepurchase[split.customers[i]];
  }
  const graph = await graphFeaturesFromEdges(data.edges, data.log, split);
  const payload: DatasetPayload = { id: 'synthetic', log: data.log, session: prepared.session, offsets: prepared.offsets, split, graph, oracle: { value, repurchase } };
  return {
    id: 'synthetic',
    source: `generateSynthetic(${stableStringify(synthOptions)})`,
    sourceHash: sha256(stableStringify(synthOptions)),
    valueTarget: data.log.valueTarget,
    payload,
    facts: { generator: synthOptions, edges: data.edges.src.length, split: splitSummary(payload) },
  };
}

type GraphFn = (log: EventLog, split: DatasetPayload['split']) => Promise<DatasetPayload['graph']>;

async function fromLog(id: string, path: string, log: EventLog, hash: string, report: unknown, graph?: GraphFn): Promise<BenchDataset> {
  const published = DATASET_SPLITS[id] ?? {};
  const prepared = prepareDataset(log, { dataset: id, sourceHash: hash, ...published });
  const g = graph ? await graph(log, prepared.split) : undefined;
  const payload: DatasetPayload = { id, log, session: prepared.session, offsets: prepared.offsets, split: prepared.split, graph: g };
  return { id, source: path, sourceHash: hash, valueTarget: log.valueTarget, payload, facts: { ingest: report, split: splitSummary(payload), attributes: prepared.attributes } };
}

/** Loads (reads, sessionizes, splits) the dataset named or pointed to by `spec`. */
export async function loadBenchDataset(spec: string, options: LoadDatasetOptions = {}): Promise<BenchDataset> {
  if (spec === 'synthetic') return synthetic(options);
  const named = DATASET_SOURCES[spec];
  if (named) {
    const path = sharedDataPath(named.file);
    if (!existsSync(path)) throw new Error(`benchmark/datasets: ${path}: file not found (dataset '${spec}' reads it from ../shared/data)`);
    const { log, report } = await readEventLog(path, { format: named.format as InputFormat });
    const edges = named.edges;
    const graph = edges ? (l: EventLog, s: DatasetPayload['split']) => graphFeaturesFromFile(sharedDataPath(edges.file), edges.directed, l, s) : undefined;
    return fromLog(named.id, path, log, `sha256:${report.sha256}`, report, graph);
  }
  const path = resolve(spec);
  if (!existsSync(path)) {
    throw new Error(`benchmark/datasets: unknown dataset '${spec}' (expected synthetic, ${Object.keys(DATASET_SOURCES).join(', ')}, a DS.zarr store or an event file)`);
  }
  if (statSync(path).isDirectory()) {
    const prepared = await readPreparedDataset(path);
    const id = String(prepared.attributes.dataset || basename(path));
    // The stored `features/graph` (written by `clvlab ingest --edges`) is the task's graph, so `+social` models run on it.
    const payload: DatasetPayload = { id, log: prepared.log, session: prepared.session, offsets: prepared.offsets, split: prepared.split, graph: prepared.graph };
    return { id, source: path, sourceHash: prepared.attributes.source_hash, valueTarget: prepared.log.valueTarget, payload, facts: { attributes: prepared.attributes, split: splitSummary(payload) } };
  }
  const { log, report } = await readEventLog(path, { format: 'events' });
  return fromLog(basename(path), path, log, `sha256:${report.sha256}`, report);
}
