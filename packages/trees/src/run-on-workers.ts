// The worker-thread driver of a fit's steps (FitSteps; the in-thread one is runInThread): the
// calling thread and `workers − 1` threads of @clvlab/core's pool build every batch together,
// each a contiguous slice of every node's feature list (featureRange), into histograms on
// shared memory; then the fit resumes and finds the splits as before. Same steps, same
// summation order per (node, feature, bin): the model is bit-identical to runInThread's.
//
// The fit's first step (option checks, binning, the root's gradients) runs before any worker
// starts, so a bad input fails fast; the pool lives for one fit and is closed when it ends or
// fails, and its workers are unref'd while idle, so they never keep the process alive.
// Node-only (@clvlab/trees/node): the package entry stays free of worker_threads.
import { poolSize, WorkerPool, type PoolSlot } from '@clvlab/core/node';
import { buildHistogramBatch, type BatchRequest, type FitSteps } from './build-histogram-batch.ts';
import { runInThread } from './run-in-thread.ts';
import type { HistogramJob, HistogramWorkerApi } from './histogram-worker.ts';

/** Runs `steps(threads)` with `workers` histogram threads (0 = one per core), this one included. */
export async function runOnWorkers<T>(workers: number, steps: (threads: number) => FitSteps<T>): Promise<T> {
  const threads = poolSize(workers);
  if (threads === 1) return runInThread(steps(1));
  const fit = steps(threads);
  let step = fit.next();
  if (step.done) return step.value;
  const pool = new WorkerPool<HistogramWorkerApi>({
    entry: new URL('./histogram-worker.ts', import.meta.url),
    size: threads - 1,
    name: 'trees/run-on-workers',
    unrefIdle: true,
  });
  try {
    for (; !step.done; step = fit.next()) await buildOnPool(pool, step.value, threads);
    return step.value;
  } finally {
    await pool.close();
  }
}

/** Pool worker w builds part w + 1 of the batch while this thread builds part 0. */
async function buildOnPool(pool: WorkerPool<HistogramWorkerApi>, batch: BatchRequest, threads: number): Promise<void> {
  const jobs = Array.from({ length: pool.size }, (_, w) =>
    pool.submit((slot) => slot.api.build(jobFor(slot, batch, w + 1, threads)), { worker: w }),
  );
  const done = Promise.all(jobs);
  done.catch(() => undefined); // awaited below; a throw here must not leave it unhandled
  buildHistogramBatch(batch.view, batch, 0, threads);
  await done;
}

/** The batch for one worker, with the shared buffers it has not been sent yet. */
function jobFor(slot: PoolSlot<HistogramWorkerApi>, batch: BatchRequest, part: number, parts: number): HistogramJob {
  const { view, nodes, features } = batch;
  const first = !slot.sent.has('view');
  slot.sent.add('view');
  const hists: [number, Float64Array][] = [];
  for (let id = 0; id < view.hists.length; id++) {
    if (slot.sent.has(`hist ${id}`)) continue;
    slot.sent.add(`hist ${id}`);
    hists.push([id, view.hists[id]]);
  }
  const shared = first ? { bins: view.bins, n: view.n, rows: view.rows, nodeGh: view.nodeGh } : undefined;
  return { nodes, features, part, parts, view: shared, hists };
}
