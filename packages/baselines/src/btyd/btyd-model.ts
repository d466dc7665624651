// `bgnbd-gg` and `pareto-nbd-gg` benchmark models: BG/NBD (bg-nbd.ts) or Pareto/NBD
// (pareto-nbd.ts) fitted to the cohort's calibration history before split.score.featureEnd,
// with Gamma-Gamma spend (gamma-gamma.ts). Unsupervised: folds and labels are not used.
// Fitted on ALL cohort customers' pre-cutoff histories, not the train fold: label-free, as FHL 2005, lifetimes, CLVTools do.
//   value      = E[purchase days in the horizon | x, t_x, T] × E[spend per purchase day]
//                (Gamma-Gamma; a count target skips the spend model and multiplies by the
//                cohort's purchases per purchase day instead, so totals are in purchases)
//   repurchase = P(≥ 1 purchase in the horizon | x, t_x, T) (repurchase-probability.ts)
// Time unit: weeks when the calibration window spans ≥ `weeksFromDays` days, else days
// (short clickstream logs have too few weeks for the fit to see any recency). Not a
// hyper-parameter: both models are scale-equivariant in time (α, β rescale), so the unit
// changes predictions only at optimiser tolerance (CDNOW: ~3e-7 relative).
// info (for the record): params and stdErrors ({name: value}, Hessian standard errors from
// fit-mle.ts, NaN where not identified), boundary (true when the Pareto/NBD s, β → ∞ limit was
// fitted, then also dropoutRate and warning; always false for BG/NBD), and spend (the
// Gamma-Gamma params and stdErrors, or the fallback used).
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { fitBgNbd } from './bg-nbd.ts';
import { conditionalExpectedPurchases } from './conditional-expected-purchases.ts';
import { expectedAverageSpend } from './expected-average-spend.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import { fitParetoNbd } from './pareto-nbd.ts';
import { repurchaseProbability } from './repurchase-probability.ts';
import { resolveOptions } from '@clvlab/core';
import { rfmFeatures, unitMs } from '@clvlab/features';
import type { PurchaseFit } from './fit-types.ts';

export const DEFAULT_BTYD_MODEL: Readonly<{ unit: string; weeksFromDays: number; spendFallback: boolean }> = Object.freeze({
  /** 'auto' (weeks for long windows, days for short), 'week' or 'day'. */
  unit: 'auto',
  /** 26 weeks: half a year of weekly data is enough resolution for recency in weeks. */
  weeksFromDays: 182,
  /** When Gamma-Gamma cannot be fitted (too few repeat buyers), use the cohort's mean spend per purchase day instead of failing the cell (recorded in info). */
  spendFallback: true,
});

/** Creates bgnbd-gg or pareto-nbd-gg (see header). */
export function btydModel(kind: 'bgnbd' | 'pareto-nbd', config: Record<string, unknown> = {}): BenchModel {
  const name = kind === 'bgnbd' ? 'bgnbd-gg' : 'pareto-nbd-gg';
  const where = `baselines/${name}`;
  const c = resolveOptions(where, DEFAULT_BTYD_MODEL, config, { coerce: true });
  if (!['auto', 'week', 'day'].includes(c.unit)) throw new Error(`${where}: unit must be 'auto', 'week' or 'day', got '${c.unit}'`);
  return Object.freeze({
    name,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { score, start } = task.split;
      const unit = c.unit === 'auto' ? ((score.featureEnd - start) / 86_400_000 >= c.weeksFromDays ? 'week' : 'day') : (c.unit as 'week' | 'day');
      const h = rfmFeatures(task, score.featureEnd, unit).history;
      task.progress?.(0.1, `${name}: fitting ${kind} on ${h.frequency.length} customers (${unit}s)`);
      const fit: PurchaseFit = kind === 'bgnbd' ? fitBgNbd(h) : fitParetoNbd(h);
      const t = (score.labelEnd - score.featureEnd) / unitMs(unit);
      task.progress?.(0.6, `${name}: predicting ${t.toFixed(2)} ${unit}s ahead`);
      const purchases = conditionalExpectedPurchases(fit, t, h);
      const repurchase = repurchaseProbability(fit, t, h);
      let spend: Float64Array;
      let spendInfo: Record<string, unknown>;
      if (task.log.valueTarget === 'count') {
        let events = 0, days = 0;
        for (let i = 0; i < h.revenue.length; i++) { events += h.revenue[i]; days += h.purchaseDays[i]; }
        spend = new Float64Array(purchases.length).fill(days > 0 ? events / days : 1);
        spendInfo = { model: 'count', purchasesPerPurchaseDay: spend[0] };
      } else {
        try {
          const gg = fitGammaGamma(h);
          spend = expectedAverageSpend(gg, h);
          spendInfo = { model: 'gamma-gamma', params: gg.params, stdErrors: gg.stdErrors, logLikelihood: gg.logLikelihood, nCustomers: gg.nCustomers, excluded: gg.excluded };
        } catch (error) {
          if (!c.spendFallback) throw error;
          let total = 0, days = 0;
          for (let i = 0; i < h.revenue.length; i++) { total += h.revenue[i]; days += h.purchaseDays[i]; }
          spend = new Float64Array(purchases.length).fill(Math.max(0, total / Math.max(days, 1)));
          spendInfo = { model: 'cohort-mean', reason: (error as Error).message, meanSpend: spend[0] };
        }
      }
      const value = purchases.map((p, i) => Math.max(0, p * spend[i]));
      task.progress?.(1, `${name}: done`);
      return Object.freeze({
        value, repurchase,
        info: Object.freeze({
          unit, horizon: t, params: fit.params, stdErrors: fit.stdErrors, boundary: fit.model === 'pareto-nbd' && fit.boundary === true,
          logLikelihood: fit.logLikelihood, nCustomers: fit.nCustomers, iterations: fit.iterations, converged: fit.converged, spend: spendInfo,
          ...(fit.model === 'pareto-nbd' && fit.boundary ? { dropoutRate: fit.dropoutRate, warning: fit.warning } : {}),
        }),
      });
    },
  });
}
