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

/** What one re-simulation of the holdout needs (cloneable: the parallel oracle posts it to workers). */
export interface OracleInput {
  readonly pop: Population;
  readonly o: SynthOptions;
  readonly atCutoff: SimState;
  readonly cutoffDay: number;
  readonly endDay: number;
  readonly campaign: OracleCampaign | null;
}

/** One re-simulation's contribution: max(0, holdout value) and 1 if it purchased, per customer. */
export interface OracleSample {
  readonly value: Float64Array;
  readonly repurchase: Uint8Array;
}

/** Re-simulation m of days [cutoffDay, endDay) from `atCutoff` (not modified), on its own rng streams. */
export function oracleSample(input: OracleInput, m: number): OracleSample {
  const { pop, o, atCutoff, cutoffDay, endDay, campaign } = input;
  const n = pop.n;
  const cutoff = o.start + cutoffDay * 86_400_000;
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
  const value = new Float64Array(n),
    repurchase = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = pass !== null && pass.include[i] === 1 ? pass.state : state;
    value[i] = Math.max(0, s.holdValue[i]);
    repurchase[i] = s.holdPurchases[i] > 0 ? 1 : 0;
  }
  return { value, repurchase };
}

/** Sums samples into an estimate; samples must be added in order m = 0, 1, … (float sums are order-dependent). */
export class OracleSum {
  readonly oracle: Float64Array;
  readonly oracleRepurchase: Float64Array;
  private added = 0;
  constructor(
    n: number,
    private readonly samples: number,
  ) {
    this.oracle = new Float64Array(n);
    this.oracleRepurchase = new Float64Array(n);
  }
  add(s: OracleSample): void {
    const { oracle, oracleRepurchase } = this;
    for (let i = 0; i < oracle.length; i++) {
      oracle[i] += s.value[i];
      oracleRepurchase[i] += s.repurchase[i];
    }
    this.added++;
  }
  /** The means over the samples. */
  result(): OracleEstimate {
    if (this.added !== this.samples)
      throw new Error(`synth/estimate-oracle: ${this.added} of ${this.samples} samples were added`);
    const { oracle, oracleRepurchase } = this;
    if (this.samples > 0)
      for (let i = 0; i < oracle.length; i++) {
        oracle[i] /= this.samples;
        oracleRepurchase[i] /= this.samples;
      }
    return { oracle, oracleRepurchase };
  }
}

/** Averages `o.oracleSamples` re-simulations of the holdout (oracleSample) on this thread. */
export function estimateOracle(input: OracleInput): OracleEstimate {
  const sum = new OracleSum(input.pop.n, input.o.oracleSamples);
  for (let m = 0; m < input.o.oracleSamples; m++) sum.add(oracleSample(input, m));
  return sum.result();
}
