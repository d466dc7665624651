// How many worker threads a pool gets, decided in one place: an explicit count is used as
// given, and 0 means "one per core", resolved when the pool is made (never at module load, so
// that a defaults object stays plain data and a browser bundle never calls into node:os).
import { availableParallelism } from 'node:os';

/** `workers` as a thread count: a positive integer as given, 0 = the machine's cores. */
export function poolSize(workers: number): number {
  if (workers === 0) return availableParallelism();
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new Error(`core/pool-size: workers must be 0 (one per core) or a positive integer, got ${workers}`);
  return workers;
}
