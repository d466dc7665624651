// Optional static (per-customer) inputs for the ZILN head: the RFM columns of the history
// kernel (@clvlab/features rfmColumns: the same recency, frequency, monetary and tenure every
// RFM baseline reads) at featureEnd (`+rfm`) and the task's social-graph columns (`+social`): task.graph
// at split.score.featureEnd, task.graphFit (absent = graph) at split.fit.featureEnd, so under the
// temporal protocol training never sees graph features from after its own feature cutoff.
// Values are signed-log1p'd then standardised with statistics of the train fold's rows only
// (stored in the trained model, so a loaded model scales new data exactly as in training).
import { rfmColumns } from '@clvlab/features';
import type { ModelTask } from '@clvlab/sessions';
import type { EncoderConfig } from '../adapters/encoder-config.ts';

export interface StaticFeatures {
  readonly names: readonly string[];
  /** [rows × names.length], row-major. */
  readonly values: Float32Array;
}

const slog = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));

/** The parts of a task the static inputs read (a store block supplies just these). */
export interface StaticFeatureSource {
  readonly log: Pick<ModelTask['log'], 't' | 'type' | 'amount' | 'valueTarget' | 'customerIds'>;
  readonly offsets: ArrayLike<number>;
  readonly split: Pick<ModelTask['split'], 'customers' | 'start'>;
  readonly graph?: ModelTask['graph'];
}

/** Raw (unstandardised) static features for every cohort customer at `featureEnd`. */
export function buildStaticFeatures(
  task: StaticFeatureSource,
  featureEnd: number,
  c: Readonly<EncoderConfig>,
): StaticFeatures {
  const names: string[] = [];
  const cols: Float64Array[] = [];
  const rows = task.split.customers.length;
  if (c.useRfm && rows > 0) {
    const rfm = rfmColumns(task.log, task.offsets, task.split.customers, task.split.start, featureEnd);
    names.push('rfm.recency_days', 'rfm.frequency', 'rfm.monetary', 'rfm.tenure_days');
    cols.push(rfm.recency, rfm.frequency, rfm.monetary, rfm.tenure);
  }
  if (c.useSocial) {
    if (task.graph === undefined)
      throw new Error(
        'behavior-encoder/static-features: useSocial (+social) needs task.graph, but the task has no graph features',
      );
    task.graph.names.forEach((n, i) => {
      if (task.graph!.columns[i].length !== rows)
        throw new Error(
          `behavior-encoder/static-features: graph column '${n}' has ${task.graph!.columns[i].length} rows, expected ${rows}`,
        );
      names.push(`social.${n}`);
      cols.push(task.graph!.columns[i]);
    });
  }
  const k = names.length;
  const values = new Float32Array(rows * k);
  for (let j = 0; j < k; j++) {
    for (let r = 0; r < rows; r++) {
      const v = cols[j][r];
      if (Number.isNaN(v))
        throw new Error(
          `behavior-encoder/static-features: NaN in '${names[j]}' for customer '${task.log.customerIds[task.split.customers[r]]}'`,
        );
      values[r * k + j] = slog(v);
    }
  }
  return Object.freeze({ names, values });
}

/** A task's label windows: `fit` (what a model learns from) and `score` (what it predicts for). */
export type TaskWindow = 'fit' | 'score';

/** The graph features known at a window's feature cutoff: graphFit (absent = graph) for `fit`, graph for `score`. */
export function graphAt(task: Pick<ModelTask, 'graph' | 'graphFit'>, window: TaskWindow): ModelTask['graph'] {
  return window === 'fit' ? (task.graphFit ?? task.graph) : task.graph;
}

/** Raw static features of a task's cohort at the window's featureEnd, with the graph features known then (graphAt). */
export function taskStaticFeatures(task: ModelTask, window: TaskWindow, c: Readonly<EncoderConfig>): StaticFeatures {
  return buildStaticFeatures(
    { ...task, graph: c.useSocial ? graphAt(task, window) : undefined },
    task.split[window].featureEnd,
    c,
  );
}

/**
 * Column means and standard deviations (std floored at 1e-6) of a [rows × k] table, over the
 * given rows (the train fold: nothing of the valid or test rows enters the scaling), else all.
 */
export function columnStats(
  values: Float32Array,
  k: number,
  over?: ArrayLike<number>,
): { mean: Float32Array; std: Float32Array } {
  const rows = over !== undefined ? over.length : k === 0 ? 0 : values.length / k;
  const mean = new Float32Array(k),
    std = new Float32Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0,
      s2 = 0;
    for (let i = 0; i < rows; i++) {
      const v = values[(over !== undefined ? over[i] : i) * k + j];
      s += v;
      s2 += v * v;
    }
    const m = rows > 0 ? s / rows : 0;
    mean[j] = m;
    std[j] = Math.max(1e-6, Math.sqrt(Math.max(0, rows > 0 ? s2 / rows - m * m : 0)));
  }
  return { mean, std };
}

/** Standardises in place with the given statistics. */
export function standardize(values: Float32Array, mean: Float32Array, std: Float32Array): Float32Array {
  const k = mean.length;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] - mean[i % k]) / std[i % k];
  return values;
}
