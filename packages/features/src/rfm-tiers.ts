// RFM quartile tiers (Hughes 1994 quintiles, here quartiles as in
// docs/architecture.md §Models): 1 = best, 4 = worst, per dimension. Recency is better when
// SMALLER (recent), frequency and monetary when LARGER. Ties share a tier: a block of equal
// values takes the quartile of its LAST member, tier = ceil(4 · (customers better or equal) / n),
// so a mass of identical values stays in one tier instead of being cut arbitrarily, and lands
// where its weakest member belongs (CDNOW: the 57% one-time buyers are F = 4, not F = 2).
import type { RfmFeatures } from './rfm-features.ts';

export interface RfmTiers {
  readonly recency: Uint8Array;
  readonly frequency: Uint8Array;
  readonly monetary: Uint8Array;
}

/** Tier 1..4 of each value; `higherIsBetter` picks the direction. */
export function quartileTiers(values: ArrayLike<number>, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const key = (i: number): number => (higherIsBetter ? -values[i] : values[i]);
  order.sort((a, b) => key(a) - key(b));
  const tiers = new Uint8Array(n);
  for (let k = 0; k < n;) {
    let e = k;
    while (e < n && key(order[e]) === key(order[k])) e++;
    const tier = Math.max(1, Math.min(4, Math.ceil((4 * e) / n - 1e-12)));
    for (let j = k; j < e; j++) tiers[order[j]] = tier;
    k = e;
  }
  return tiers;
}

/** Quartile tiers of recency (small = 1), frequency and monetary (large = 1). */
export function rfmTiers(features: Pick<RfmFeatures, 'recency' | 'frequency' | 'monetary'>): RfmTiers {
  for (const name of ['recency', 'frequency', 'monetary'] as const) {
    const v = features[name];
    for (let i = 0; i < v.length; i++) {
      if (Number.isNaN(v[i])) throw new Error(`features/rfmTiers: ${name} of row ${i + 1} is NaN`);
    }
  }
  return Object.freeze({
    recency: quartileTiers(features.recency, false),
    frequency: quartileTiers(features.frequency, true),
    monetary: quartileTiers(features.monetary, true),
  });
}
