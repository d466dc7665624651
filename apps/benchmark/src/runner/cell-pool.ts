// The benchmark's cell workers on the core worker pool (docs/architecture.md §Runtime: one
// pool, one worker per core by default). Each worker sets up its own TensorFlow.js backend
// before its first cell (init); cells queue in submission order and each idle worker takes the
// next one. A worker that dies fails its current cell with a clear message, and a cell over
// its time limit has its worker terminated and replaced, so one hung model cannot stall a run.
import { WorkerPool, type PoolSlot } from '@clvlab/core/node';
import type { CellWorkerApi, WorkerInfo } from './cell-protocol.ts';

export type CellPool = WorkerPool<CellWorkerApi, WorkerInfo>;
/** One cell worker as a job sees it; `sent` holds the ids of the datasets already loaded there. */
export type CellSlot = PoolSlot<CellWorkerApi, WorkerInfo>;

/** Starts `size` cell workers (0 = one per core). */
export function createCellPool(size = 0): CellPool {
  return new WorkerPool<CellWorkerApi, WorkerInfo>({
    entry: new URL('./cell-worker.ts', import.meta.url),
    size,
    name: 'benchmark/worker-pool',
    init: (api) => api.init(),
  });
}
