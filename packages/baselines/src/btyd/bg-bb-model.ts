// `bg-bb-gg` benchmark model: the BG/BB of Fader, Hardie & Shang (2010) (bg-bb.ts) on the
// cohort's calibration history discretised into periods of `period` (period-history.ts: whole
// periods counted back from split.score.featureEnd; a period with a purchase is one
// transaction), with Gamma-Gamma spend per purchase period (occasion-spend.ts). Like
// bgnbd-gg / pareto-nbd-gg it is unsupervised and fitted on every cohort customer's pre-cutoff
// history (label-free; folds and labels are not used).
//   value      = E[transactions in the next n* periods | x, t_x, n] (bg-bb-predictions.ts,
//                eq. 13) × E[spend per purchase period]
//   repurchase = P(≥ 1 transaction in the next n* periods | x, t_x, n)
// n* = horizon / period; a fractional n* interpolates linearly between ⌊n*⌋ and ⌈n*⌉ (the BG/BB
// has no transactions inside a period, so this is the share of the last period in the window).
// info: period, horizon in periods, params and stdErrors, logLikelihood, the largest n, spend.
import { formatDuration, parseDuration, resolveOptions } from '@clvlab/core';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { fitBgBb } from './bg-bb.ts';
import { bgBbConditionalExpectedPurchases, bgBbRepurchaseProbability } from './bg-bb-predictions.ts';
import type { BgBbFit } from './bg-bb.ts';
import type { BgBbHistory } from './bg-bb-input.ts';
import { occasionSpend } from './occasion-spend.ts';
import { periodHistory } from './period-history.ts';

export const DEFAULT_BG_BB_MODEL: Readonly<{ period: string; spendFallback: boolean }> = Object.freeze({
  /** One week: the unit the continuous-time BTYD models use on long logs; `period=1d` for short clickstream logs. */
  period: '1w',
  /** As bgnbd-gg: without enough repeat buyers for Gamma-Gamma, the cohort's mean spend per purchase period (recorded in info). */
  spendFallback: true,
});

/** f(⌊n*⌋) + frac · (f(⌈n*⌉) − f(⌊n*⌋)) per customer. */
function interpolated(
  f: (fit: BgBbFit, n: number, h: BgBbHistory) => Float64Array,
  fit: BgBbFit,
  nStar: number,
  h: BgBbHistory,
): Float64Array {
  const k = Math.floor(nStar),
    frac = nStar - k;
  const lo = f(fit, k, h);
  if (frac === 0) return lo;
  const hi = f(fit, k + 1, h);
  return lo.map((v, i) => v + frac * (hi[i] - v));
}

/** Creates bg-bb-gg (see header). */
export function bgBbModel(config: Record<string, unknown> = {}): BenchModel {
  const where = 'baselines/bg-bb-gg';
  const c = resolveOptions(where, DEFAULT_BG_BB_MODEL, config, { coerce: true });
  const periodMs = parseDuration(c.period, `${where}: period`);
  if (!(periodMs > 0)) throw new Error(`${where}: period must be longer than 0, got '${c.period}'`);
  return Object.freeze({
    name: 'bg-bb-gg',
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { score, start, customers } = task.split;
      const h = periodHistory(task.log, task.offsets, customers, start, score.featureEnd, periodMs);
      const maxPeriods = h.periods.reduce((m, v) => Math.max(m, v), 0);
      if (maxPeriods < 2) {
        throw new Error(
          `${where}: the calibration window holds ${maxPeriods} whole period(s) of ${formatDuration(periodMs)} after any first purchase: too few transaction opportunities; use a shorter period (bg-bb-gg:period=1d)`,
        );
      }
      task.progress?.(
        0.1,
        `bg-bb-gg: fitting BG/BB on ${customers.length} customers (periods of ${formatDuration(periodMs)}, up to ${maxPeriods})`,
      );
      const fit = fitBgBb(h);
      const nStar = (score.labelEnd - score.featureEnd) / periodMs;
      const purchases = interpolated(bgBbConditionalExpectedPurchases, fit, nStar, h);
      const repurchase = interpolated(bgBbRepurchaseProbability, fit, nStar, h);
      task.progress?.(0.6, `bg-bb-gg: predicted ${nStar.toFixed(2)} periods ahead`);
      const { spend, info: spendInfo } = occasionSpend(
        task.log.valueTarget,
        { ...h, occasions: h.purchasePeriods },
        c.spendFallback,
        'Period',
      );
      const value = purchases.map((p, i) => Math.max(0, p * spend[i]));
      task.progress?.(1, 'bg-bb-gg: done');
      return Object.freeze({
        value,
        repurchase,
        info: Object.freeze({
          period: formatDuration(periodMs),
          horizon: nStar,
          params: fit.params,
          stdErrors: fit.stdErrors,
          logLikelihood: fit.logLikelihood,
          nCustomers: fit.nCustomers,
          iterations: fit.iterations,
          converged: fit.converged,
          maxPeriods,
          spend: spendInfo,
        }),
      });
    },
  });
}
