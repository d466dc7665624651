// Zeroed per-node accumulators on SharedArrayBuffer, so the same arrays serve this thread and the
// graph pool's workers (graph-pool.ts) without copies. Pure allocation: no worker code here, so
// the in-thread kernels (distance-totals.ts) need not load the pool.
import type { DistanceTotals } from './accumulate-distances.ts';

/** A zeroed Float64Array of length `n` on shared memory. */
export function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8)).subarray(0, n);
}

/** Allocates zeroed per-node totals on shared memory. */
export function sharedTotals(n: number): DistanceTotals {
  return { count: sharedF64(n), sum: sharedF64(n), inverse: sharedF64(n), square: sharedF64(n) };
}
