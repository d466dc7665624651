// The generator's time loop, on a one-day grid. On day d an active customer i starts
// Poisson(Λ_i(d)) sessions, each a purchase session with probability λ*_i(d)/Λ_i(d):
//   λ*_i(d) = w(d)·λ_i·[E_i(d) = buying ? M_E : 1]·(1 + κ_S·S_i(d)/(σ + S_i(d))) / 7
//   Λ_i(d)  = λ*_i(d) + w(d)·b_i·[E_i(d) = considering ? B_E : 1] / 7     (all sessions/day)
// w = weekday multiplier. PLANTED SIGNAL (a), intent: E_i is a hidden shopping-intent
// regime, a three-state Markov chain (a Markov-modulated Poisson process, Fischer &
// Meier-Hellstern 1993): normal → considering at rate 1/engageWeeks, considering → buying
// at rate 1/considerWeeks, buying → normal at rate 1/engagedWeeks. Considering customers
// browse ×B_E and abandon a cart in a browse session with probability engagedCart (instead
// of cartProbability) but buy at their normal rate; buying customers purchase ×M_E. So
// carts without purchase near the cutoff announce a buying phase in the holdout that the
// purchase history (RFM) has not seen yet. PLANTED SIGNAL (b),
// contagion: after each day
//   S_i ← e^{−1/(7τ_S)}·S_i + Σ_j w_ij·orders_j(today) / Σ_j w_ij
// a decayed weighted mean of neighbours' orders whose effect saturates at ×(1+κ_S), which
// keeps the mutually exciting process (a multivariate Hawkes process, Hawkes 1971, on a
// daily grid) from exploding in dense, heavy-buying communities. Both act multiplicatively
// on the customer's own rate, so they re-rank valuable customers (what Gini measures).
// The same loop drives the main run (events emitted) and the oracle's re-simulations.
// CAMPAIGN (campaign.ts): with a `CampaignPass`, the customers it includes are simulated
// twice each day. The main pass runs them exactly as without a campaign (same draws of the
// main rng, so every other customer's events are unchanged) but emits none of their events:
// it is their untreated world, and only it feeds contagion (the campaign does not spread
// through the graph: no interference between customers). The treated pass then re-runs
// their sessions on the campaign's own rng and state, with the main pass's intent regime and
// social excitation of that day and the campaign's extra purchase-session rate added to λ*:
//   λ*_i,treated(d) = λ*_i(d) + w(d)·a_i·e^{−(d − d_cutoff)/(7τ_C)} / 7,
// so a treated customer's purchase sessions are the untreated process plus an independent
// Poisson process of campaign sessions (superposition), and its events are those of the
// treated pass.
import type { Rng } from '@clvlab/core';
import type { EventBuilder } from './event-builder.ts';
import { WEEKDAY_MULTIPLIER, sessionStartOffset } from './calendar.ts';
import type { Population } from './population.ts';
import { runSession, type SessionContext } from './run-session.ts';
import type { SimState } from './sim-state.ts';
import { MS_PER_DAY, type SynthOptions } from './synth-defaults.ts';

/** Minimum gap between sessions is 40 min (> the 30-minute rule), plus Exp(mean 40 min) when pushed. */
const MIN_SESSION_GAP_MS = 40 * 60_000;
const MAX_SESSIONS_PER_DAY = 32;
const starts = new Float64Array(MAX_SESSIONS_PER_DAY);
const kinds = new Uint8Array(MAX_SESSIONS_PER_DAY);

/**
 * The campaign's treated pass over the holdout (see header): customers with include[i] = 1
 * get `rate[i]` extra purchase sessions per week at the campaign's start day, decaying with
 * campaignWeeks; their sessions are drawn from `rng` into `state` (a copy of the state at the
 * campaign's start) and emitted into `builder` when given.
 */
export interface CampaignPass {
  readonly include: Uint8Array;
  readonly rate: Float64Array;
  readonly fromDay: number;
  readonly rng: Rng;
  readonly state: SimState;
  readonly builder: EventBuilder | null;
}

/** Simulates days [dayFrom, dayTo) in place on `state`, appending events to `builder` when given. */
export function simulateDays(
  pop: Population,
  o: SynthOptions,
  state: SimState,
  dayFrom: number,
  dayTo: number,
  rng: Rng,
  builder: EventBuilder | null,
  campaign: CampaignPass | null = null,
): void {
  const n = pop.n;
  const end = o.start + (o.calibrationWeeks + o.horizonWeeks) * 7 * MS_PER_DAY;
  const ctx: SessionContext = {
    rng,
    builder,
    state,
    favourite: pop.category,
    spendMean: pop.spendMean,
    categories: o.categories,
    itemsPerCategory: o.itemsPerCategory,
    tasteStrength: o.tasteStrength,
    cartProbability: o.cartProbability,
    engagedCart: o.engagedCart,
    returnProbability: o.returnProbability,
    spendShapeItem: o.spendShapeItem,
    cutoff: o.start + o.calibrationWeeks * 7 * MS_PER_DAY,
    end,
  };
  if (campaign && dayFrom < campaign.fromDay)
    throw new Error(
      `synth/simulate-days: the campaign starts on day ${campaign.fromDay}, not before it (day ${dayFrom})`,
    );
  // The main pass of campaign customers emits nothing (their events come from the treated pass).
  const untreated: SessionContext = campaign ? { ...ctx, builder: null } : ctx;
  const treated: SessionContext | null = campaign
    ? { ...ctx, rng: campaign.rng, builder: campaign.builder, state: campaign.state }
    : null;
  const kS = o.socialBoost,
    half = o.socialSaturation,
    mE = o.engagedBoost,
    bE = o.engagedBrowse;
  const decayS = Math.exp(-1 / (7 * o.socialWeeks));
  const pMove = new Float64Array([
    // daily probability of leaving state 0, 1, 2
    1 - Math.exp(-1 / (7 * o.engageWeeks)),
    1 - Math.exp(-1 / (7 * o.considerWeeks)),
    1 - Math.exp(-1 / (7 * o.engagedWeeks)),
  ]);
  const engaged = state.engaged;
  const { offsets, adj, adjWeight, strength } = pop.graph;
  const incoming = new Float64Array(n);
  const orders = state.purchasesToday;
  /** λ*_i(d) (purchase sessions today) for alive fraction × weekday multiplier f. */
  const purchaseIntensity = (i: number, f: number): number => {
    const si = state.social[i];
    return (f * pop.purchaseRate[i] * (engaged[i] === 2 ? mE : 1) * (1 + (kS * si) / (half + si))) / 7;
  };
  const browseIntensity = (i: number, f: number): number => (f * pop.browseRate[i] * (engaged[i] === 1 ? bE : 1)) / 7;
  for (let d = dayFrom; d < dayTo; d++) {
    const dayStart = o.start + d * MS_PER_DAY,
      dayEnd = dayStart + MS_PER_DAY;
    const w = WEEKDAY_MULTIPLIER[(4 + Math.floor(dayStart / MS_PER_DAY)) % 7]; // 1970-01-01 was a Thursday
    for (let i = 0; i < n; i++) {
      const join = pop.joinTime[i],
        dropout = state.dropout[i];
      if (join >= dayEnd || dropout <= dayStart) continue;
      const c = campaign !== null && campaign.include[i] === 1 ? untreated : ctx;
      if (join >= dayStart) {
        // acquisition session, the customer's first
        if (runSession(c, i, join, rng.next() < o.firstPurchase) > 0) orders[i]++;
        continue;
      }
      // Regime switch, drawn before today's sessions (a daily-grid Markov chain).
      if (rng.next() < pMove[engaged[i]]) engaged[i] = (engaged[i] + 1) % 3;
      const f = dropout >= dayEnd ? w : (w * (dropout - dayStart)) / MS_PER_DAY;
      const pr = purchaseIntensity(i, f);
      orders[i] += daySessions(c, i, dayStart, pr, pr + browseIntensity(i, f));
    }
    if (campaign !== null && treated !== null) {
      const lift = Math.exp(-(d - campaign.fromDay) / (7 * o.campaignWeeks)) / 7;
      const cs = campaign.state;
      for (let i = 0; i < n; i++) {
        const dropout = cs.dropout[i];
        if (campaign.include[i] !== 1 || pop.joinTime[i] >= dayStart || dropout <= dayStart) continue;
        cs.engaged[i] = engaged[i]; // the main pass's regime today (browse sessions read it for carts)
        const f = dropout >= dayEnd ? w : (w * (dropout - dayStart)) / MS_PER_DAY;
        const pr = purchaseIntensity(i, f) + f * campaign.rate[i] * lift;
        daySessions(treated, i, dayStart, pr, pr + browseIntensity(i, f));
      }
    }
    // Contagion: spread today's orders to neighbours as a strength-weighted mean.
    for (let j = 0; j < n; j++) {
      if (orders[j] === 0) continue;
      for (let e = offsets[j]; e < offsets[j + 1]; e++) {
        const i = adj[e];
        incoming[i] += (orders[j] * adjWeight[e]) / strength[i];
      }
    }
    for (let i = 0; i < n; i++) {
      state.social[i] = decayS * state.social[i] + incoming[i];
      incoming[i] = 0;
      orders[i] = 0;
    }
  }
}

/**
 * Poisson(total) sessions of customer i on the day starting at dayStart, each a purchase
 * session with probability pr / total, in start-time order; returns how many made a purchase.
 */
function daySessions(ctx: SessionContext, i: number, dayStart: number, pr: number, total: number): number {
  const { rng, state } = ctx;
  const k = Math.min(MAX_SESSIONS_PER_DAY, rng.poisson(total));
  if (k === 0) return 0;
  for (let s = 0; s < k; s++) {
    const off = sessionStartOffset(rng.next(), rng.next());
    const kind = rng.next() * total < pr ? 1 : 0;
    let j = s; // insertion sort by start time (k is tiny)
    while (j > 0 && starts[j - 1] > off) {
      starts[j] = starts[j - 1];
      kinds[j] = kinds[j - 1];
      j--;
    }
    starts[j] = off;
    kinds[j] = kind;
  }
  let purchased = 0;
  for (let s = 0; s < k; s++) {
    let t = dayStart + starts[s];
    if (t < state.lastEnd[i] + MIN_SESSION_GAP_MS)
      t = state.lastEnd[i] + MIN_SESSION_GAP_MS + Math.floor(rng.exponential() * MIN_SESSION_GAP_MS);
    if (t >= ctx.end) break;
    if (runSession(ctx, i, t, kinds[s] === 1) > 0) purchased++;
  }
  return purchased;
}
