// What travels between the benchmark's main thread and its cell workers. Datasets travel
// once per worker as typed arrays over SharedArrayBuffer (see shared-dataset.ts); a cell
// request is then just names and a seed, and a cell result is the model's predictions.
import type { EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import type { SealedPayload } from './sealed-task.ts';

/** A prepared dataset as the models see it (everything in ModelTask but the seed). */
export interface DatasetPayload {
  readonly id: string;
  readonly log: EventLog;
  readonly session: Int32Array;
  readonly offsets: Int32Array;
  readonly split: Split;
  /** Graph features before split.score.featureEnd, and before split.fit.featureEnd (temporal protocol; absent = graph). */
  readonly graph?: FeatureTable;
  readonly graphFit?: FeatureTable;
  /** Customer attributes per cohort customer (`+cov` models; static, known before the cutoff), when the dataset has them. */
  readonly covariates?: FeatureTable;
  /**
   * Cluster of each cohort customer for a cluster bootstrap (synthetic data: the generator's
   * community, within which outcomes are correlated). Runner-only: never sent to models.
   */
  readonly clusters?: Int32Array;
  /** Synthetic ground truth per cohort customer (aligned with split.customers), for `oracle`. */
  readonly oracle?: { readonly value: Float64Array; readonly repurchase: Float64Array };
  /**
   * The synthetic campaign at the cutoff per cohort customer: treatment flag and true uplift if
   * treated (record/campaign-results.ts). Runner-only: never sent to models.
   */
  readonly campaign?: { readonly treated: Uint8Array; readonly uplift: Float64Array };
}

/**
 * The log columns the runner reads once the models' sealed copy exists: scoring labels, segments
 * and decisions (label windows and the history kernel). See record-dataset.ts.
 */
export type RecordLog = Pick<EventLog, 'length' | 'customer' | 't' | 'type' | 'amount' | 'customerIds' | 'valueTarget'>;

/** A prepared dataset as the runner keeps it for scoring and the record: the log narrowed to RecordLog, no sessions. */
export type RecordPayload = Omit<DatasetPayload, 'log' | 'session'> & { readonly log: RecordLog };

export interface CellRequest {
  readonly datasetId: string;
  /** Model spec (`name` or `name:key=value…`). */
  readonly model: string;
  /** Run seed: picks the split's folds (already in `split`) and, with the dataset id, the model's randomness. */
  readonly seed: number;
  /** The sealed split of this seed (sealed-task.ts), over SharedArrayBuffer. */
  readonly split: Split;
  /** Tuning-trial config over the spec's overrides ({} = the spec as given). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Plugin files the worker loads before building the model (`bench --plugin`; absolute paths). */
  readonly plugins?: readonly string[];
}

export interface CellResult {
  /** Predicted value and repurchase score per cohort customer (aligned with split.customers). */
  readonly value: Float64Array;
  readonly repurchase: Float64Array;
  /** Model facts for the record, with large arrays removed (JSON-safe). */
  readonly info: Record<string, unknown>;
  /** Customer embeddings (cohort × dim, row-major) when the model exports them. */
  readonly embedding?: { readonly dim: number; readonly data: Float32Array };
  readonly wallMs: number;
  /** CPU time of the worker's own thread (Linux /proc/thread-self), else of the process. */
  readonly cpuMs: number;
  readonly cpuScope: 'thread' | 'process';
  /** Peak V8 heap of the worker isolate during the cell (sampled every 50 ms). */
  readonly peakHeapBytes: number;
  readonly backend: string;
}

export interface WorkerInfo {
  readonly threadId: number;
  readonly backend: string;
  readonly tfjsVersion: string;
}

export type ProgressFn = (fraction: number, message: string) => void;

export interface CellWorkerApi {
  init(): Promise<WorkerInfo>;
  /** Receives a dataset as models may see it: sealed (events before the cutoff only, no labels). */
  loadDataset(payload: SealedPayload): Promise<void>;
  runCell(request: CellRequest, progress: ProgressFn): Promise<CellResult>;
}
