// social-graph's source-parallel kernels on the core worker pool (@clvlab/core/node). Sources
// are cut into chunks dealt round-robin (core's forEachChunk: worker i takes chunks i, i + W,
// …, in order); each worker adds into its own SharedArrayBuffer output slot and the slots are
// summed at the end in worker order, so no lock is needed and the float sums do not depend on
// timing: same graph, sources and worker count → bit-identical totals. Workers are unref'd
// while idle, so a forgotten pool never keeps the process alive, and close() terminates them.
import { WorkerPool } from '@clvlab/core/node';
import type { GraphWorkerApi } from './graph-worker.ts';
import type { CsrView, DistanceTotals } from './accumulate-distances.ts';
import { sharedF64, sharedTotals } from './shared-totals.ts';

export class GraphPool {
  readonly size: number;
  private readonly pool: WorkerPool<GraphWorkerApi>;

  /** `size` worker threads; 0 = one per core. */
  constructor(size = 0) {
    this.pool = new WorkerPool<GraphWorkerApi>({
      entry: new URL('./graph-worker.ts', import.meta.url),
      size,
      name: 'social-graph/graph-pool',
      unrefIdle: true,
    });
    this.size = this.pool.size;
  }

  /** Distance totals over all `sources` (see accumulateDistances), summed across workers. */
  async distances(
    csr: CsrView,
    sources: Int32Array,
    chunk = 256,
  ): Promise<{ totals: DistanceTotals; maxDistance: number }> {
    const parts = Array.from({ length: this.size }, () => sharedTotals(csr.n));
    const maxima = new Float64Array(this.size);
    await this.pool.forEachChunk(sources.length, chunk, async (slot, from, to) => {
      const i = slot.index;
      maxima[i] = Math.max(maxima[i], await slot.api.distances(csr, sources, from, to, parts[i]));
    });
    const totals = parts[0];
    for (let p = 1; p < parts.length; p++) {
      for (const key of ['count', 'sum', 'inverse', 'square'] as const) {
        const a = totals[key],
          b = parts[p][key];
        for (let v = 0; v < csr.n; v++) a[v] += b[v];
      }
    }
    return { totals, maxDistance: Math.max(...maxima) };
  }

  /** Brandes dependencies over all `sources`, summed across workers. */
  async brandes(forward: CsrView, backward: CsrView, sources: Int32Array, chunk = 64): Promise<Float64Array> {
    const parts = Array.from({ length: this.size }, () => sharedF64(forward.n));
    await this.pool.forEachChunk(sources.length, chunk, async (slot, from, to) => {
      await slot.api.brandes(forward, backward, sources, from, to, parts[slot.index]);
    });
    const out = new Float64Array(forward.n);
    for (const part of parts) for (let v = 0; v < out.length; v++) out[v] += part[v];
    return out;
  }

  /** Terminates every worker. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
