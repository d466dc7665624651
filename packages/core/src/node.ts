// @clvlab/core/node: the Node-only half of the kernel (file system, worker threads).
export { writeFileAtomic } from './write-file-atomic.ts';
export type { FileContent } from './write-file-atomic.ts';
export { replaceDirAtomic } from './replace-dir-atomic.ts';
export { startWorker } from './start-worker.ts';
export { poolSize } from './pool-size.ts';
export { WorkerPool } from './worker-pool.ts';
export type { JobOptions, PoolSlot, WorkerPoolOptions } from './worker-pool.ts';
export { exposeToPool } from './expose-to-pool.ts';
// The rest of the pool's comlink surface, so that only core depends on comlink.
export { proxy, transfer } from 'comlink';
export type { Remote } from 'comlink';
