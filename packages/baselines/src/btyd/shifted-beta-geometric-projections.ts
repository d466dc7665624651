// Projections of the shifted-beta-geometric model (Fader & Hardie 2007, eqs. 6–7 and 9) and the
// discounted expected residual lifetime of Fader & Hardie (2010), "Customer-Base Valuation in a
// Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1), eq. (6):
//   S(t) = B(α, β+t)/B(α, β),   r_t = S(t)/S(t−1) = (β+t−1)/(α+β+t−1),
//   DERL(d | α, β, n) = Σ_{t≥n} S(t)/S(n−1) / (1+d)^{t−n}
//                     = (β+n−1)/(α+β+n−1) · 2F1(1, β+n; α+β+n; 1/(1+d)),
// for a customer in period n (who has made n−1 renewals), valued just before the renewal
// decision at the end of period n: the expected number of future payments, each discounted
// by d per period, the first (at that renewal) undiscounted. Multiply by the margin per
// period for the residual value.
import { logHyp2f1 } from '../optim/hypergeometric.ts';
import type { ShiftedBetaGeometricParams } from './shifted-beta-geometric.ts';

function checkPeriods(where: string, name: string, v: number, min: number): void {
  if (!(Number.isInteger(v) && v >= min))
    throw new Error(`${where}: expected ${name} to be an integer >= ${min}, got ${v}`);
}

/** S(0..periods): the share of a cohort still active at the start of each period. */
export function shiftedBetaGeometricSurvival(params: ShiftedBetaGeometricParams, periods: number): Float64Array {
  checkPeriods('baselines/shiftedBetaGeometricSurvival', 'periods', periods, 0);
  const { alpha, beta } = params;
  const s = new Float64Array(periods + 1);
  s[0] = 1;
  for (let t = 1; t <= periods; t++) s[t] = (s[t - 1] * (beta + t - 1)) / (alpha + beta + t - 1);
  return s;
}

/** Retention rates r_1..r_periods (index t − 1 holds r_t = S(t)/S(t−1)); they rise with t under heterogeneity. */
export function shiftedBetaGeometricRetention(params: ShiftedBetaGeometricParams, periods: number): Float64Array {
  checkPeriods('baselines/shiftedBetaGeometricRetention', 'periods', periods, 0);
  const { alpha, beta } = params;
  return Float64Array.from({ length: periods }, (_, i) => (beta + i) / (alpha + beta + i));
}

/** DERL(d | α, β, n) of FH (2010) eq. (6), see header: `n` ≥ 1 is the customer's current period. */
export function discountedExpectedResidualLifetime(
  params: ShiftedBetaGeometricParams,
  discountRate: number,
  n: number,
): number {
  const where = 'baselines/discountedExpectedResidualLifetime';
  if (!(Number.isFinite(discountRate) && discountRate > 0))
    throw new Error(
      `${where}: expected a discount rate d > 0 per period (at d = 0 the residual lifetime E[1/θ] is infinite for α <= 1), got ${discountRate}`,
    );
  checkPeriods(where, 'n (the period the customer is in)', n, 1);
  const { alpha, beta } = params;
  return (
    ((beta + n - 1) / (alpha + beta + n - 1)) *
    Math.exp(logHyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + discountRate)))
  );
}
