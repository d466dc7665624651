// The contract between the benchmark and every model (baselines, social-graph features,
// behavior encoder): one prepared dataset, one evaluation split, one seed in; one
// prediction per cohort customer out. Defined here because sessions owns the split
// (DESIGN §3) and every model package already depends on sessions.
import type { EventLog } from '@clvlab/events';

/** Fold of a cohort customer in the seeded hash split (DESIGN §3, default 60/20/20). */
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

export interface ModelTask {
  readonly log: EventLog;
  /** Session index per event (0 = the customer's first session). */
  readonly session: Int32Array;
  /** offsets[c]..offsets[c+1] are customer c's events in `log`. Length customers + 1. */
  readonly offsets: Int32Array;
  readonly split: Split;
  readonly seed: number;
  /** Per-customer social-graph features, when the dataset has a graph (for `+social` models). */
  readonly graph?: FeatureTable;
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
