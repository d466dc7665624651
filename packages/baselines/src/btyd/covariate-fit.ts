// Maximum likelihood for the covariate models of covariate-likelihood.ts through the shared
// driver (fit-mle.ts). That driver optimises and reports every parameter on the log scale
// (values = e^θ, standard errors by the delta method θ·sd(log θ)); the coefficients γ are
// real-valued θ entries, so they are read back as γ = ln(value), se(γ) = se/value — the exact
// inverse of that mapping — rather than changing the shared driver. Results are frozen, with
// coefficients named `trans.<covariate>` / `life.<covariate>` as CLVTools prints them.
import { resolveOptions } from '@clvlab/core';
import { historyColumns } from './customer-arrays.ts';
import { covariateLogLikelihood } from './covariate-likelihood.ts';
import { fitMaximumLikelihood } from '../optim/fit-mle.ts';
import type { MleResult } from '../optim/fit-mle.ts';
import type { CovariateModel, CovariatePenalty, CovariateSets } from './covariate-likelihood.ts';
import type { BtydData, FitDiagnostics } from './fit-types.ts';
import { DEFAULT_MINIMIZE } from '../optim/minimize.ts';
import type { MinimizeOptions } from '../optim/minimize.ts';

export const DEFAULT_COVARIATE_FIT: Readonly<{
  start: readonly number[] | undefined;
  requireConvergence: boolean;
  gradientTolerance: number;
  penalty: Readonly<Partial<CovariatePenalty>>;
}> = Object.freeze({
  /** Base-parameter start; undefined = the no-covariate MLE (with γ = 0 the likelihoods agree there, so the fit starts at a known good point). */
  start: undefined,
  /** Throw when the optimiser does not converge (the error names what was tried). */
  requireConvergence: true,
  /** Mean-LL gradient tolerance (see minimize.ts). */
  gradientTolerance: 1e-7,
  /** L2 weights on γ_trans, γ_life (CLVTools reg.lambdas); 0 = plain MLE, the published fits are unpenalised. */
  penalty: Object.freeze({ trans: 0, life: 0 }),
});
export type CovariateFitOptions = Partial<typeof DEFAULT_COVARIATE_FIT> & MinimizeOptions;

/**
 * Resolves covariate-fit options (unknown keys rejected) and splits off what the no-covariate
 * fitter understands (start and penalty are the covariate model's own).
 */
export type ResolvedCovariateOptions = Readonly<typeof DEFAULT_COVARIATE_FIT & typeof DEFAULT_MINIMIZE>;
export function resolveCovariateOptions(
  where: string,
  options: CovariateFitOptions | undefined,
): { o: ResolvedCovariateOptions; base: Omit<ResolvedCovariateOptions, 'start' | 'penalty'> } {
  const o = resolveOptions(where, { ...DEFAULT_MINIMIZE, ...DEFAULT_COVARIATE_FIT }, options);
  const { start: _s, penalty: _p, ...base } = o;
  return { o, base };
}

export interface CovariateFit<M extends string, K extends string> extends FitDiagnostics {
  readonly model: M;
  readonly params: Readonly<Record<K, number>>;
  readonly stdErrors: Readonly<Record<K, number>>;
  /** γ by name: `trans.<covariate>`, `life.<covariate>`. */
  readonly coefficients: Readonly<Record<string, number>>;
  readonly coefficientStdErrors: Readonly<Record<string, number>>;
  /** Covariate names per process, in coefficient order. */
  readonly covariates: Readonly<{ trans: readonly string[]; life: readonly string[] }>;
  readonly penalty: CovariatePenalty;
  /** The maximised objective: logLikelihood − N·(λ_trans‖γ_trans‖² + λ_life‖γ_life‖²). */
  readonly penalizedLogLikelihood: number;
  /** Set when a coefficient ran off (|γ| > 10, a rate ratio over e^10): the likelihood is flat that way, no finite MLE for it. */
  readonly warning?: string;
}

/** Checks covariate sets against n customers; names the set and the mismatch. */
export function checkCovariateSets(where: string, cov: CovariateSets, n: number): void {
  for (const set of ['trans', 'life'] as const) {
    const m = cov[set];
    if (m && m.customers !== n)
      throw new Error(`${where}: the '${set}' covariates have ${m.customers} customers, the histories ${n}`);
  }
  if (!cov.trans?.names.length && !cov.life?.names.length)
    throw new Error(`${where}: no covariates given (use the no-covariate fitter)`);
}

/** Fits `model` with covariates from base start values `start` and γ = 0. */
export function fitWithCovariates<M extends string, K extends string>(
  where: string,
  name: M,
  model: CovariateModel & { readonly names: readonly K[] },
  data: BtydData,
  cov: CovariateSets,
  start: readonly number[],
  options: ResolvedCovariateOptions,
): CovariateFit<M, K> {
  const h = historyColumns(where, data);
  const n = h.x.length;
  if (n === 0) throw new Error(`${where}: empty cohort (no customers to fit)`);
  checkCovariateSets(where, cov, n);
  const penalty = covariatePenalty(where, options.penalty);
  const tn = cov.trans?.names ?? [],
    ln = cov.life?.names ?? [];
  const theta0 = Float64Array.from([...start.map(Math.log), ...new Array<number>(tn.length + ln.length).fill(0)]);
  const mle = fitMaximumLikelihood(
    where,
    (t, g) => covariateLogLikelihood(model, h, cov, penalty, t, g),
    theta0,
    n,
    options,
  );
  return covariateFitResult(name, model.names, { trans: tn, life: ln }, mle, n, penalty);
}

/**
 * The frozen covariate fit from the driver's output, θ = [log base…, γ_trans…, γ_life…]:
 * γ = ln(value) and se(γ) = se/value undo the driver's log-scale reporting (see header).
 */
export function covariateFitResult<M extends string, K extends string>(
  name: M,
  names: readonly K[],
  covariates: { trans: readonly string[]; life: readonly string[] },
  mle: MleResult,
  n: number,
  penalty: CovariatePenalty,
): CovariateFit<M, K> {
  const tn = covariates.trans,
    ln = covariates.life;
  const coefNames = [...tn.map((c) => `trans.${c}`), ...ln.map((c) => `life.${c}`)];
  const m = names.length;
  const pick = (v: ArrayLike<number>, keys: readonly string[], off: number): Readonly<Record<string, number>> =>
    Object.freeze(Object.fromEntries(keys.map((k, i) => [k, v[off + i]])));
  const gamma = Array.from(mle.values, (v, i) => (i < m ? v : Math.log(v)));
  const gammaSe = Array.from(mle.stdErrors, (v, i) => (i < m ? v : v / mle.values[i]));
  let pen = 0;
  for (let c = 0; c < coefNames.length; c++) pen += (c < tn.length ? penalty.trans : penalty.life) * gamma[m + c] ** 2;
  const diverged = coefNames.filter((_, c) => Math.abs(gamma[m + c]) > 10);
  const warning = diverged.length
    ? `no finite MLE for ${diverged.map((k) => `${k} (${gamma[m + coefNames.indexOf(k)].toFixed(1)}, se ${gammaSe[m + coefNames.indexOf(k)].toPrecision(3)})`).join(', ')}: ` +
      'the likelihood keeps rising as the coefficient runs off; drop the covariate from that process or add a penalty'
    : undefined;
  return Object.freeze({
    ...(warning ? { warning } : {}),
    model: name,
    params: pick(gamma, names, 0) as Readonly<Record<K, number>>,
    stdErrors: pick(gammaSe, names, 0) as Readonly<Record<K, number>>,
    coefficients: pick(gamma, coefNames, m),
    coefficientStdErrors: pick(gammaSe, coefNames, m),
    covariates: Object.freeze({ trans: Object.freeze([...tn]), life: Object.freeze([...ln]) }),
    penalty,
    logLikelihood: mle.logLikelihood + n * pen,
    penalizedLogLikelihood: mle.logLikelihood,
    nCustomers: n,
    converged: mle.converged,
    iterations: mle.iterations,
    gradientNorm: mle.gradientNorm,
    methods: mle.methods,
  });
}

/** Validated penalty weights (default 0). */
export function covariatePenalty(where: string, given: Partial<CovariatePenalty> | undefined): CovariatePenalty {
  const penalty = Object.freeze({ trans: given?.trans ?? 0, life: given?.life ?? 0 });
  for (const [k, v] of Object.entries(penalty))
    if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${where}: expected penalty.${k} >= 0, got ${v}`);
  return penalty;
}
