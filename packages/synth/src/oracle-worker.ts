// Worker-thread side of the parallel oracle (estimate-oracle-parallel.ts), started by the core
// worker pool: holds the oracle's input (posted once, at the worker's start) and runs the
// re-simulations it is given, returning each one's arrays by transfer (no copy back).
import { exposeToPool, transfer } from '@clvlab/core/node';
import { oracleSample, type OracleInput, type OracleSample } from './estimate-oracle.ts';

let input: OracleInput | null = null;

export const oracleWorkerApi = {
  init(given: OracleInput): void {
    input = given;
  },
  sample(m: number): OracleSample {
    if (input === null) throw new Error('synth/oracle-worker: sample() before init()');
    const s = oracleSample(input, m);
    return transfer(s, [s.value.buffer, s.repurchase.buffer]);
  },
};
export type OracleWorkerApi = typeof oracleWorkerApi;

// Only when started by the pool (not when imported inside some other worker, e.g. a test runner's).
exposeToPool(oracleWorkerApi);
