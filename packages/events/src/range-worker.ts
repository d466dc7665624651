// Worker-thread side of a parallel read (read-ranges.ts), started by the core worker pool:
// parses one byte range into the shared columns (parse-range.ts). `ready` answers once the
// worker has started (its modules loaded), which is when the main thread splits the file.
import { exposeToPool } from '@clvlab/core/node';
import { parseRange } from './parse-range.ts';

export const rangeWorkerApi = { parseRange, ready: async (): Promise<true> => true };
export type RangeWorkerApi = typeof rangeWorkerApi;

// Only when started by the pool (not when imported inside some other worker, e.g. a test runner's).
exposeToPool(rangeWorkerApi);
