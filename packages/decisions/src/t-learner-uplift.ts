// The T-learner ("two-model") uplift estimate (Künzel, Sekhon, Bickel & Yu 2019, "Metalearners
// for estimating heterogeneous treatment effects using machine learning", PNAS 116:4156, §2):
// fit one outcome model on treated and one on control customers (the app's job: models are
// fitted there), then τ̂(x) = μ̂_T(x) − μ̂_C(x). This is that difference, checked.

import type { NumericArray } from '@clvlab/metrics';
import { finiteVector } from './validate-inputs.ts';

/** predTreated[i] − predControl[i]; throws `decisions/tLearnerUplift: ...` on bad input. */
export function tLearnerUplift(predTreated: NumericArray, predControl: NumericArray): Float64Array {
  const t = finiteVector('tLearnerUplift', 'predTreated', predTreated);
  const c = finiteVector('tLearnerUplift', 'predControl', predControl, t.length, 'predTreated');
  for (let i = 0; i < t.length; i++) t[i] -= c[i];
  return t;
}
