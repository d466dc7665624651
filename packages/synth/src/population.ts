// Latent traits of every synthetic customer (fixed for the whole simulation), drawn with
// BTYD-style heterogeneity: purchase rate λ ~ Gamma(r, α) (NBD, Ehrenberg 1959), exponential
// lifetime with rate μ ~ Gamma(s, β) (Pareto/NBD, Schmittlein, Morrison & Colombo 1987,
// eq. 1–2), and per-item spend Gamma(p, ν) with ν ~ Gamma(q, γ) (gamma-gamma, Fader,
// Hardie & Lee 2005, "RFM and CLV", §3), so a customer's mean spend p/ν is inverse-gamma.
import type { Rng } from '@clvlab/core';
import type { CommunityGraph } from './community-graph.ts';
import { MS_PER_WEEK } from './synth-defaults.ts';
import type { SynthOptions } from './synth-defaults.ts';

/** Latest representable ISO time (year 9999); lifetimes beyond are "never drops out". */
const MAX_TIME = Date.UTC(9999, 11, 31);

export interface Population {
  readonly n: number;
  readonly graph: CommunityGraph;
  readonly joinTime: Float64Array;
  /** Base purchase-session rate per week. */
  readonly purchaseRate: Float64Array;
  readonly browseRate: Float64Array;
  /** Dropout rate per week. */
  readonly dropoutRate: Float64Array;
  /** Death time drawn at join (epoch ms). */
  readonly dropoutTime: Float64Array;
  readonly spendMean: Float64Array;
  readonly category: Int32Array;
}

/** Draws the latent traits; the graph supplies each customer's community. */
export function drawPopulation(o: SynthOptions, graph: CommunityGraph, rng: Rng): Population {
  const n = o.customers,
    k = Math.max(1, o.communities);
  // Homophily: a community multiplies λ by exp(σz − σ²/2) (mean 1) and has a favourite category.
  const communityMult = new Float64Array(k),
    communityCategory = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    communityMult[c] = Math.exp(o.communityEffect * rng.normal() - (o.communityEffect * o.communityEffect) / 2);
    communityCategory[c] = rng.int(o.categories);
  }
  const joinTime = new Float64Array(n),
    purchaseRate = new Float64Array(n),
    browseRate = new Float64Array(n);
  const dropoutRate = new Float64Array(n),
    dropoutTime = new Float64Array(n),
    spendMean = new Float64Array(n);
  const category = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = graph.community[i];
    joinTime[i] = o.start + Math.floor(rng.next() * o.joinWeeks * MS_PER_WEEK);
    purchaseRate[i] = ((rng.gamma(o.purchaseShape) * o.purchaseRate) / o.purchaseShape) * communityMult[c];
    browseRate[i] = (rng.gamma(o.browseShape) * o.browseRate) / o.browseShape;
    dropoutRate[i] = (rng.gamma(o.dropoutShape) * o.dropoutRate) / o.dropoutShape;
    const life = (rng.exponential() / Math.max(dropoutRate[i], 1e-12)) * MS_PER_WEEK;
    dropoutTime[i] = Math.min(joinTime[i] + Math.round(life), MAX_TIME);
    spendMean[i] = (o.spendMean * (o.spendShapeCustomer - 1)) / rng.gamma(o.spendShapeCustomer);
    category[i] = rng.next() < 0.5 ? communityCategory[c] : rng.int(o.categories);
  }
  return { n, graph, joinTime, purchaseRate, browseRate, dropoutRate, dropoutTime, spendMean, category };
}
