// The BTYD forecaster of `clvlab predict` (bgnbd-gg, pareto-nbd-gg): BG/NBD or Pareto/NBD
// fitted by maximum likelihood directly on the summary at --as-of (label-free, every cohort
// customer's history before as-of, in --unit unless the spec sets `unit`), with the spend of
// spend-per-purchase.ts. Per customer, t = the horizon in the fit's unit:
//   expected_purchases  E[Y(t) | x, t_x, T]           (conditionalExpectedPurchases)
//   p_alive             P(alive at as-of | x, t_x, T)  (probabilityAlive)
//   repurchase          P(≥ 1 purchase in t)           (repurchaseProbability)
//   expected_value      E[Y(t)] · E[spend per purchase day]  (undiscounted)
//   clv                 margin · DECT · E[spend], DECT = Σ_k (E[Y(t_k)] − E[Y(t_{k−1})]) (1 + d)^{−t_k/year}
//                       over daily steps t_k (customerLifetimeValue with step 'day', spend 1):
//                       the discounted expected transactions over the horizon, as CLVTools'
//                       DECT/DERT and Fader, Hardie & Lee (2005, "RFM and CLV") discount the
//                       model's purchase curve continuously at δ = ln(1 + d) per year; discounting
//                       each day's purchases at its end differs from the continuous integral by
//                       less than 1 − e^{−δ·1 day} (2.6e-4 relative at d = 10%).
import {
  conditionalExpectedPurchases,
  customerLifetimeValue,
  fitBgNbd,
  fitParetoNbd,
  probabilityAlive,
  repurchaseProbability,
  type PurchaseFit,
} from '@clvlab/baselines';
import { customerHistory, unitMs, type TimeUnit } from '@clvlab/features';
import { createModel, type ModelEntry } from '../models/model-registry.ts';
import type { ForecastColumns, ForecastInput, Forecaster } from './forecaster.ts';
import { spendPerPurchase } from './spend-per-purchase.ts';

const DAY_MS = 86_400_000;

/** The forecaster of a BTYD spec; the registry resolves (and checks) the spec's config. */
export function btydForecaster(entry: ModelEntry, kind: 'bgnbd' | 'pareto-nbd'): Forecaster {
  const config = createModel(entry.name, { id: 'predict' }).config as Readonly<{
    unit: string;
    spendFallback: boolean;
  }>;
  return Object.freeze({
    name: entry.name,
    family: entry.family,
    btyd: true,
    async forecast(input: ForecastInput): Promise<ForecastColumns> {
      const { task, horizonMs, discountRate, margin } = input;
      const { split } = task;
      const unit = (config.unit === 'auto' ? input.unit : config.unit) as TimeUnit;
      const h = customerHistory(task.log, task.offsets, split.customers, split.start, split.cutoff, unit);
      const fit: PurchaseFit = kind === 'bgnbd' ? fitBgNbd(h) : fitParetoNbd(h);
      const t = horizonMs / unitMs(unit);
      const expectedPurchases = conditionalExpectedPurchases(fit, t, h);
      const pAlive = probabilityAlive(fit, h);
      const repurchase = repurchaseProbability(fit, t, h);
      const { spend, info: spendInfo } = spendPerPurchase(task.log.valueTarget, h, config.spendFallback);
      const discounted = customerLifetimeValue(fit, 1, h, {
        horizon: horizonMs / DAY_MS,
        horizonUnit: 'day',
        fitUnit: unit,
        discountRate,
        step: 'day',
      });
      const n = expectedPurchases.length;
      const expectedValue = new Float64Array(n),
        clv = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        expectedValue[i] = Math.max(0, expectedPurchases[i] * spend[i]);
        clv[i] = margin * Math.max(0, discounted[i] * spend[i]);
      }
      const boundary = fit.model === 'pareto-nbd' && fit.boundary === true;
      return Object.freeze({
        expectedValue,
        clv,
        repurchase,
        btyd: Object.freeze({ expectedPurchases, pAlive, spend }),
        info: Object.freeze({
          config,
          unit,
          horizon: t,
          params: fit.params,
          stdErrors: fit.stdErrors,
          logLikelihood: fit.logLikelihood,
          nCustomers: fit.nCustomers,
          converged: fit.converged,
          boundary,
          spend: spendInfo,
          discounting: 'daily steps of the purchase curve at (1 + d)^(-t/year) (DECT)',
          ...(fit.model === 'pareto-nbd' && fit.boundary ? { dropoutRate: fit.dropoutRate, warning: fit.warning } : {}),
        }),
      });
    },
  });
}
