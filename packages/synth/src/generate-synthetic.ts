// Entry point of the synthetic generator (model and defaults: data/synthetic/README.md).
// Every random draw comes from createRng(seed, stream) with a fixed stream per stage, so the
// same options give byte-identical output: 1 graph, 2 latent traits, 3 events, 1000+ oracle.
import { createRng } from '@clvlab/core';
import { communityGraph } from './community-graph.ts';
import { EventBuilder } from './event-builder.ts';
import { estimateOracle } from './estimate-oracle.ts';
import { drawPopulation } from './population.ts';
import { cloneSimState, createSimState } from './sim-state.ts';
import { simulateDays } from './simulate-days.ts';
import { MS_PER_DAY, MS_PER_WEEK, resolveSynthOptions, type SynthOptions } from './synth-defaults.ts';
import type { SyntheticData, SyntheticTruth } from './synthetic-data.ts';

/** Generates the log, graph and ground truth for `options` (merged over SYNTH_DEFAULTS). */
export function generateSynthetic(options: Partial<SynthOptions> = {}): SyntheticData {
  const o = resolveSynthOptions(options);
  const n = o.customers;
  const graph = communityGraph(o, createRng(o.seed, 1));
  const pop = drawPopulation(o, graph, createRng(o.seed, 2));
  const calDays = o.calibrationWeeks * 7, endDay = calDays + o.horizonWeeks * 7;
  const cutoff = o.start + calDays * MS_PER_DAY;
  const state = createSimState(n, pop.dropoutTime);
  // ~40 events per customer at the defaults; the builder doubles when that is exceeded.
  const builder = new EventBuilder(Math.max(1 << 12, Math.min(1 << 24, n * 48)));
  const rng = createRng(o.seed, 3);
  simulateDays(pop, o, state, 0, calDays, rng, builder);
  const atCutoff = cloneSimState(state);
  simulateDays(pop, o, state, calDays, endDay, rng, builder);
  const { oracle, oracleRepurchase } = estimateOracle(pop, o, atCutoff, calDays, endDay);

  const dropoutProbability = new Float64Array(n), aliveAtCutoff = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    dropoutProbability[i] = 1 - Math.exp((-pop.dropoutRate[i] * (cutoff - pop.joinTime[i])) / MS_PER_WEEK);
    aliveAtCutoff[i] = pop.dropoutTime[i] > cutoff ? 1 : 0;
  }
  const truth: SyntheticTruth = Object.freeze({
    community: graph.community, joinTime: pop.joinTime, purchaseRate: pop.purchaseRate, browseRate: pop.browseRate,
    dropoutRate: pop.dropoutRate, dropoutProbability, dropoutTime: pop.dropoutTime, aliveAtCutoff,
    spendMean: pop.spendMean, category: pop.category, intentAtCutoff: atCutoff.engaged, socialAtCutoff: atCutoff.social,
    sessions: state.sessions, oracle, oracleRepurchase,
  });
  const log = builder.toEventLog(
    labels('u', n), labels('i', o.categories * o.itemsPerCategory), labels('c', o.categories),
  );
  return Object.freeze({
    log, edges: graph.edges, truth, start: o.start, cutoff, horizon: o.horizonWeeks * MS_PER_WEEK,
  });
}

/** Zero-padded labels so that string order equals index order: u0000 … u4999. */
function labels(prefix: string, count: number): string[] {
  const width = String(Math.max(0, count - 1)).length;
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = prefix + String(i).padStart(width, '0');
  return out;
}
