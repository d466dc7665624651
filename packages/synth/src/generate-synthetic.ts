// Entry point of the synthetic generator (model and defaults: data/synthetic/README.md).
// Every random draw comes from createRng(seed, stream) with a fixed stream per stage, so the
// same options give byte-identical output: 1 graph, 2 latent traits, 3 events, 4 the
// campaign's assignment and responses, 5 the treated customers' holdout, 1000+ oracle,
// 2,000,000+ the oracle's treated passes (campaign.ts). The campaign's streams are its own, so
// `campaign: 0` gives the world without it, and with it only treated customers' holdout
// events (and their truth) differ.
import { createRng } from '@clvlab/core';
import { planCampaign, weeksSinceLastPurchase, CAMPAIGN_EVENTS_STREAM, type CampaignPlan } from './campaign.ts';
import { communityGraph, type CommunityGraph } from './community-graph.ts';
import type { EventLog } from '@clvlab/events';
import { EventBuilder } from './event-builder.ts';
import { estimateOracle, type OracleEstimate, type OracleInput } from './estimate-oracle.ts';
import { drawPopulation, type Population } from './population.ts';
import { cloneSimState, createSimState, type SimState } from './sim-state.ts';
import { simulateDays, type CampaignPass } from './simulate-days.ts';
import { MS_PER_DAY, MS_PER_WEEK, resolveSynthOptions, type SynthOptions } from './synth-defaults.ts';
import type { SyntheticData, SyntheticTruth } from './synthetic-data.ts';

/** The generated data with the generator's internals (tests re-simulate the holdout from them). */
export interface SyntheticWorld {
  readonly data: SyntheticData;
  readonly options: SynthOptions;
  readonly population: Population;
  /** Simulation state at the cutoff (before any holdout day). */
  readonly atCutoff: SimState;
  readonly cutoffDay: number;
  readonly endDay: number;
  /** The campaign, null with `campaign: 0`. */
  readonly campaign: CampaignPlan | null;
}

/** Generates the log, graph and ground truth for `options` (merged over SYNTH_DEFAULTS). */
export function generateSynthetic(options: Partial<SynthOptions> = {}): SyntheticData {
  return simulateWorld(options).data;
}

/** generateSynthetic with the internals kept. */
export function simulateWorld(options: Partial<SynthOptions> = {}): SyntheticWorld {
  const begun = beginWorld(options);
  return finishWorld(begun, estimateOracle(begun.oracleInput));
}

/** The simulated world before its oracle: the log, the states, and what the oracle's re-simulations need. */
export interface BegunWorld {
  readonly o: SynthOptions;
  readonly graph: CommunityGraph;
  readonly pop: Population;
  readonly state: SimState;
  readonly atCutoff: SimState;
  readonly log: EventLog;
  readonly campaign: CampaignPlan | null;
  readonly pass: CampaignPass | null;
  readonly oracleInput: OracleInput;
}

/** Simulates the log (calibration and holdout); the oracle is left to the caller (estimateOracle, or its parallel form in @clvlab/synth/node). */
export function beginWorld(options: Partial<SynthOptions> = {}): BegunWorld {
  const o = resolveSynthOptions(options);
  const n = o.customers;
  const graph = communityGraph(o, createRng(o.seed, 1));
  const pop = drawPopulation(o, graph, createRng(o.seed, 2));
  const calDays = o.calibrationWeeks * 7,
    endDay = calDays + o.horizonWeeks * 7;
  const cutoff = o.start + calDays * MS_PER_DAY;
  const state = createSimState(n, pop.dropoutTime);
  // ~40 events per customer at the defaults; the builder doubles when that is exceeded.
  const builder = new EventBuilder(Math.max(1 << 12, Math.min(1 << 24, n * 48)));
  const rng = createRng(o.seed, 3);
  simulateDays(pop, o, state, 0, calDays, rng, builder);
  const atCutoff = cloneSimState(state);
  const campaign =
    o.campaign === 1
      ? planCampaign(pop, o, weeksSinceLastPurchase(builder, pop.joinTime, cutoff), atCutoff.dropout, calDays, endDay)
      : null;
  const pass: CampaignPass | null = campaign && {
    include: campaign.treated,
    rate: campaign.rate,
    fromDay: calDays,
    rng: createRng(o.seed, CAMPAIGN_EVENTS_STREAM),
    state: cloneSimState(atCutoff),
    builder,
  };
  simulateDays(pop, o, state, calDays, endDay, rng, builder, pass);
  const oracleInput: OracleInput = {
    pop,
    o,
    atCutoff,
    cutoffDay: calDays,
    endDay,
    campaign: campaign && { treated: campaign.treated, rate: campaign.rate },
  };
  // The log is built before the oracle runs, so the builder's columns (with their doubling slack,
  // ~2.5 GB at 1M customers) are garbage while the re-simulations hold their own states.
  const log = builder.toEventLog(
    labels('u', n),
    labels('i', o.categories * o.itemsPerCategory),
    labels('c', o.categories),
  );
  return { o, graph, pop, state, atCutoff, log, campaign, pass: pass && { ...pass, builder: null }, oracleInput };
}

/** The world from a begun one and its oracle estimate. */
export function finishWorld(begun: BegunWorld, estimate: OracleEstimate): SyntheticWorld {
  const { o, graph, pop, state, atCutoff, log, campaign, pass } = begun;
  const { oracle, oracleRepurchase } = estimate;
  const n = o.customers;
  const calDays = begun.oracleInput.cutoffDay,
    endDay = begun.oracleInput.endDay;
  const cutoff = o.start + calDays * MS_PER_DAY;

  const dropoutProbability = new Float64Array(n),
    aliveAtCutoff = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    dropoutProbability[i] = 1 - Math.exp((-pop.dropoutRate[i] * (cutoff - pop.joinTime[i])) / MS_PER_WEEK);
    aliveAtCutoff[i] = pop.dropoutTime[i] > cutoff ? 1 : 0;
  }
  // A treated customer's sessions are those of its treated pass (the main pass emitted none of its holdout).
  const sessions =
    pass === null
      ? state.sessions
      : Int32Array.from(state.sessions, (s, i) => (pass.include[i] === 1 ? pass.state.sessions[i] : s));
  const truth: SyntheticTruth = Object.freeze({
    community: graph.community,
    joinTime: pop.joinTime,
    purchaseRate: pop.purchaseRate,
    browseRate: pop.browseRate,
    dropoutRate: pop.dropoutRate,
    dropoutProbability,
    dropoutTime: pop.dropoutTime,
    aliveAtCutoff,
    spendMean: pop.spendMean,
    category: pop.category,
    intentAtCutoff: atCutoff.engaged,
    socialAtCutoff: atCutoff.social,
    sessions,
    oracle,
    oracleRepurchase,
    treated: campaign?.treated ?? new Uint8Array(n),
    upliftValue: campaign?.uplift ?? new Float64Array(n),
  });
  const data: SyntheticData = Object.freeze({
    log,
    edges: graph.edges,
    truth,
    start: o.start,
    cutoff,
    horizon: o.horizonWeeks * MS_PER_WEEK,
  });
  return { data, options: o, population: pop, atCutoff, cutoffDay: calDays, endDay, campaign };
}

/** Zero-padded labels so that string order equals index order: u0000 … u4999. */
function labels(prefix: string, count: number): string[] {
  const width = String(Math.max(0, count - 1)).length;
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = prefix + String(i).padStart(width, '0');
  return out;
}
