// The shared graph pools, one per thread count, made on first use (Node only: worker threads
// through @clvlab/core/node). distance-totals.ts and betweenness.ts import this module lazily,
// only when a call asks for more than one worker, so `@clvlab/social-graph` loads without
// node: modules (docs/architecture.md §Runtime); `@clvlab/social-graph/node` exports the pool.
import { poolSize } from '@clvlab/core/node';
import { GraphPool } from './graph-pool.ts';

export { poolSize };

const pools = new Map<number, GraphPool>();

/** The shared pool of a given size (0 = one per core; created on first use). */
export function graphPool(size: number): GraphPool {
  const n = poolSize(size);
  let pool = pools.get(n);
  if (!pool) {
    pool = new GraphPool(n);
    pools.set(n, pool);
  }
  return pool;
}

/** Whether the shared pool of `threads` workers (a resolved count) is already running. */
export function hasGraphPool(threads: number): boolean {
  return pools.has(threads);
}

/** Terminates the shared pools (idle workers never block exit, but tests close them). */
export async function closeGraphPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}
