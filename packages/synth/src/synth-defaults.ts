// Defaults of the synthetic e-commerce generator (data/synthetic/README.md gives the model).
// Rates are per week; the simulation runs on a one-day grid. Sizes are chosen so that the
// default benchmark (several baselines plus small tfjs sequence models on 2 cores) stays
// within its 3-minute budget while its test fold is large enough for paired intervals to
// separate the planted signals (data/synthetic/README.md, "Planted signals").
// Tuned 2026-11-23 (issue 4/5): the session-1 settings planted signals that even ideal
// hand-made features lifted by only ~0.01 normalized Gini on ~950 test customers, below
// what paired bootstrap intervals resolve; see the README for the measured before/after.

import { resolveOptions } from '@clvlab/core';

const WEEK_MS = 7 * 86_400_000;

const defaults = {
  /** Customers; 10,000 gives ~1,900 test customers (20% of the cohort): at 5,000 the +social paired interval excluded 0 on 2–3 of 4 data seeds, at 10,000 on 4 of 4. */
  customers: 10000,
  /** Seed of every random stream (graph, latent traits, events, oracle). */
  seed: 42,
  /** First day of the log, epoch ms UTC (2024-01-01, a Monday: weekday seasonality lines up). */
  start: Date.UTC(2024, 0, 1),
  /** Calibration length in weeks; the split cutoff is start + calibration (one year, like CDNOW's). */
  calibrationWeeks: 52,
  /** Holdout horizon in weeks (half a year: long enough for the planted signals to pay off). */
  horizonWeeks: 26,
  /** Customers join uniformly over the first this-many weeks (cohorts of different ages, as in BTYD data). */
  joinWeeks: 30,
  /** Social-graph communities (degree-corrected SBM blocks); ~200 customers each at the default size. */
  communities: 24,
  /** Mean degree before self-loops and duplicate edges are dropped (~5 after: hubs draw many duplicates). */
  meanDegree: 8,
  /** Pareto tail index of the degree propensity: < 3 gives a heavy tail with hubs. */
  degreeTail: 2.2,
  /** Share of edge endpoints drawn inside the first endpoint's community (modularity). */
  intraCommunity: 0.85,
  /** Gamma shape r of the base purchase rate λ (BTYD heterogeneity). 2: with very skewed λ the customer's own frequency explains so much that the planted mechanisms barely re-rank anyone. */
  purchaseShape: 2,
  /** Mean base purchase rate per week (before intent and social excitation; 0.005 so that the intent and social multipliers keep ~80 events per customer). */
  purchaseRate: 0.005,
  /** Std-dev of a community's log-multiplier on λ (homophily: neighbours are alike). */
  communityEffect: 0.3,
  /** Gamma shape of the browse-session rate. */
  browseShape: 1.5,
  /** Mean rate per week of browse sessions (views, sometimes a cart, no purchase). */
  browseRate: 0.12,
  /** Gamma shape s of the dropout rate μ (Pareto/NBD-style exponential lifetime). */
  dropoutShape: 1.5,
  /** Mean dropout rate per week (mean lifetime ~1/0.015 ≈ 67 weeks before heterogeneity). */
  dropoutRate: 0.015,
  /** Probability that the acquisition (first) session is a purchase. */
  firstPurchase: 0.85,
  /** Mean spend per purchased item (money); per-customer mean is inverse-gamma around it. */
  spendMean: 35,
  /** Gamma shape q of the per-customer spend scale (gamma-gamma heterogeneity; > 1). */
  spendShapeCustomer: 6,
  /** Gamma shape p of an item's price given the customer's mean (within-customer spread). */
  spendShapeItem: 4,
  /** Probability that a purchased item is returned at the customer's next session. */
  returnProbability: 0.04,
  /** Probability that a browse session outside the intent regime abandons a cart. */
  cartProbability: 0.05,
  /** PLANTED SIGNAL (a): mean weeks in the normal regime before a shopping intent starts (considering). 20: rarer intents make an observed one more informative. */
  engageWeeks: 20,
  /** Mean weeks of considering (browsing, abandoned carts, no extra buying) before the buying phase. */
  considerWeeks: 4,
  /** Mean weeks of the buying phase: long enough to reach well into the holdout. */
  engagedWeeks: 10,
  /** Purchase-rate multiplier in the buying phase (20). */
  engagedBoost: 20,
  /** Browse-rate multiplier while considering (more visits, more carts to see). */
  engagedBrowse: 6,
  /** Probability that a browse session while considering ends with an abandoned cart. */
  engagedCart: 0.8,
  /** PLANTED SIGNAL (b): neighbours' recent orders multiply the rate by up to 1 + socialBoost (15). */
  socialBoost: 15,
  /** Half-saturation of the social effect, in (decayed, weighted-mean) neighbour orders (3: nearly linear over the usual range, so it differentiates instead of saturating for everyone). */
  socialSaturation: 3,
  /** Decay time (weeks) of social excitation (13: half the holdout, so the state at the cutoff still matters in it). */
  socialWeeks: 13,
  /** Product categories. */
  categories: 20,
  /** Items per category (popularity within a category is skewed). */
  itemsPerCategory: 200,
  /** Probability that a viewed item comes from the customer's favourite category. */
  tasteStrength: 0.6,
  /** Monte Carlo re-simulations of the holdout from the cutoff state for the oracle (0 = skip). */
  oracleSamples: 32,
  /** CAMPAIGN (issue 14, campaign.ts): 1 runs a randomized campaign at the cutoff, 0 none. It draws only from its own rng streams, so with 0 the world is the campaign-free one, number for number. A number, as every option is, so that `--synth campaign=0` parses. */
  campaign: 1,
  /** Share of customers assigned to treatment, one seeded draw each: 0.5, the even A/B split that gives the treated-minus-control difference its smallest variance. */
  campaignShare: 0.5,
  /** Extra purchase sessions per week the campaign adds right after the cutoff to a fully responsive customer. 0.4 (with campaignWeeks 8 about three extra orders, ~$160 at the mean spend; ~$60 per cohort customer on average against a mean holdout value of ~$130) is large on purpose: the holdout value's spread among the most responsive customers is ~$450, and at 0.15 even targeting by the true uplift had a top-10% incremental-profit interval spanning 0 on the ~1,900 test customers, so no policy comparison could be measured. */
  campaignRate: 0.4,
  /** Decay time (weeks) of the campaign's effect, e^(−t/τ): 8, a promotion remembered for about two months, so nearly all of it falls inside the 26-week holdout. */
  campaignWeeks: 8,
  /** Responsiveness 1 − e^(−recency/τ) rises with the weeks since the last purchase before the cutoff: 8 makes a customer who bought in the last fortnight barely respond (< 0.23) and one lapsed for four months respond fully (0.87): lapsing customers are won back, loyal ones buy anyway. */
  campaignLapseWeeks: 8,
  /** Gamma shape of an unobserved per-customer response multiplier (mean 1; 0 = none): 2 leaves half the spread of the effect invisible to any model (coefficient of variation 0.71), as real deal-proneness is, so the oracle uplift stays above what a model can learn. */
  campaignResponseShape: 2,
};

/** Generator defaults, frozen (a plain object first so the field types stay `number`). */
export const SYNTH_DEFAULTS = Object.freeze(defaults);

export type SynthOptions = typeof SYNTH_DEFAULTS;

export const MS_PER_WEEK = WEEK_MS;
export const MS_PER_DAY = 86_400_000;

/** Merges options over the defaults and fails loudly on nonsense. */
export function resolveSynthOptions(options: Partial<SynthOptions> = {}): SynthOptions {
  const o = resolveOptions('synth/generate-synthetic', SYNTH_DEFAULTS, options);
  const positive = [
    'customers',
    'calibrationWeeks',
    'horizonWeeks',
    'joinWeeks',
    'communities',
    'purchaseShape',
    'purchaseRate',
    'browseShape',
    'browseRate',
    'dropoutShape',
    'dropoutRate',
    'spendMean',
    'spendShapeItem',
    'engageWeeks',
    'considerWeeks',
    'engagedWeeks',
    'engagedBoost',
    'engagedBrowse',
    'socialWeeks',
    'categories',
    'itemsPerCategory',
  ] as const;
  for (const k of positive) {
    if (!(Number.isFinite(o[k]) && o[k] > 0))
      throw new Error(`synth/generate-synthetic: option '${k}' must be > 0, got ${o[k]}`);
  }
  const integers = [
    'customers',
    'calibrationWeeks',
    'horizonWeeks',
    'communities',
    'categories',
    'itemsPerCategory',
    'oracleSamples',
  ] as const;
  for (const k of integers) {
    if (!Number.isInteger(o[k]) || o[k] < 0)
      throw new Error(`synth/generate-synthetic: option '${k}' must be a non-negative integer, got ${o[k]}`);
  }
  if (o.joinWeeks > o.calibrationWeeks)
    throw new Error('synth/generate-synthetic: joinWeeks must not exceed calibrationWeeks');
  if (!(o.spendShapeCustomer > 1))
    throw new Error('synth/generate-synthetic: spendShapeCustomer must be > 1 (finite mean spend)');
  if (!(o.socialBoost >= 0) || !(o.socialSaturation > 0))
    throw new Error('synth/generate-synthetic: socialBoost must be >= 0 and socialSaturation > 0');
  if (!(o.degreeTail > 1)) throw new Error('synth/generate-synthetic: degreeTail must be > 1');
  if (!(o.meanDegree >= 0)) throw new Error('synth/generate-synthetic: meanDegree must be >= 0');
  for (const k of [
    'intraCommunity',
    'firstPurchase',
    'returnProbability',
    'cartProbability',
    'engagedCart',
    'tasteStrength',
  ] as const) {
    if (!(o[k] >= 0 && o[k] <= 1))
      throw new Error(`synth/generate-synthetic: option '${k}' must be in [0, 1], got ${o[k]}`);
  }
  if (!Number.isFinite(o.start)) throw new Error('synth/generate-synthetic: start must be epoch ms');
  if (o.campaign !== 0 && o.campaign !== 1)
    throw new Error(`synth/generate-synthetic: option 'campaign' must be 0 or 1, got ${o.campaign}`);
  if (!(o.campaignShare > 0 && o.campaignShare < 1))
    throw new Error(`synth/generate-synthetic: option 'campaignShare' must be in (0, 1), got ${o.campaignShare}`);
  for (const k of ['campaignRate', 'campaignResponseShape'] as const) {
    if (!(Number.isFinite(o[k]) && o[k] >= 0))
      throw new Error(`synth/generate-synthetic: option '${k}' must be >= 0, got ${o[k]}`);
  }
  for (const k of ['campaignWeeks', 'campaignLapseWeeks'] as const) {
    if (!(Number.isFinite(o[k]) && o[k] > 0))
      throw new Error(`synth/generate-synthetic: option '${k}' must be > 0, got ${o[k]}`);
  }
  return o;
}
