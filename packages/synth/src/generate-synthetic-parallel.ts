// generateSynthetic with the oracle's re-simulations on worker threads (estimate-oracle-parallel.ts):
// the same world, bit for bit, for every thread count.
import { beginWorld, finishWorld } from './generate-synthetic.ts';
import { estimateOracleParallel } from './estimate-oracle-parallel.ts';
import type { SynthOptions } from './synth-defaults.ts';
import type { SyntheticData } from './synthetic-data.ts';

export interface ParallelSynthOptions {
  readonly workers: number;
  readonly minCustomerSamples: number;
}

export const DEFAULT_PARALLEL_SYNTH: Readonly<ParallelSynthOptions> = Object.freeze({
  /** Threads for the oracle's re-simulations: 0 = one per core, 1 = this thread. */
  workers: 0,
  /**
   * Below this many customer-samples (customers × oracleSamples) the oracle stays on this thread:
   * a worker's start (tsx, ~0.3–0.5 s) is then more than it saves. A re-simulation costs ~42 µs per
   * customer (4.2 s per sample at 100,000 customers, 2-core VM), so 100,000 is ~4 s of work.
   */
  minCustomerSamples: 100_000,
});

/** generateSynthetic(options), its oracle on `workers` threads. */
export async function generateSyntheticParallel(
  options: Partial<SynthOptions> = {},
  parallel: Partial<ParallelSynthOptions> = {},
): Promise<SyntheticData> {
  const { workers, minCustomerSamples } = { ...DEFAULT_PARALLEL_SYNTH, ...parallel };
  const begun = beginWorld(options);
  const { o } = begun;
  const threads = o.customers * o.oracleSamples < minCustomerSamples ? 1 : workers;
  return finishWorld(begun, await estimateOracleParallel(begun.oracleInput, threads)).data;
}
