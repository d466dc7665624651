// The frozen result every fitter of the BTYD family returns (docs/architecture.md §Style:
// immutable results with named parameters, standard errors and log-likelihood), built from
// the shared maximum-likelihood driver's output and the parameter names in optimiser order.
import type { MleResult } from '../optim/fit-mle.ts';
import type { FitDiagnostics } from './fit-types.ts';

export type NamedFit<M extends string, K extends string> = FitDiagnostics & {
  readonly model: M;
  readonly params: Readonly<Record<K, number>>;
  readonly stdErrors: Readonly<Record<K, number>>;
};

/** `{model, params, stdErrors, logLikelihood, …}` frozen, with `names[i]` ↔ `m.values[i]`. */
export function namedFit<M extends string, K extends string>(
  model: M,
  names: readonly K[],
  m: MleResult,
  nCustomers = m.nCustomers,
): NamedFit<M, K> {
  const pick = (v: Float64Array): Readonly<Record<K, number>> =>
    Object.freeze(Object.fromEntries(names.map((k, i) => [k, v[i]])) as Record<K, number>);
  return Object.freeze({
    model,
    params: pick(m.values),
    stdErrors: pick(m.stdErrors),
    logLikelihood: m.logLikelihood,
    nCustomers,
    converged: m.converged,
    iterations: m.iterations,
    gradientNorm: m.gradientNorm,
    methods: m.methods,
  });
}
