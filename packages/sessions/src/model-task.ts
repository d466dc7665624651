// The contract between the benchmark and every model (baselines, social-graph features,
// behavior encoder): one prepared dataset, one evaluation split, one seed in; one
// prediction per cohort customer out. Defined here because sessions owns the split
// (docs/architecture.md §Model task) and every model package already depends on sessions.
import type { EventLog } from '@clvlab/events';

/** Fold of a cohort customer in the seeded hash split (docs/architecture.md §Evaluation split). */
export const Fold = Object.freeze({ train: 0, valid: 1, test: 2 } as const);

/**
 * A labelled window: features may use events with t < featureEnd; labels are the value
 * (revenue floored at 0, or purchase count) and repurchase in [featureEnd, labelEnd).
 */
export interface LabelWindow {
  readonly featureEnd: number;
  readonly labelEnd: number;
  /** Per cohort customer (aligned with Split.customers). */
  readonly target: Float64Array;
  readonly repurchase: Uint8Array;
}

export interface Split {
  readonly protocol: 'cross-sectional' | 'temporal';
  /** Epoch ms: first event of the calibration window, the cutoff, and the holdout length. */
  readonly start: number;
  readonly cutoff: number;
  readonly horizon: number;
  /** Cohort: customers (indices into log.customerIds) with ≥ 1 purchase in [start, cutoff), ascending. */
  readonly customers: Int32Array;
  /** Fold per cohort customer (see Fold). */
  readonly fold: Uint8Array;
  /**
   * What supervised models learn from (train fold) and early-stop on (valid fold).
   * cross-sectional: featureEnd = cutoff, labels in [cutoff, cutoff + horizon).
   * temporal: featureEnd = cutoff − horizon, labels in [cutoff − horizon, cutoff).
   */
  readonly fit: LabelWindow;
  /** What every model is scored on (test fold): featureEnd = cutoff, labels in [cutoff, cutoff + horizon). */
  readonly score: LabelWindow;
}

/** Named per-customer feature columns, aligned with Split.customers. */
export interface FeatureTable {
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
}

/**
 * One tunable hyper-parameter of a model family (the tuner draws from these; see SearchSpace).
 * `choices`: one of the listed values. `min`/`max`: a number drawn uniformly on a linear or log
 * scale, rounded when `integer`.
 */
export type SearchDimension =
  | { readonly choices: readonly (number | string | boolean)[] }
  | { readonly min: number; readonly max: number; readonly scale: 'linear' | 'log'; readonly integer?: boolean };

/** A model family's search space as data (config key → dimension), like the presets. */
export type SearchSpace = Readonly<Record<string, SearchDimension>>;

/**
 * What a model receives. In the benchmark the task is SEALED (apps/benchmark sealed-task.ts):
 * the log holds no event at or after split.cutoff, and split.fit / split.score carry NaN targets
 * and 0 repurchase for test-fold customers, so no model output can depend on test labels. Only
 * the runner, which keeps the unsealed split, scores.
 */
export interface ModelTask {
  readonly log: EventLog;
  /** Session index per event (0 = the customer's first session). */
  readonly session: Int32Array;
  /** offsets[c]..offsets[c+1] are customer c's events in `log`. Length customers + 1. */
  readonly offsets: Int32Array;
  readonly split: Split;
  readonly seed: number;
  /**
   * Per-customer social-graph features computed from what is known before split.score.featureEnd
   * (for `+social` models), when the dataset has a graph.
   */
  readonly graph?: FeatureTable;
  /**
   * The same features computed before split.fit.featureEnd, for what a model learns from. Under the
   * temporal protocol the fit window ends earlier than the score window, so a model that trains on
   * split.fit must read these (absent = `graph`, which is right for the cross-sectional protocol).
   */
  readonly graphFit?: FeatureTable;
  /**
   * Time-invariant customer attributes (covariates for `+cov` models; `ingest --customers`),
   * known before the cutoff, so one table serves both windows; categorical attributes arrive as
   * k − 1 dummy columns. Absent when the dataset has none.
   */
  readonly covariates?: FeatureTable;
  /** Progress callback for long work: fraction in [0, 1] and a short message. */
  readonly progress?: (fraction: number, message: string) => void;
}

export interface ModelOutput {
  /** Predicted holdout value per cohort customer (aligned with Split.customers), ≥ 0. */
  readonly value: Float64Array;
  /** Repurchase score per cohort customer in [0, 1] (probability of ≥ 1 purchase in the horizon). */
  readonly repurchase: Float64Array;
  /** Customer embeddings, [cohort customers × dim] row-major, for models that learn them. */
  readonly embedding?: { readonly dim: number; readonly data: Float32Array };
  /** Model-specific facts for the record (fitted parameters, epochs, backend...). */
  readonly info?: Readonly<Record<string, unknown>>;
}

/** A benchmark model: a name, its fully resolved config, and a run function. */
export interface BenchModel {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  run(task: ModelTask): Promise<ModelOutput>;
}
