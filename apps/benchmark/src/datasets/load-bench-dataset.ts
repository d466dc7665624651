// Resolves a `--dataset` argument to a prepared benchmark dataset: the model inputs
// (log, sessions, offsets, split, optional graph features and synthetic truth) plus what the
// record needs to name it exactly (id, source hash, value target, ingest accounting).
//   synthetic      generateSynthetic(SYNTH_DEFAULTS) with its own cutoff/horizon, its graph
//                  (for +social models) and its ground truth (the `oracle` row)
//   cdnow, online-retail, taobao, ciao   files in ../shared/data (see dataset-sources.ts)
//   DS.zarr        a store written by `clvlab ingest` (its features/graph, when stored, feeds +social models;
//                  its customers/attributes, from `ingest --customers`, feed +cov models)
//   apparel        events plus a customer-attribute file (customer-attributes.ts) whose columns
//                  become payload.covariates for the +cov models (static: known before any cutoff)
//   FILE           any other path: the generic `events` reader (CSV or Parquet)
// Graph features only use what is known before each window's cutoff (docs/architecture.md §Evaluation protocol): `graph`
// before split.score.featureEnd, and under the temporal protocol `graphFit` before
// split.fit.featureEnd. An undated graph (Ciao's trust list, any ingested edge file) may hold
// the future, so it is used only with allowUndatedGraph; without it Ciao gets its dated
// co-rating graph, and a dataset with no dated alternative is refused with the reason.
// facts.graph (see GraphFacts in graph-features.ts) says which graph it was.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { EventLog, InputFormat, ValueTarget } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { DATASET_SPLITS, prepareDataset } from '@clvlab/sessions';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { SYNTH_DEFAULTS } from '@clvlab/synth';
import { generateSyntheticParallel } from '@clvlab/synth/node';
import { resolveOptions, stableStringify } from '@clvlab/core';
import type { DatasetPayload } from '../runner/cell-protocol.ts';
import { DATASET_SOURCES, sharedDataPath, type DatasetSource } from './dataset-sources.ts';
import {
  coRatingGraphFeatures,
  edgeFileGraphFeatures,
  generatorGraphFeatures,
  type GraphFacts,
  type GraphFeaturesResult,
} from './graph-features.ts';
import { customerCovariates, readCustomerAttributes, type CustomerAttributeFile } from './customer-attributes.ts';

export interface BenchDataset {
  readonly id: string;
  /** Where it came from: a path, or the generator call. */
  readonly source: string;
  /**
   * `sha256:<hex>` of the source file, or of the generator options for synthetic data. When a
   * load option changes the payload of the same source (the temporal protocol, an undated graph
   * allowed), it is the hash of the source hash and those choices (facts.variant), so cells
   * computed under one choice are never reused under another.
   */
  readonly sourceHash: string;
  readonly valueTarget: ValueTarget;
  readonly payload: DatasetPayload;
  /** Facts for the manifest: row accounting, split summary, generator options. */
  readonly facts: Readonly<Record<string, unknown>>;
}

export interface LoadDatasetOptions {
  /** Synthetic customers (overrides SYNTH_DEFAULTS.customers; tests use small sizes). */
  readonly customers?: number;
  /** Further generator overrides for synthetic data (`--synth seed=1,socialBoost=0`); unknown keys are an error. */
  readonly synth?: Readonly<Record<string, number>>;
  /**
   * Use an undated social graph (Ciao's trust list, a store's ingested edge file) for `+social`
   * models although it may hold information from after the cutoff (`--allow-undated-graph`);
   * facts.graph then says `dated: false, future_information: true`. Default false: Ciao uses
   * its co-rating graph, and other undated graphs are refused.
   */
  readonly allowUndatedGraph?: boolean;
  /** Evaluation protocol of synthetic, named and event-file datasets (a store keeps its own); default cross-sectional. */
  readonly protocol?: 'cross-sectional' | 'temporal';
}

/** The one-line refusal of an undated graph (names the flag that overrides it). */
function undatedGraphError(what: string): Error {
  return new Error(
    `benchmark/datasets: ${what} is undated and may hold information from after the cutoff, so +social models would use the future; pass --allow-undated-graph to use it anyway (the record marks it)`,
  );
}

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The choices of `options` that change a payload built from the same source (empty for the defaults). */
function variantOf(options: LoadDatasetOptions, graph: GraphFacts | undefined): Record<string, string> {
  return {
    ...(options.protocol === 'temporal' ? { protocol: 'temporal' } : {}),
    ...(graph?.future_information ? { graph: `undated ${graph.source}` } : {}),
  };
}

/** `variant` for the facts, when there is one. */
function variantFacts(
  options: LoadDatasetOptions,
  graph: GraphFacts | undefined,
): { variant?: Record<string, string> } {
  const variant = variantOf(options, graph);
  return Object.keys(variant).length === 0 ? {} : { variant };
}

/** The source hash, or (for a non-default variant) the hash of it and the variant. */
function variantHash(sourceHash: string, variant: Record<string, string>): string {
  return Object.keys(variant).length === 0 ? sourceHash : sha256(stableStringify({ source: sourceHash, ...variant }));
}

/** Summary of a split for the manifest (dates, cohort and fold sizes, label totals). */
export function splitSummary(payload: DatasetPayload): Record<string, unknown> {
  const s = payload.split;
  const folds = [0, 0, 0];
  for (const f of s.fold) folds[f]++;
  let value = 0,
    repurchasers = 0;
  for (let i = 0; i < s.customers.length; i++) {
    value += s.score.target[i];
    repurchasers += s.score.repurchase[i];
  }
  return {
    protocol: s.protocol,
    start: new Date(s.start).toISOString(),
    cutoff: new Date(s.cutoff).toISOString(),
    horizon_days: s.horizon / 86_400_000,
    events: payload.log.length,
    customers: payload.log.customerIds.length,
    cohort: s.customers.length,
    train: folds[0],
    valid: folds[1],
    test: folds[2],
    holdout_value_total: value,
    holdout_repurchasers: repurchasers,
  };
}

async function synthetic(options: LoadDatasetOptions): Promise<BenchDataset> {
  const synthOptions = resolveOptions('benchmark/datasets', SYNTH_DEFAULTS, {
    ...(options.customers ? { customers: options.customers } : {}),
    ...options.synth,
  });
  // The oracle's re-simulations on every core (the same world bit for bit as generateSynthetic).
  const data = await generateSyntheticParallel(synthOptions);
  const prepared = prepareDataset(data.log, {
    dataset: 'synthetic',
    start: data.start,
    cutoff: data.cutoff,
    horizon: data.horizon,
    protocol: options.protocol,
  });
  const { split } = prepared;
  const n = split.customers.length;
  const value = new Float64Array(n),
    repurchase = new Float64Array(n),
    clusters = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    value[i] = data.truth.oracle[split.customers[i]];
    repurchase[i] = data.truth.oracleRepurchase[split.customers[i]];
    clusters[i] = data.truth.community[split.customers[i]];
  }
  const graph = await generatorGraphFeatures(data.edges, data.log, split);
  // The campaign's truth, for the record only (sealed payloads leave it out).
  const campaign =
    synthOptions.campaign === 1
      ? {
          treated: Uint8Array.from(split.customers, (c) => data.truth.treated[c]),
          uplift: Float64Array.from(split.customers, (c) => data.truth.upliftValue[c]),
        }
      : undefined;
  const payload: DatasetPayload = {
    id: 'synthetic',
    log: data.log,
    session: prepared.session,
    offsets: prepared.offsets,
    split,
    ...graph.features,
    oracle: { value, repurchase },
    clusters,
    campaign,
  };
  return {
    id: 'synthetic',
    source: `generateSynthetic(${stableStringify(synthOptions)})`,
    sourceHash: variantHash(sha256(stableStringify(synthOptions)), variantOf(options, graph.facts)),
    valueTarget: data.log.valueTarget,
    payload,
    facts: {
      generator: synthOptions,
      edges: data.edges.src.length,
      split: splitSummary(payload),
      graph: graph.facts,
      ...variantFacts(options, graph.facts),
    },
  };
}

type GraphFn = (log: EventLog, split: DatasetPayload['split']) => Promise<GraphFeaturesResult>;

async function fromLog(
  id: string,
  path: string,
  log: EventLog,
  hash: string,
  report: unknown,
  options: LoadDatasetOptions,
  graph?: GraphFn,
  customers?: CustomerAttributeFile,
): Promise<BenchDataset> {
  const published = DATASET_SPLITS[id] ?? {};
  const prepared = prepareDataset(log, { dataset: id, sourceHash: hash, ...published, protocol: options.protocol });
  const g = graph ? await graph(log, prepared.split) : undefined;
  const cov = customers ? customerCovariates(customers, log.customerIds, prepared.split) : undefined;
  const payload: DatasetPayload = {
    id,
    log,
    session: prepared.session,
    offsets: prepared.offsets,
    split: prepared.split,
    ...g?.features,
    ...(cov ? { covariates: { names: cov.names, columns: cov.columns } } : {}),
  };
  const facts = {
    ingest: report,
    split: splitSummary(payload),
    attributes: prepared.attributes,
    ...(g ? { graph: g.facts } : {}),
    ...(cov ? { covariates: { names: cov.names, ...cov.source } } : {}),
    ...variantFacts(options, g?.facts),
  };
  // the attribute file is part of the source: cells computed with other attributes are never reused
  const source = customers ? sha256(stableStringify({ source: hash, customers: `sha256:${customers.sha256}` })) : hash;
  return {
    id,
    source: path,
    sourceHash: variantHash(source, variantOf(options, g?.facts)),
    valueTarget: log.valueTarget,
    payload,
    facts,
  };
}

/** The graph of a named dataset: its edge file when dated (or allowed), else its dated graph, else a refusal (thrown now). */
export function namedGraph(named: DatasetSource, options: LoadDatasetOptions): GraphFn | undefined {
  const edges = named.edges;
  if (edges && (edges.dated || options.allowUndatedGraph)) {
    return (log, split) =>
      edgeFileGraphFeatures(sharedDataPath(edges.file), { directed: edges.directed, source: edges.kind }, log, split);
  }
  if (named.datedGraph === 'co-rating') return (log, split) => coRatingGraphFeatures(log, split);
  if (edges) throw undatedGraphError(`dataset '${named.id}': its social graph (${edges.file})`);
  return undefined;
}

/** Loads (reads, sessionizes, splits) the dataset named or pointed to by `spec`. */
export async function loadBenchDataset(spec: string, options: LoadDatasetOptions = {}): Promise<BenchDataset> {
  if (spec === 'synthetic') return synthetic(options);
  const named = DATASET_SOURCES[spec];
  if (named) {
    const path = sharedDataPath(named.file);
    if (!existsSync(path))
      throw new Error(`benchmark/datasets: ${path}: file not found (dataset '${spec}' reads it from ../shared/data)`);
    const graph = namedGraph(named, options);
    const { log, report } = await readEventLog(path, {
      format: named.format as InputFormat,
      ...(named.map ? { map: { ...named.map } } : {}),
    });
    const customers = named.customers
      ? readCustomerAttributes(sharedDataPath(named.customers.file), named.customers.categorical)
      : undefined;
    return fromLog(named.id, path, log, `sha256:${report.sha256}`, report, options, graph, customers);
  }
  const path = resolve(spec);
  if (!existsSync(path)) {
    throw new Error(
      `benchmark/datasets: unknown dataset '${spec}' (expected synthetic, ${Object.keys(DATASET_SOURCES).join(', ')}, a DS.zarr store or an event file)`,
    );
  }
  if (statSync(path).isDirectory()) return fromStore(path, options);
  const { log, report } = await readEventLog(path, { format: 'events' });
  return fromLog(basename(path), path, log, `sha256:${report.sha256}`, report, options);
}

/**
 * A store written by `clvlab ingest`. Its `features/graph` (from `--edges`, an undated file)
 * feeds `+social` models only with allowUndatedGraph. The store holds that one table, at the
 * scoring cutoff: under the temporal protocol the fit window reuses it, which facts.graph.fit says.
 */
async function fromStore(path: string, options: LoadDatasetOptions): Promise<BenchDataset> {
  const prepared = await readPreparedDataset(path);
  const id = String(prepared.attributes.dataset || basename(path));
  const { split } = prepared;
  if (options.protocol !== undefined && options.protocol !== split.protocol) {
    throw new Error(
      `benchmark/datasets: ${path}: the store was prepared with the ${split.protocol} protocol, not ${options.protocol} (re-ingest with --protocol ${options.protocol})`,
    );
  }
  let facts: GraphFacts | undefined;
  if (prepared.graph) {
    const source = (prepared.attributes as unknown as { graph_source?: Record<string, unknown> }).graph_source ?? {};
    const file = typeof source.edges_file === 'string' ? source.edges_file : 'an unrecorded source';
    if (!options.allowUndatedGraph)
      throw undatedGraphError(`${path}: its features/graph come from an edge file (${file}), which`);
    const window = {
      feature_end: new Date(split.score.featureEnd).toISOString(),
      nodes: prepared.log.customerIds.length,
      edges: Number(source.kept ?? Number.NaN),
      capped_products: 0,
    };
    facts = {
      ...source,
      source: 'edge-file',
      dated: false,
      future_information: true,
      directed: source.directed === true,
      weighted: false,
      ...window,
      ...(split.protocol === 'temporal' ? { fit: { ...window, reused_score_window_features: true } } : {}),
    };
  }
  // graphFit stays absent: the store holds no fit-window table (models then read `graph`).
  const cov = prepared.covariates;
  const payload: DatasetPayload = {
    id,
    log: prepared.log,
    session: prepared.session,
    offsets: prepared.offsets,
    split,
    graph: facts ? prepared.graph : undefined,
    ...(cov ? { covariates: { names: cov.names, columns: cov.columns } } : {}),
  };
  return {
    id,
    source: path,
    sourceHash: prepared.attributes.source_hash,
    valueTarget: prepared.log.valueTarget,
    payload,
    facts: {
      attributes: prepared.attributes,
      split: splitSummary(payload),
      ...(facts ? { graph: facts } : {}),
      ...(cov ? { covariates: { names: cov.names, ...cov.source } } : {}),
    },
  };
}
