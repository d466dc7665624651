// Worker-thread side of cellReplicates (cell-replicates.ts), started by the core worker pool:
// one cell's bootstrap replicates, returned by transfer (no copy back).
import { exposeToPool, transfer } from '@clvlab/core/node';
import type { BootstrapReplicates } from '@clvlab/metrics';
import { replicatesOf, type ReplicateTask } from './cell-replicates.ts';

export const replicatesWorkerApi = {
  replicates(task: ReplicateTask): BootstrapReplicates {
    const r = replicatesOf(task);
    return transfer({ ...r }, [r.point.buffer, r.replicates.buffer]);
  },
};
export type ReplicatesWorkerApi = typeof replicatesWorkerApi;

// Only when started by the pool (not when imported inside some other worker, e.g. a test runner's).
exposeToPool(replicatesWorkerApi);
