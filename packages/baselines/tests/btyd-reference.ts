// Fit objects at the published CDNOW parameters (FHL 2005, rounded as published; the
// prediction tests compare our formulas at these fixed parameters with independent numerical
// integration in python, so our own fit is not involved) and the reference histories.
import type { BgNbdFit, ParetoNbdFit } from '../src/index.ts';

const diagnostics = {
  stdErrors: { r: 0, alpha: 0, a: 0, b: 0 },
  logLikelihood: 0,
  nCustomers: 0,
  converged: true,
  iterations: 0,
  gradientNorm: 0,
  methods: [],
};
export const BG: BgNbdFit = { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, ...diagnostics };
export const PNBD: ParetoNbdFit = {
  model: 'pareto-nbd',
  params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 },
  ...diagnostics,
  stdErrors: { r: 0, alpha: 0, s: 0, beta: 0 },
};
/** (x, t_x, T) in weeks: zero-repeat, the FHL point check, a heavy buyer, a lapsed heavy buyer. */
export const HISTORY = {
  frequency: [0, 2, 1, 7, 25, 10],
  recency: [0, 30.43, 1.71, 35, 38, 5],
  T: [38.86, 38.86, 38.86, 38.86, 38.86, 30],
};
export const CUSTOMERS = HISTORY.frequency.map((x, i) => [x, HISTORY.recency[i], HISTORY.T[i]]);
