// The oracle: expected holdout value E[max(0, purchases − returns in the holdout) | state at
// the cutoff] and P(at least one purchase in the holdout | state), estimated by Monte Carlo:
// the holdout is re-simulated `samples` times from a copy of the cutoff state with the very
// loop that generated the log (so it is consistent with the simulation by construction),
// each on its own rng stream. Remaining lifetimes are redrawn from Exp(μ_i), which is exact
// because the exponential lifetime is memoryless; customers already gone stay gone.
import { createRng } from '@clvlab/core';
import type { Population } from './population.ts';
import { cloneSimState, type SimState } from './sim-state.ts';
import { simulateDays } from './simulate-days.ts';
import { MS_PER_WEEK, type SynthOptions } from './synth-defaults.ts';

/** First rng stream used by the oracle's re-simulations (one stream per sample after it). */
export const ORACLE_STREAM = 1000;
const MAX_TIME = Date.UTC(9999, 11, 31);

export interface OracleEstimate {
  readonly oracle: Float64Array;
  readonly oracleRepurchase: Float64Array;
}

/** Averages `o.oracleSamples` re-simulations of days [cutoffDay, endDay) from `atCutoff` (not modified). */
export function estimateOracle(pop: Population, o: SynthOptions, atCutoff: SimState, cutoffDay: number, endDay: number): OracleEstimate {
  const n = pop.n, samples = o.oracleSamples;
  const cutoff = o.start + cutoffDay * 86_400_000;
  const oracle = new Float64Array(n), oracleRepurchase = new Float64Array(n);
  if (samples === 0) return { oracle, oracleRepurchase };
  for (let m = 0; m < samples; m++) {
    const rng = createRng(o.seed, ORACLE_STREAM + m);
    const state = cloneSimState(atCutoff);
    for (let i = 0; i < n; i++) {
      if (state.dropout[i] <= cutoff) continue;
      const life = (rng.exponential() / Math.max(pop.dropoutRate[i], 1e-12)) * MS_PER_WEEK;
      state.dropout[i] = Math.min(cutoff + Math.round(life), MAX_TIME);
    }
    simulateDays(pop, o, state, cutoffDay, endDay, rng, null);
    for (let i = 0; i < n; i++) {
      oracle[i] += Math.max(0, state.holdValue[i]);
      if (state.holdPurchases[i] > 0) oracleRepurchase[i] += 1;
    }
  }
  for (let i = 0; i < n; i++) { oracle[i] /= samples; oracleRepurchase[i] /= samples; }
  return { oracle, oracleRepurchase };
}
