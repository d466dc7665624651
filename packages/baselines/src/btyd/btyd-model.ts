// `bgnbd-gg` and `pareto-nbd-gg` benchmark models: BG/NBD (bg-nbd.ts) or Pareto/NBD
// (pareto-nbd.ts) fitted to the cohort's calibration history before split.score.featureEnd,
// with Gamma-Gamma spend (gamma-gamma.ts, through occasion-spend.ts). Unsupervised: folds and labels are not used.
// Fitted on ALL cohort customers' pre-cutoff histories, not the train fold: label-free, as FHL 2005, lifetimes, CLVTools do.
//   value      = E[purchase days in the horizon | x, t_x, T] × E[spend per purchase day]
//                (Gamma-Gamma; a count target skips the spend model and multiplies by the
//                cohort's purchases per purchase day instead, so totals are in purchases)
//   repurchase = P(≥ 1 purchase in the horizon | x, t_x, T) (repurchase-probability.ts)
// Time unit: weeks when the calibration window spans ≥ `weeksFromDays` days, else days
// (short clickstream logs have too few weeks for the fit to see any recency). Not a
// hyper-parameter: both models are scale-equivariant in time (α, β rescale), so the unit
// changes predictions only at optimiser tolerance (CDNOW: ~3e-7 relative).
// `+cov` variants (`bgnbd-gg+cov`, `pareto-nbd-gg+cov`): the same models with the task's
// time-invariant customer covariates (task.covariates: customer attributes, known before the
// cutoff) on the purchase and/or the dropout process, CLVTools' parametrisation
// (pareto-nbd-covariates.ts, bg-nbd-covariates.ts), started from the no-covariate MLE; each
// customer's prediction is the plain model's at that customer's parameters
// (covariate-customer-fit.ts), spend as above. `processes` picks the sets, `penalty` an L2
// weight on every coefficient (CLVTools reg.lambdas; 0 = the published unpenalised MLE).
// info (for the record): params and stdErrors ({name: value}, Hessian standard errors from
// fit-mle.ts, NaN where not identified), boundary (true when the Pareto/NBD s, β → ∞ limit was
// fitted, then also dropoutRate and warning; always false for BG/NBD), and spend (the
// Gamma-Gamma params and stdErrors, or the fallback used); `+cov` adds coefficients and their
// stdErrors, the covariate names per process, the penalty, the no-covariate log-likelihood and
// the likelihood-ratio statistic 2·(LL − LL₀), and a warning when a coefficient ran off.
import type { BenchModel, FeatureTable, ModelOutput, ModelTask } from '@clvlab/sessions';
import { fitBgNbd } from './bg-nbd.ts';
import { fitBgNbdCovariates, type BgNbdCovariatesFit } from './bg-nbd-covariates.ts';
import { conditionalExpectedPurchases } from './conditional-expected-purchases.ts';
import { covariateCustomerFit } from './covariate-customer-fit.ts';
import type { CovariateSets } from './covariate-likelihood.ts';
import type { CovariateMatrix } from './covariate-matrix.ts';
import { occasionSpend } from './occasion-spend.ts';
import { fitParetoNbd } from './pareto-nbd.ts';
import { fitParetoNbdCovariates, type ParetoNbdCovariatesFit } from './pareto-nbd-covariates.ts';
import { repurchaseProbability } from './repurchase-probability.ts';
import { resolveOptions } from '@clvlab/core';
import { rfmFeatures, unitMs } from '@clvlab/features';
import type { BtydData, PurchaseFit } from './fit-types.ts';

export const DEFAULT_BTYD_MODEL: Readonly<{ unit: string; weeksFromDays: number; spendFallback: boolean }> =
  Object.freeze({
    /** 'auto' (weeks for long windows, days for short), 'week' or 'day'. */
    unit: 'auto',
    /** 26 weeks: half a year of weekly data is enough resolution for recency in weeks. */
    weeksFromDays: 182,
    /** When Gamma-Gamma cannot be fitted (too few repeat buyers), use the cohort's mean spend per purchase day instead of failing the cell (recorded in info). */
    spendFallback: true,
  });

export const DEFAULT_BTYD_COVARIATE_MODEL: Readonly<
  typeof DEFAULT_BTYD_MODEL & { processes: string; penalty: number }
> = Object.freeze({
  ...DEFAULT_BTYD_MODEL,
  /** 'both' (CLVTools' walkthrough puts the static covariates on both processes), 'trans' (purchasing only) or 'life' (dropout only). */
  processes: 'both',
  /** L2 weight on every coefficient; 0 = plain MLE, as the published apparel fit (a runaway coefficient is then reported, not shrunk). */
  penalty: 0,
});

/** Per-customer predictions in the fit's unit and the fit's facts for info. */
interface PurchasePredictions {
  purchases: Float64Array;
  repurchase: Float64Array;
  info: Record<string, unknown>;
}

function plainPredictions(kind: 'bgnbd' | 'pareto-nbd', h: BtydData, t: number): PurchasePredictions {
  const fit: PurchaseFit = kind === 'bgnbd' ? fitBgNbd(h) : fitParetoNbd(h);
  return {
    purchases: conditionalExpectedPurchases(fit, t, h),
    repurchase: repurchaseProbability(fit, t, h),
    info: {
      params: fit.params,
      stdErrors: fit.stdErrors,
      boundary: fit.model === 'pareto-nbd' && fit.boundary === true,
      logLikelihood: fit.logLikelihood,
      nCustomers: fit.nCustomers,
      iterations: fit.iterations,
      converged: fit.converged,
      ...(fit.model === 'pareto-nbd' && fit.boundary ? { dropoutRate: fit.dropoutRate, warning: fit.warning } : {}),
    },
  };
}

/** task.covariates as a row-major CovariateMatrix over the cohort, checked (finite, one row per cohort customer). */
function covariateMatrixOf(where: string, table: FeatureTable | undefined, n: number): CovariateMatrix {
  if (!table || table.names.length === 0)
    throw new Error(
      `${where}: the dataset has no customer covariates (task.covariates is absent); ingest --customers FILE adds them`,
    );
  const k = table.names.length,
    values = new Float64Array(n * k);
  table.columns.forEach((col, j) => {
    if (col.length !== n)
      throw new Error(`${where}: covariate '${table.names[j]}' has ${col.length} rows, the cohort ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i]))
        throw new Error(`${where}: covariate '${table.names[j]}' is not finite for cohort row ${i + 1} (${col[i]})`);
      values[i * k + j] = col[i];
    }
  });
  return Object.freeze({ names: Object.freeze([...table.names]), values, customers: n });
}

function covariatePredictions(
  where: string,
  kind: 'bgnbd' | 'pareto-nbd',
  h: BtydData,
  t: number,
  matrix: CovariateMatrix,
  processes: string,
  penalty: number,
): PurchasePredictions {
  const sets: CovariateSets = {
    ...(processes !== 'life' ? { trans: matrix } : {}),
    ...(processes !== 'trans' ? { life: matrix } : {}),
  };
  const options = { penalty: { trans: penalty, life: penalty } };
  let fit: ParetoNbdCovariatesFit | BgNbdCovariatesFit, base: PurchaseFit;
  if (kind === 'pareto-nbd') {
    const b = fitParetoNbd(h);
    if (b.boundary)
      throw new Error(
        `${where}: the no-covariate Pareto/NBD has no finite MLE on this cohort (s, β → ∞: ${b.warning}), so there is no covariate fit to start from; use bgnbd-gg+cov`,
      );
    base = b;
    fit = fitParetoNbdCovariates(h, sets, {
      ...options,
      start: [b.params.r, b.params.alpha, b.params.s, b.params.beta],
    });
  } else {
    const b = fitBgNbd(h);
    base = b;
    fit = fitBgNbdCovariates(h, sets, { ...options, start: [b.params.r, b.params.alpha, b.params.a, b.params.b] });
  }
  const n = matrix.customers,
    purchases = new Float64Array(n),
    repurchase = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const fi =
      fit.model === 'pareto-nbd-covariates' ? covariateCustomerFit(fit, sets, i) : covariateCustomerFit(fit, sets, i);
    const hi = { frequency: h.frequency[i], recency: h.recency[i], T: h.T[i] };
    purchases[i] = conditionalExpectedPurchases(fi, t, hi)[0];
    repurchase[i] = repurchaseProbability(fi, t, hi)[0];
  }
  return {
    purchases,
    repurchase,
    info: {
      params: fit.params,
      stdErrors: fit.stdErrors,
      boundary: false,
      coefficients: fit.coefficients,
      coefficientStdErrors: fit.coefficientStdErrors,
      covariates: fit.covariates,
      penalty: fit.penalty,
      logLikelihood: fit.logLikelihood,
      noCovariateLogLikelihood: base.logLikelihood,
      likelihoodRatio: 2 * (fit.logLikelihood - base.logLikelihood),
      nCustomers: fit.nCustomers,
      iterations: fit.iterations,
      converged: fit.converged,
      ...(fit.warning ? { warning: fit.warning } : {}),
    },
  };
}

/** Creates bgnbd-gg or pareto-nbd-gg, or with `covariates` their `+cov` variants (see header). */
export function btydModel(
  kind: 'bgnbd' | 'pareto-nbd',
  config: Record<string, unknown> = {},
  covariates = false,
): BenchModel {
  const name = `${kind === 'bgnbd' ? 'bgnbd-gg' : 'pareto-nbd-gg'}${covariates ? '+cov' : ''}`;
  const where = `baselines/${name}`;
  const c: Readonly<typeof DEFAULT_BTYD_MODEL & Partial<typeof DEFAULT_BTYD_COVARIATE_MODEL>> = covariates
    ? resolveOptions(where, DEFAULT_BTYD_COVARIATE_MODEL, config, { coerce: true })
    : resolveOptions(where, DEFAULT_BTYD_MODEL, config, { coerce: true });
  if (!['auto', 'week', 'day'].includes(c.unit))
    throw new Error(`${where}: unit must be 'auto', 'week' or 'day', got '${c.unit}'`);
  if (covariates) {
    if (!['both', 'trans', 'life'].includes(c.processes!))
      throw new Error(`${where}: processes must be 'both', 'trans' or 'life', got '${c.processes}'`);
    if (!(Number.isFinite(c.penalty) && c.penalty! >= 0))
      throw new Error(`${where}: penalty must be a number >= 0, got ${c.penalty}`);
  }
  return Object.freeze({
    name,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { score, start } = task.split;
      // checked before any fitting: a +cov model without covariates fails at once
      const matrix = covariates ? covariateMatrixOf(where, task.covariates, task.split.customers.length) : undefined;
      const unit =
        c.unit === 'auto'
          ? (score.featureEnd - start) / 86_400_000 >= c.weeksFromDays
            ? 'week'
            : 'day'
          : (c.unit as 'week' | 'day');
      const h = rfmFeatures(task, score.featureEnd, unit).history;
      task.progress?.(
        0.1,
        `${name}: fitting ${kind}${matrix ? ` with ${matrix.names.length} covariates` : ''} on ${h.frequency.length} customers (${unit}s)`,
      );
      const t = (score.labelEnd - score.featureEnd) / unitMs(unit);
      const {
        purchases,
        repurchase,
        info: fitInfo,
      } = matrix
        ? covariatePredictions(where, kind, h, t, matrix, c.processes!, c.penalty!)
        : plainPredictions(kind, h, t);
      task.progress?.(0.6, `${name}: predicted ${t.toFixed(2)} ${unit}s ahead`);
      const { spend, info: spendInfo } = occasionSpend(
        task.log.valueTarget,
        { ...h, occasions: h.purchaseDays },
        c.spendFallback,
        'Day',
      );
      const value = purchases.map((p, i) => Math.max(0, p * spend[i]));
      task.progress?.(1, `${name}: done`);
      return Object.freeze({
        value,
        repurchase,
        info: Object.freeze({ unit, horizon: t, ...fitInfo, spend: spendInfo }),
      });
    },
  });
}
