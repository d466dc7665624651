// Paired bootstrap of the best-k profit difference between two models on the same test
// customers (Efron & Tibshirani 1993, §16.4, the paired design of metrics' pairedBootstrap):
//   Δ = max_k profit_A(k) − max_k profit_B(k),
// each model at its own best k (profit-curve.ts). Every resample draws one multiset of
// customers (customer bootstrap, metrics' resampling stream for the seed) and recomputes both
// curves and both maxima on it, so the interval includes the uncertainty of picking k on the
// same customers; the point estimate is Δ on all test customers. The contact cost is resolved
// once from all test customers (a business constant, not a statistic of the resample).
// `significant`: the percentile interval excludes 0; `p`: the two-sided bootstrap p-value with
// the +1 convention (bootstrap-summary.ts).

import type { NumericArray, PairedDifference } from '@clvlab/metrics';
import { descendingOrder } from './contact-order.ts';
import type { ProfitOptions } from './profit-curve.ts';
import { profitsUnderWeights, resolveProfit } from './profit-curve.ts';
import type { BootstrapSettings } from './bootstrap-summary.ts';
import {
  forEachCustomerResample,
  replicatePValue,
  resolveBootstrap,
  summarizeReplicates,
} from './bootstrap-summary.ts';
import { finiteVector } from './validate-inputs.ts';

/** One model's best k and profit on all test customers. */
export interface BestProfit {
  readonly bestK: number;
  readonly bestContacts: number;
  readonly bestProfit: number;
}

/**
 * The paired comparison of best-k profits, A − B: the fields of metrics' PairedDifference
 * (difference, interval, se, valid, significant, p) with each model's best k in `a` and `b`.
 */
export interface PairedProfitDifference extends Omit<PairedDifference, 'a' | 'b'> {
  readonly a: BestProfit;
  readonly b: BestProfit;
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
  readonly margin: number;
  readonly contactCost: number;
}

/**
 * Δ profit at each model's own best k (A − B) with a paired percentile bootstrap interval.
 * Throws `decisions/pairedProfitBootstrap: ...` on bad input or options.
 */
export function pairedProfitBootstrap(
  predictedA: NumericArray,
  predictedB: NumericArray,
  actual: NumericArray,
  options: ProfitOptions = {},
  bootstrap: Partial<BootstrapSettings> = {},
): PairedProfitDifference {
  const fn = 'pairedProfitBootstrap';
  const a = finiteVector(fn, 'predictedA', predictedA);
  const b = finiteVector(fn, 'predictedB', predictedB, a.length, 'predictedA');
  const act = finiteVector(fn, 'actual', actual, a.length, 'predictedA');
  const p = resolveProfit(fn, options, act);
  const bs = resolveBootstrap(fn, bootstrap);
  const n = act.length,
    m = p.ks.length;
  const orderA = descendingOrder(a),
    orderB = descendingOrder(b);
  const contacts = new Int32Array(m),
    value = new Float64Array(m),
    profit = new Float64Array(m);
  const best = (order: Int32Array, w: Float64Array): BestProfit => {
    const j = profitsUnderWeights(order, act, w, n, p, contacts, value, profit);
    return { bestK: p.ks[j], bestContacts: contacts[j], bestProfit: profit[j] };
  };
  const ones = new Float64Array(n).fill(1);
  const bestA = Object.freeze(best(orderA, ones)),
    bestB = Object.freeze(best(orderB, ones));
  const diffs = new Float64Array(bs.resamples);
  forEachCustomerResample(n, bs.resamples, bs.seed, (r, w) => {
    diffs[r] = best(orderA, w).bestProfit - best(orderB, w).bestProfit;
  });
  const s = summarizeReplicates(diffs, bs.level, bestA.bestProfit - bestB.bestProfit);
  return Object.freeze({
    a: bestA,
    b: bestB,
    difference: s.estimate,
    lower: s.lower,
    upper: s.upper,
    se: s.se,
    valid: s.valid,
    significant: s.lower > 0 || s.upper < 0,
    p: replicatePValue(diffs),
    resamples: bs.resamples,
    seed: bs.seed,
    level: bs.level,
    margin: p.margin,
    contactCost: p.contactCost,
  });
}
