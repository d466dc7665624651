// A prepared dataset (docs/architecture.md §Prepared dataset): the event log with its session
// index, per-customer offsets, the evaluation split with labels, and the attributes that make it
// reproducible (dataset id, source hash, cutoff, horizon, gap, protocol, seed, clvlab version,
// value target). This is what `clvlab ingest` stores and what every model receives (see ModelTask),
// optionally with per-customer feature tables (`features/graph`, `features/rfm`) computed by the
// caller.
import { customerOffsets, type EventLog } from '@clvlab/events';
import { formatDuration, resolveOptions } from '@clvlab/core';
import { CLVLAB_VERSION } from './clvlab-version.ts';
import { datasetSplit } from './dataset-splits.ts';
import { DEFAULT_SPLIT, evaluationSplit, type SplitOptions } from './evaluation-split.ts';
import type { FeatureTable, Split } from './model-task.ts';
import { countSessions, DEFAULT_GAP_MS, splitSessions } from './split-sessions.ts';

export interface PrepareOptions extends SplitOptions {
  /** Inactivity gap between sessions, ms. */
  gapMs: number;
  /** Dataset id for the record (also picks DATASET_SPLITS defaults when cutoff is not given). */
  dataset: string;
  /** Hash of the source file(s), e.g. `sha256:…`, for the record. */
  sourceHash: string;
}

export const DEFAULT_PREPARE: Readonly<PrepareOptions> = Object.freeze({
  ...DEFAULT_SPLIT,
  // docs/architecture.md §Sessions: 30 minutes, the web-analytics convention.
  gapMs: DEFAULT_GAP_MS,
  // Unnamed until the caller says which dataset this is; named datasets get published windows.
  dataset: 'unnamed',
  // Unknown unless the caller hashed the input (the CLI always does).
  sourceHash: '',
});

/** Reproducibility facts stored with the dataset (Zarr group attributes). */
export interface PreparedAttributes {
  readonly dataset: string;
  readonly source_hash: string;
  readonly clvlab_version: string;
  readonly value_target: EventLog['valueTarget'];
  readonly protocol: Split['protocol'];
  readonly start: string;
  readonly cutoff: string;
  readonly horizon: string;
  readonly gap: string;
  readonly start_ms: number;
  readonly cutoff_ms: number;
  readonly horizon_ms: number;
  readonly gap_ms: number;
  readonly seed: number;
  readonly fractions: readonly number[];
  readonly events: number;
  readonly customers: number;
  readonly sessions: number;
  readonly cohort: number;
}

/** Optional per-cohort-customer feature tables stored with a prepared dataset (rows follow split.customers). */
export interface PreparedFeatures {
  /** Social-graph features (`features/graph`), e.g. from @clvlab/social-graph's customerGraphFeatures. */
  readonly graph?: FeatureTable;
  /** RFM features (`features/rfm`), e.g. from @clvlab/baselines' rfmFeatures. */
  readonly rfm?: FeatureTable;
}

export interface PreparedDataset extends PreparedFeatures {
  readonly log: EventLog;
  readonly session: Int32Array;
  readonly offsets: Int32Array;
  readonly split: Split;
  readonly sessionCount: number;
  readonly attributes: PreparedAttributes;
}

/**
 * The clvlab version (recorded with every prepared dataset): every clvlab package and the root
 * move together (tools/version.ts), which also writes it into clvlab-version.ts.
 */
export function clvlabVersion(): string {
  return CLVLAB_VERSION;
}

/** Sessions, offsets, split and attributes for `log`. Cutoff/horizon default per DATASET_SPLITS[dataset]. */
export function prepareDataset(log: EventLog, options: Partial<PrepareOptions> = {}): PreparedDataset {
  const dataset = options.dataset ?? DEFAULT_PREPARE.dataset;
  // defaults ← the dataset's published window ← what the caller gave
  const o = resolveOptions(
    'sessions/prepare-dataset',
    { ...DEFAULT_PREPARE, ...datasetSplit(dataset, options) },
    options,
  );
  const session = splitSessions(log, o.gapMs);
  const offsets = customerOffsets(log);
  const splitOptions: SplitOptions = {
    protocol: o.protocol,
    start: o.start,
    cutoff: o.cutoff,
    horizon: o.horizon,
    seed: o.seed,
    fractions: o.fractions,
  };
  const split = evaluationSplit(log, splitOptions);
  const sessionCount = countSessions(log, session);
  const attributes: PreparedAttributes = Object.freeze({
    dataset: o.dataset,
    source_hash: o.sourceHash,
    clvlab_version: clvlabVersion(),
    value_target: log.valueTarget,
    protocol: split.protocol,
    start: new Date(split.start).toISOString(),
    cutoff: new Date(split.cutoff).toISOString(),
    horizon: formatDuration(split.horizon),
    gap: formatDuration(o.gapMs),
    start_ms: split.start,
    cutoff_ms: split.cutoff,
    horizon_ms: split.horizon,
    gap_ms: o.gapMs,
    seed: o.seed,
    fractions: Object.freeze([...o.fractions]),
    events: log.length,
    customers: log.customerIds.length,
    sessions: sessionCount,
    cohort: split.customers.length,
  });
  return Object.freeze({ log, session, offsets, split, sessionCount, attributes });
}
