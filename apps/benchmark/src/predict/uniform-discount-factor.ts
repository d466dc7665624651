// The discount applied to models that predict only a horizon total (every model but the BTYD
// ones, which discount their own purchase curve): the value is assumed to arrive uniformly over
// [0, H], so its present value is the total times the mean discount factor
//   (1/H) ∫_0^H e^{−δt} dt = (1 − e^{−δH}) / (δH),   δ = ln(1 + d) per year,
// the same continuous rate the BTYD columns use ((1 + d)^{−t/year} = e^{−δt}).
import { unitMs } from '@clvlab/features';

/** Mean of e^{−δt} over a horizon of `horizonMs` at annual rate `annualRate` (1 when the rate is 0). */
export function uniformDiscountFactor(annualRate: number, horizonMs: number): number {
  const dh = (Math.log1p(annualRate) * horizonMs) / unitMs('year');
  return dh === 0 ? 1 : -Math.expm1(-dh) / dh;
}
