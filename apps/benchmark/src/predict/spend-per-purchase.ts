// Expected spend per purchase day for the BTYD columns of `clvlab predict`, the spend model of
// the bgnbd-gg / pareto-nbd-gg benchmark models (baselines btyd-model.ts):
//   revenue log  Gamma-Gamma (Fader & Hardie 2013) E[M | x, m̄] per customer; when it cannot be
//                fitted (too few repeat buyers) and the model's `spendFallback` is on, the
//                cohort's net value per purchase day for everyone;
//   count log    the cohort's purchase events per purchase day (values are then in purchases).
import { expectedAverageSpend, fitGammaGamma } from '@clvlab/baselines';
import type { CustomerHistoryTable } from '@clvlab/features';

/** Σ net value / Σ purchase days over the cohort (0 without purchase days). */
function perPurchaseDay(h: CustomerHistoryTable): number {
  const value = h.revenue.reduce((s, v) => s + v, 0),
    days = h.purchaseDays.reduce((s, v) => s + v, 0);
  return days > 0 ? value / days : 0;
}

/** Spend per purchase day of each customer and what produced it. */
export function spendPerPurchase(
  valueTarget: 'revenue' | 'count',
  h: CustomerHistoryTable,
  fallback: boolean,
): { spend: Float64Array; info: Record<string, unknown> } {
  const n = h.frequency.length;
  if (valueTarget === 'count') {
    const rate = perPurchaseDay(h) || 1;
    return { spend: new Float64Array(n).fill(rate), info: { model: 'count', purchasesPerPurchaseDay: rate } };
  }
  try {
    const gg = fitGammaGamma(h);
    return {
      spend: expectedAverageSpend(gg, h),
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
    const mean = Math.max(0, perPurchaseDay(h));
    return {
      spend: new Float64Array(n).fill(mean),
      info: { model: 'cohort-mean', reason: (error as Error).message, meanSpend: mean },
    };
  }
}
