// The oracle's re-simulations (estimate-oracle.ts) on a pool of worker threads. Why: they are
// ~94% of generating the synthetic world at the defaults (32 re-simulations of the holdout
// against one simulation of the log: 136 of 146 s at 100,000 customers on the 2-core VM), and
// each is independent of the others, so they split across cores with no communication but
// the input (posted once per worker) and one value and one repurchase array per sample back.
// Samples are added in order m = 0, 1, … whatever order they finish in, so the estimate is
// bit-identical to the one-thread estimateOracle for every thread count.
import { WorkerPool, poolSize } from '@clvlab/core/node';
import {
  estimateOracle,
  OracleSum,
  type OracleEstimate,
  type OracleInput,
  type OracleSample,
} from './estimate-oracle.ts';
import type { OracleWorkerApi } from './oracle-worker.ts';

/** estimateOracle on `threads` worker threads (0 = one per core; 1 = this thread, no worker). */
export async function estimateOracleParallel(input: OracleInput, threads: number): Promise<OracleEstimate> {
  const samples = input.o.oracleSamples;
  const size = Math.min(poolSize(threads), samples);
  if (size <= 1) return estimateOracle(input);
  const pool = new WorkerPool<OracleWorkerApi>({
    entry: new URL('./oracle-worker.ts', import.meta.url),
    size,
    name: 'synth/estimate-oracle',
    unrefIdle: true,
    init: (api) => api.init(input),
  });
  try {
    const sum = new OracleSum(input.pop.n, samples);
    const jobs: Promise<OracleSample>[] = [];
    for (let m = 0; m < samples; m++) jobs.push(pool.submit((slot) => slot.api.sample(m)));
    for (const job of jobs) sum.add(await job); // in sample order: the float sums of the one-thread estimate
    return sum.result();
  } finally {
    await pool.close();
  }
}
