// Worker-thread side of the graph pool: exposes the two source-parallel kernels to the core pool.
// Every typed array it receives lives on a SharedArrayBuffer (the CSR and the per-worker
// output slots), so a call moves no graph data: the worker reads the CSR in place and adds
// its results into its own output slot.
import { exposeToPool } from '@clvlab/core/node';
import { accumulateDistances, type CsrView, type DistanceTotals } from './accumulate-distances.ts';
import { brandesAccumulate } from './brandes-accumulate.ts';

export const graphWorkerApi = {
  /** Adds distance totals of sources[from..to) into acc; returns the largest distance seen. */
  distances(csr: CsrView, sources: Int32Array, from: number, to: number, acc: DistanceTotals): number {
    return accumulateDistances(csr, sources, from, to, acc);
  },
  /** Adds Brandes dependencies of sources[from..to) into out. */
  brandes(forward: CsrView, backward: CsrView, sources: Int32Array, from: number, to: number, out: Float64Array): void {
    brandesAccumulate(forward, backward, sources, from, to, out);
  },
};
export type GraphWorkerApi = typeof graphWorkerApi;

// Only when started by the pool (not when imported inside some other worker, e.g. a test runner's).
exposeToPool(graphWorkerApi);
