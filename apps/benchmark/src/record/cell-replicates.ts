// Every chosen cell's bootstrap replicates, which the record reads for one-seed intervals and
// every paired difference (compute-results.ts), on a pool of worker threads when the work is
// large. Each cell's replicates depend only on its seed's test customers and its predictions,
// so cells are independent jobs; the pool returns the very numbers computeResults would compute
// on this thread (the same function on the same inputs), whatever the thread count.
// Why: at 1M customers (186,643 test customers, 14 models × 1,000 resamples) they were ~1,000 s
// of the record on one thread, with a core idle (perf --suite scale, 2-core VM).
// Runner-only: these workers see test labels and predictions, never a model.
import { WorkerPool, poolSize } from '@clvlab/core/node';
import { bootstrapReplicates, DEFAULT_BOOTSTRAP, type BootstrapReplicates, type MetricInput } from '@clvlab/metrics';
import type { RecordDataset } from '../runner/record-dataset.ts';
import type { BenchCell } from '../runner/run-bench.ts';
import type { ReplicatesWorkerApi } from './replicates-worker.ts';
import { pickRows, testView, type TestView } from './test-view.ts';

/** What one cell's replicates are computed from. */
export interface ReplicateTask {
  readonly input: MetricInput;
  /** The cluster of each test customer (--cluster-bootstrap), else undefined. */
  readonly clusters?: Int32Array;
}

/** Below this many test customers × resamples over all cells, the replicates run on this thread (a pool's start costs ~0.5 s). */
export const POOL_MIN_WORK = 1e8;

/** The task of `cell` given its seed's test view and the dataset's clusters (per cohort customer) when clustered. */
export function replicateTask(cell: BenchCell, view: TestView, clusters: Int32Array | undefined): ReplicateTask {
  return {
    input: {
      actual: view.actual,
      predicted: pickRows(cell.stored.value, view.rows),
      repurchaseScore: pickRows(cell.stored.repurchase, view.rows),
      actualRepurchase: view.actualRepurchase,
    },
    clusters: clusters ? Int32Array.from(view.rows, (r) => clusters[r]) : undefined,
  };
}

/** One task's replicates (the record's bootstrap options: DEFAULT_BOOTSTRAP). */
export function replicatesOf(task: ReplicateTask): BootstrapReplicates {
  return bootstrapReplicates(task.input, { clusters: task.clusters }, 'pairedBootstrap');
}

/**
 * The replicates of every chosen cell of `datasets`, keyed by cell: on `threads` worker threads
 * (0 = one per core) when the work reaches POOL_MIN_WORK, else on this thread.
 */
export async function cellReplicates(
  datasets: readonly RecordDataset[],
  cells: readonly BenchCell[],
  folds: Readonly<Record<string, readonly Uint8Array[]>>,
  options: {
    readonly clusterBootstrap?: boolean;
    readonly threads?: number;
    /** Work (test customers × resamples) from which a pool is started (default POOL_MIN_WORK). */
    readonly minWork?: number;
  } = {},
): Promise<Map<BenchCell, BootstrapReplicates>> {
  const tasks: { cell: BenchCell; task: ReplicateTask }[] = [];
  for (const ds of datasets) {
    const views = new Map<number, TestView>();
    const clusters = options.clusterBootstrap ? ds.payload.clusters : undefined;
    for (const cell of cells) {
      if (cell.dataset !== ds.id || !cell.chosen) continue;
      let view = views.get(cell.seed);
      if (!view) views.set(cell.seed, (view = testView(ds.payload, folds[ds.id][cell.seed - 1])));
      tasks.push({ cell, task: replicateTask(cell, view, clusters) });
    }
  }
  const out = new Map<BenchCell, BootstrapReplicates>();
  const work = tasks.reduce((a, t) => a + t.task.input.actual.length, 0) * DEFAULT_BOOTSTRAP.resamples;
  const size = Math.min(poolSize(options.threads ?? 0), tasks.length);
  if (size <= 1 || work < (options.minWork ?? POOL_MIN_WORK)) {
    for (const { cell, task } of tasks) out.set(cell, replicatesOf(task));
    return out;
  }
  const pool = new WorkerPool<ReplicatesWorkerApi>({
    entry: new URL('./replicates-worker.ts', import.meta.url),
    size,
    name: 'benchmark/record-replicates',
    unrefIdle: true,
  });
  try {
    // Longest first (test customers), so the last job to finish is a short one.
    const order = [...tasks].sort((a, b) => b.task.input.actual.length - a.task.input.actual.length);
    await Promise.all(
      order.map(({ cell, task }) => pool.submit(async (slot) => out.set(cell, await slot.api.replicates(task)))),
    );
  } finally {
    await pool.close();
  }
  return out;
}
