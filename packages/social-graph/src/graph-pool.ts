// A pool of worker threads (comlink over node:worker_threads) running the source-parallel
// kernels. Sources are cut into chunks dealt round-robin (worker i takes chunks i, i + W,
// i + 2W, ...); each worker adds into its own SharedArrayBuffer output slot and the slots are
// summed at the end in worker order, so no lock is needed and the float sums do not depend on
// timing: same graph, sources and worker count → bit-identical totals. (A shared queue that
// idle workers pull from balanced load slightly better but made which worker summed which
// chunk — hence the last bits of harmonic and weighted totals — vary from run to run; many
// small chunks keep round-robin within a few per cent of it.)
// Workers are unref'd while idle, so a forgotten pool never keeps the process alive, and
// close() terminates them.
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { startTsWorker } from '@clvlab/events';
import * as Comlink from 'comlink';
import nodeAdapter from 'comlink/dist/umd/node-adapter.js';
import type { GraphWorkerApi } from './graph-worker.ts';
import type { CsrView, DistanceTotals } from './accumulate-distances.ts';

// The UMD file sets module.exports = nodeEndpoint; its .d.ts says `export default`, which
// NodeNext types as the module namespace, so the callable is cast back.
const nodeEndpoint = nodeAdapter as unknown as (typeof nodeAdapter)['default'];

interface Slot {
  readonly worker: Worker;
  readonly api: Comlink.Remote<GraphWorkerApi>;
  /** Rejects when the worker dies (load error, crash), so a call never waits forever. */
  readonly failed: Promise<never>;
}

function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8)).subarray(0, n);
}

/** Allocates zeroed per-node totals on shared memory. */
export function sharedTotals(n: number): DistanceTotals {
  return { count: sharedF64(n), sum: sharedF64(n), inverse: sharedF64(n), square: sharedF64(n) };
}

function spawn(): Worker {
  return startTsWorker(new URL('./graph-worker.ts', import.meta.url), { workerData: { clvlabGraphWorker: true } });
}

export class GraphPool {
  readonly size: number;
  private readonly slots: Slot[];

  constructor(size: number = availableParallelism()) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`social-graph/graph-pool: size must be a positive integer, got ${size}`);
    this.size = size;
    this.slots = Array.from({ length: size }, () => {
      const worker = spawn();
      worker.unref();
      const failed = new Promise<never>((_, reject) => {
        worker.once('error', (err) => reject(new Error(`social-graph/graph-pool: worker failed: ${err.message}`)));
        worker.once('exit', (code) => reject(new Error(`social-graph/graph-pool: worker exited with code ${code}`)));
      });
      failed.catch(() => undefined);
      return { worker, api: Comlink.wrap<GraphWorkerApi>(nodeEndpoint(worker)), failed };
    });
  }

  private async runChunks(total: number, chunk: number, job: (slot: Slot, index: number, from: number, to: number) => Promise<void>): Promise<void> {
    await Promise.all(this.slots.map(async (slot, index) => {
      slot.worker.ref();
      try {
        for (let from = index * chunk; from < total; from += this.size * chunk) {
          await Promise.race([job(slot, index, from, Math.min(total, from + chunk)), slot.failed]);
        }
      } finally {
        slot.worker.unref();
      }
    }));
  }

  /** Distance totals over all `sources` (see accumulateDistances), summed across workers. */
  async distances(csr: CsrView, sources: Int32Array, chunk = 256): Promise<{ totals: DistanceTotals; maxDistance: number }> {
    const parts = this.slots.map(() => sharedTotals(csr.n));
    const maxima = new Float64Array(this.size);
    await this.runChunks(sources.length, chunk, async (slot, i, from, to) => {
      maxima[i] = Math.max(maxima[i], await slot.api.distances(csr, sources, from, to, parts[i]));
    });
    const totals = parts[0];
    for (let p = 1; p < parts.length; p++) {
      for (const key of ['count', 'sum', 'inverse', 'square'] as const) {
        const a = totals[key], b = parts[p][key];
        for (let v = 0; v < csr.n; v++) a[v] += b[v];
      }
    }
    return { totals, maxDistance: Math.max(...maxima) };
  }

  /** Brandes dependencies over all `sources`, summed across workers. */
  async brandes(forward: CsrView, backward: CsrView, sources: Int32Array, chunk = 64): Promise<Float64Array> {
    const parts = this.slots.map(() => sharedF64(forward.n));
    await this.runChunks(sources.length, chunk, async (slot, i, from, to) => {
      await slot.api.brandes(forward, backward, sources, from, to, parts[i]);
    });
    const out = new Float64Array(forward.n);
    for (const part of parts) for (let v = 0; v < out.length; v++) out[v] += part[v];
    return out;
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map(async (s) => { s.api[Comlink.releaseProxy](); await s.worker.terminate(); }));
  }
}
