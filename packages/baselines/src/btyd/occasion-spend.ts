// Expected spend per purchase occasion for the BTYD bench models (btyd-model.ts: a purchase
// day; bg-bb-model.ts: a purchase period): the Gamma-Gamma posterior mean (gamma-gamma.ts,
// expected-average-spend.ts) on repeat occasions' mean net spend; a count target (no prices)
// skips the spend model and uses the cohort's purchases per occasion, so totals are in
// purchases; when Gamma-Gamma cannot be fitted (too few repeat buyers) and `fallback` is on,
// the cohort's mean spend per occasion, with the reason in info.
import type { ValueTarget } from '@clvlab/events';
import { expectedAverageSpend } from './expected-average-spend.ts';
import { fitGammaGamma } from './gamma-gamma.ts';

/** Per-customer spend history: repeat occasions, their mean net spend, all net value, occasions. */
export interface OccasionSpendHistory {
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
  readonly revenue: ArrayLike<number>;
  readonly occasions: ArrayLike<number>;
}

/** Spend per occasion per customer and the facts for info (see header); `occasion` names the count key. */
export function occasionSpend(
  valueTarget: ValueTarget,
  h: OccasionSpendHistory,
  fallback: boolean,
  occasion: 'Day' | 'Period',
): { spend: Float64Array; info: Record<string, unknown> } {
  const n = h.frequency.length;
  if (valueTarget === 'count') {
    let events = 0,
      occasions = 0;
    for (let i = 0; i < n; i++) {
      events += h.revenue[i];
      occasions += h.occasions[i];
    }
    const spend = new Float64Array(n).fill(occasions > 0 ? events / occasions : 1);
    return { spend, info: { model: 'count', [`purchasesPerPurchase${occasion}`]: spend[0] } };
  }
  try {
    const gg = fitGammaGamma({ frequency: h.frequency, monetary: h.monetary });
    const spend = expectedAverageSpend(gg, { frequency: h.frequency, monetary: h.monetary });
    return {
      spend,
      info: {
        model: 'gamma-gamma',
        params: gg.params,
        stdErrors: gg.stdErrors,
        logLikelihood: gg.logLikelihood,
        nCustomers: gg.nCustomers,
        excluded: gg.excluded,
      },
    };
  } catch (error) {
    if (!fallback) throw error;
    let total = 0,
      occasions = 0;
    for (let i = 0; i < n; i++) {
      total += h.revenue[i];
      occasions += h.occasions[i];
    }
    const spend = new Float64Array(n).fill(Math.max(0, total / Math.max(occasions, 1)));
    return { spend, info: { model: 'cohort-mean', reason: (error as Error).message, meanSpend: spend[0] } };
  }
}
