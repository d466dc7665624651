// The result of `generateSynthetic`: the full event log, the customer graph, and the ground
// truth the generator knows (latent traits, planted-signal state, oracle). All per-customer
// columns are in customer-index order; ids are `log.customerIds`.
import type { EventLog } from '@clvlab/events';

/** Undirected customer graph, each edge once (src < dst), as customer indices. */
export interface SyntheticEdges {
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Tie strength (mean 1); contagion is spread in proportion to it. */
  readonly weight: Float64Array;
}

/** Ground truth per customer (columnar, customer-index order). */
export interface SyntheticTruth {
  /** Community (SBM block) of the customer. */
  readonly community: Int32Array;
  /** Join time (epoch ms): the first session. */
  readonly joinTime: Float64Array;
  /** Base purchase-session rate λ per week (before intent and social excitation). */
  readonly purchaseRate: Float64Array;
  /** Browse-session rate per week. */
  readonly browseRate: Float64Array;
  /** Dropout rate μ per week (exponential lifetime). */
  readonly dropoutRate: Float64Array;
  /** Probability of dropping out before the cutoff given the join time, 1 − exp(−μ·weeks). */
  readonly dropoutProbability: Float64Array;
  /** Dropout time (epoch ms) drawn in the simulation (may lie beyond the log's end). */
  readonly dropoutTime: Float64Array;
  /** 1 when the customer is still active at the cutoff. */
  readonly aliveAtCutoff: Uint8Array;
  /** Mean spend per purchased item (money). */
  readonly spendMean: Float64Array;
  /** Favourite category index (into `log.categoryIds`). */
  readonly category: Int32Array;
  /** Planted signal (a): intent regime at the cutoff: 0 normal, 1 considering (carts, no purchases yet), 2 buying. */
  readonly intentAtCutoff: Uint8Array;
  /** Planted signal (b): social excitation at the cutoff (decayed, weight-normalised neighbour purchases). */
  readonly socialAtCutoff: Float64Array;
  /** Sessions in the full log (30-minute gap rule; equals an independent sessionizer's count). */
  readonly sessions: Int32Array;
  /** Expected holdout value (purchases − returns, floored at 0) given the state at the cutoff. */
  readonly oracle: Float64Array;
  /** Probability of at least one purchase in the holdout given the state at the cutoff. */
  readonly oracleRepurchase: Float64Array;
  /** Campaign (campaign.ts): 1 when treated at the cutoff (all 0 with `campaign: 0`). The oracle columns are those of the customer's own arm. */
  readonly treated: Uint8Array;
  /** Campaign: true incremental holdout value if treated, E[treated − untreated value | state at the cutoff], for every customer (0 with `campaign: 0`). */
  readonly upliftValue: Float64Array;
}

export interface SyntheticData {
  /** Full log: calibration + holdout, sorted by customer then time. */
  readonly log: EventLog;
  readonly edges: SyntheticEdges;
  readonly truth: SyntheticTruth;
  /** First instant of the log (epoch ms). */
  readonly start: number;
  /** Calibration/holdout split (epoch ms) = start + calibration. */
  readonly cutoff: number;
  /** Holdout length in ms; the log ends at cutoff + horizon. */
  readonly horizon: number;
}
