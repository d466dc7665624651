// The randomized campaign at the cutoff (issue 14): who is treated, how strongly each customer
// responds, and the true incremental holdout value of treating them.
//   - assignment: treated_i ~ Bernoulli(campaignShare), a seeded draw per customer;
//   - response: the campaign adds a_i = campaignRate · ρ_i purchase sessions per week at the
//     cutoff, decaying as e^{−t/campaignWeeks} (simulate-days.ts, treated pass), with
//       ρ_i = (1 − e^{−R_i/campaignLapseWeeks}) · D_i,
//     R_i the weeks from the customer's last purchase before the cutoff (from its join when it
//     never bought) and D_i ~ Gamma(k, 1/k) an unobserved response multiplier (mean 1; 1 when
//     k = 0). Lapsing and at-risk customers (long since their last order) respond most, loyal
//     recent buyers barely, and customers who have dropped out do not buy at all, so the true
//     uplift is not the same as high value (which recent, frequent buyers have);
//   - the true uplift U_i = E[treated holdout value − untreated holdout value | state at the
//     cutoff] in closed form: the campaign's sessions are an independent Poisson process
//     superposed on the untreated one (intent regime and social excitation are shared), so
//       U_i = [alive at cutoff] · v_i · Σ_d w(d)·a_i·e^{−(d − d_c)/(7τ_C)}/7 · e^{−μ_i(d − d_c)/7} · (1 − e^{−μ_i/7})/(μ_i/7),
//     over the holdout days d (w: weekday multiplier; the last two factors are the expected
//     share of day d the customer is still alive, the remaining lifetime being Exp(μ_i) by
//     memorylessness, as in the oracle) and v_i = (1 + EXTRA_ITEMS)·E[units]·spendMean_i·(1 −
//     returnProbability), the expected net value of one purchase session. Returns are what it
//     leaves out: a return is made at the customer's next session, so a campaign visit also
//     brings in returns of earlier purchases that would otherwise have fallen after the log's
//     end, and a campaign purchase is returned only when a later session falls inside the
//     holdout (also the floor at 0, sessions pushed past the end, at most 32 sessions a day).
//     tests/campaign.test.ts re-simulates the holdout with and without treatment (300
//     customers × 250 replicates): without returns U agrees within Monte Carlo error, per
//     customer and in total; at the defaults the total agrees too (−0.2%, standard error 0.9%;
//     the test allows 5% for the returns).
// Every draw comes from the campaign's own rng stream (CAMPAIGN_STREAM; its treated pass uses
// CAMPAIGN_EVENTS_STREAM), so the rest of the world is the campaign-free one.
import { createRng } from '@clvlab/core';
import { EventType } from '@clvlab/events';
import { WEEKDAY_MULTIPLIER } from './calendar.ts';
import type { EventBuilder } from './event-builder.ts';
import type { Population } from './population.ts';
import { EXTRA_ITEMS, EXTRA_UNITS, MULTIPLE_UNITS } from './run-session.ts';
import { MS_PER_DAY, MS_PER_WEEK, type SynthOptions } from './synth-defaults.ts';

/** Rng stream of the assignment and the response multipliers. */
export const CAMPAIGN_STREAM = 4;
/** Rng stream of the treated customers' holdout sessions in the generated log. */
export const CAMPAIGN_EVENTS_STREAM = 5;

export interface CampaignPlan {
  /** 1 = treated at the cutoff. */
  readonly treated: Uint8Array;
  /** a_i: extra purchase sessions per week at the cutoff if treated (campaignRate · ρ_i). */
  readonly rate: Float64Array;
  /** U_i: true incremental holdout value if treated (defined for every customer, treated or not). */
  readonly uplift: Float64Array;
}

/** Weeks from each customer's last purchase before `cutoff` (from the join when none) to the cutoff, from the builder's events. */
export function weeksSinceLastPurchase(builder: EventBuilder, joinTime: Float64Array, cutoff: number): Float64Array {
  const last = Float64Array.from(joinTime);
  for (let e = 0; e < builder.length; e++) {
    if (builder.type[e] === EventType.purchase && builder.t[e] < cutoff && builder.t[e] > last[builder.customer[e]])
      last[builder.customer[e]] = builder.t[e];
  }
  return last.map((t) => Math.max(0, cutoff - t) / MS_PER_WEEK);
}

/** Assignment, response rates and true uplift for the state at the cutoff (see header). */
export function planCampaign(
  pop: Population,
  o: SynthOptions,
  recencyWeeks: Float64Array,
  dropoutAtCutoff: Float64Array,
  cutoffDay: number,
  endDay: number,
): CampaignPlan {
  const n = pop.n;
  const rng = createRng(o.seed, CAMPAIGN_STREAM);
  const treated = new Uint8Array(n),
    rate = new Float64Array(n),
    uplift = new Float64Array(n);
  const k = o.campaignResponseShape;
  for (let i = 0; i < n; i++) {
    treated[i] = rng.next() < o.campaignShare ? 1 : 0;
    const hidden = k > 0 ? rng.gamma(k) / k : 1;
    rate[i] = o.campaignRate * (1 - Math.exp(-recencyWeeks[i] / o.campaignLapseWeeks)) * hidden;
  }
  // Σ_d w(d)·e^{−(d − d_c)/(7τ_C)}·e^{−μ(d − d_c)/7} depends on μ: per customer, one pass over the days.
  const cutoff = o.start + cutoffDay * MS_PER_DAY;
  const days = endDay - cutoffDay;
  const weekday = new Float64Array(days);
  for (let j = 0; j < days; j++)
    weekday[j] = WEEKDAY_MULTIPLIER[(4 + Math.floor((cutoff + j * MS_PER_DAY) / MS_PER_DAY)) % 7];
  const units = 1 - MULTIPLE_UNITS + MULTIPLE_UNITS * (2 + EXTRA_UNITS);
  const perSpend = (1 + EXTRA_ITEMS) * units * (1 - o.returnProbability);
  for (let i = 0; i < n; i++) {
    if (dropoutAtCutoff[i] <= cutoff || rate[i] === 0) continue;
    const mu = pop.dropoutRate[i] / 7; // per day
    const within = mu > 1e-12 ? -Math.expm1(-mu) / mu : 1;
    const step = Math.exp(-1 / (7 * o.campaignWeeks) - mu);
    let sum = 0,
      factor = 1;
    for (let j = 0; j < days; j++) {
      sum += weekday[j] * factor;
      factor *= step;
    }
    uplift[i] = perSpend * pop.spendMean[i] * (rate[i] / 7) * within * sum;
  }
  return { treated, rate, uplift };
}
