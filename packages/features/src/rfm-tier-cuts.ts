// RFM quartile tiers FITTED on reference rows (the train fold) and applied to any customer:
// the cut points of rfm-tiers.ts' rule (Hughes 1994, quartiles as in docs/architecture.md §Models),
// so a supervised model's tiers never depend on the customers it is scored on. With b = the
// reference values better than or equal to v (of n), tier(v) = ceil(4b / n) clamped to 1..4,
// exactly quartileTiers' tie rule; as cut points c₁ ≤ c₂ ≤ c₃ (c_k = the reference value at sorted
// position m_k, m_k = the largest b with tier ≤ k): recency (smaller is better) has
// tier = 1 + #{k : v ≥ c_k}, frequency and monetary (larger is better) 1 + #{k : v ≤ c_k}.
// Fitted on every row, applyRfmTierCuts(rfmTierCuts(f, all), f) equals rfmTiers(f).
import type { RfmFeatures } from './rfm-features.ts';
import type { RfmTiers } from './rfm-tiers.ts';

/** The three cut points per dimension (value scale, see header). */
export interface RfmTierCuts {
  readonly recency: readonly number[];
  readonly frequency: readonly number[];
  readonly monetary: readonly number[];
}

type RfmValues = Pick<RfmFeatures, 'recency' | 'frequency' | 'monetary'>;

const tierOf = (b: number, n: number): number => Math.max(1, Math.min(4, Math.ceil((4 * b) / n - 1e-12)));

/** Cut points c₁..c₃ of `values` at `rows` (see header); `higherIsBetter` picks the direction. */
export function quartileCuts(values: ArrayLike<number>, rows: ArrayLike<number>, higherIsBetter: boolean): number[] {
  const n = rows.length;
  if (n === 0) throw new Error('features/quartileCuts: no reference rows');
  const sorted = Float64Array.from({ length: n }, (_, k) => values[rows[k]]);
  if (sorted.some(Number.isNaN)) throw new Error('features/quartileCuts: NaN among the reference values');
  sorted.sort();
  if (higherIsBetter) sorted.reverse();
  const cuts: number[] = [];
  for (let k = 1; k <= 3; k++) {
    let m = Math.floor((k * n) / 4);
    while (m < n && tierOf(m + 1, n) <= k) m++;
    while (m > 0 && tierOf(m, n) > k) m--;
    cuts.push(sorted[m]); // m < n: tierOf(n, n) = 4
  }
  return cuts;
}

/** Tier 1..4 of each value under `cuts` (see header). */
export function tiersFromCuts(values: ArrayLike<number>, cuts: readonly number[], higherIsBetter: boolean): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) throw new Error(`features/tiersFromCuts: value of row ${i + 1} is NaN`);
    let t = 1;
    for (const c of cuts) if (higherIsBetter ? v <= c : v >= c) t++;
    out[i] = t;
  }
  return out;
}

/** RFM cut points fitted on `rows` (indices into the feature columns, e.g. the train fold). */
export function rfmTierCuts(features: RfmValues, rows: ArrayLike<number>): RfmTierCuts {
  return Object.freeze({
    recency: Object.freeze(quartileCuts(features.recency, rows, false)),
    frequency: Object.freeze(quartileCuts(features.frequency, rows, true)),
    monetary: Object.freeze(quartileCuts(features.monetary, rows, true)),
  });
}

/** Tiers of every customer in `features` under fitted `cuts`. */
export function applyRfmTierCuts(cuts: RfmTierCuts, features: RfmValues): RfmTiers {
  return Object.freeze({
    recency: tiersFromCuts(features.recency, cuts.recency, false),
    frequency: tiersFromCuts(features.frequency, cuts.frequency, true),
    monetary: tiersFromCuts(features.monetary, cuts.monetary, true),
  });
}
