// The oracle: expected holdout value E[max(0, purchases − returns in the holdout) | state at
// the cutoff] and P(at least one purchase in the holdout | state), estimated by Monte Carlo:
// the holdout is re-simulated `samples` times from a copy of the cutoff state with the very
// loop that generated the log (so it is consistent with the simulation by construction),
// each on its own rng stream. Remaining lifetimes are redrawn from Exp(μ_i), which is exact
// because the exponential lifetime is memoryless; customers already gone stay gone. With a
// campaign, a treated customer's oracle is that of its treated world: each sample also runs
// the campaign's treated pass for the treated customers (simulate-days.ts) on a stream of its
// own from the same lifetimes, so the oracle is the expected value of the holdout the log
// shows, and the untreated customers' numbers are those of the campaign-free world.
import { createRng, type Rng } from '@clvlab/core';
import type { Population } from './population.ts';
import { cloneSimState, type SimState } from './sim-state.ts';
import { simulateDays, type CampaignPass } from './simulate-days.ts';
import { MS_PER_WEEK, type SynthOptions } from './synth-defaults.ts';

/** First rng stream used by the oracle's re-simulations (one stream per sample after it). */
export const ORACLE_STREAM = 1000;
/** First rng stream of the treated passes of the oracle's re-simulations (one per sample). */
export const CAMPAIGN_ORACLE_STREAM = 2_000_000;
const MAX_TIME = Date.UTC(9999, 11, 31);

export interface OracleEstimate {
  readonly oracle: Float64Array;
  readonly oracleRepurchase: Float64Array;
}

/** Remaining lifetimes of the customers alive at `cutoff` redrawn from Exp(μ_i) (memoryless), in place. */
export function redrawLifetimes(pop: Population, state: SimState, cutoff: number, rng: Rng): void {
  for (let i = 0; i < pop.n; i++) {
    if (state.dropout[i] <= cutoff) continue;
    const life = (rng.exponential() / Math.max(pop.dropoutRate[i], 1e-12)) * MS_PER_WEEK;
    state.dropout[i] = Math.min(cutoff + Math.round(life), MAX_TIME);
  }
}

/** The treated customers and their campaign rates, for the treated pass of each sample. */
export interface OracleCampaign {
  readonly treated: Uint8Array;
  readonly rate: Float64Array;
}

/** Averages `o.oracleSamples` re-simulations of days [cutoffDay, endDay) from `atCutoff` (not modified). */
export function estimateOracle(
  pop: Population,
  o: SynthOptions,
  atCutoff: SimState,
  cutoffDay: number,
  endDay: number,
  campaign: OracleCampaign | null = null,
): OracleEstimate {
  const n = pop.n,
    samples = o.oracleSamples;
  const cutoff = o.start + cutoffDay * 86_400_000;
  const oracle = new Float64Array(n),
    oracleRepurchase = new Float64Array(n);
  if (samples === 0) return { oracle, oracleRepurchase };
  for (let m = 0; m < samples; m++) {
    const rng = createRng(o.seed, ORACLE_STREAM + m);
    const state = cloneSimState(atCutoff);
    redrawLifetimes(pop, state, cutoff, rng);
    const pass: CampaignPass | null = campaign && {
      include: campaign.treated,
      rate: campaign.rate,
      fromDay: cutoffDay,
      rng: createRng(o.seed, CAMPAIGN_ORACLE_STREAM + m),
      state: cloneSimState(state),
      builder: null,
    };
    simulateDays(pop, o, state, cutoffDay, endDay, rng, null, pass);
    for (let i = 0; i < n; i++) {
      const s = pass !== null && pass.include[i] === 1 ? pass.state : state;
      oracle[i] += Math.max(0, s.holdValue[i]);
      if (s.holdPurchases[i] > 0) oracleRepurchase[i] += 1;
    }
  }
  for (let i = 0; i < n; i++) {
    oracle[i] /= samples;
    oracleRepurchase[i] /= samples;
  }
  return { oracle, oracleRepurchase };
}
