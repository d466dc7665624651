// What `bench --tune` searches for each baseline (docs/architecture.md §Evaluation protocol;
// issue 10 §3's equal-budget random search): config key → dimension, data like the defaults.
// Each trial trains on the train fold and the benchmark selects on the valid fold, so the models
// themselves never read valid labels. Only knobs that change predictions are listed; every key is
// one the model's resolveOptions (coerce) accepts and every default lies inside its range.
//   rfm-linear(+social)  lambda            ridge penalty, log scale (standardised units ≈ n per feature)
//   rfm-segment          shrinkage         cell pseudo-count k, log scale (0.1 ≈ no pooling, 1000 ≈ global mean)
//   historical-rate      minObservedDays   floor on the observation window, log scale, whole days
//   gbdt(+social), two-stage   learningRate, maxDepth, minChildWeight, lambda, subsample, colsampleByTree:
//                        the knobs XGBoost users tune; rounds is not (early stopping on valid picks it)
//   random-forest        maxDepth, minSamplesLeaf (the tree count only lowers variance)
//   decision-tree        minSamplesLeaf (depth stays 4: the model is the readable one)
// bgnbd-gg and pareto-nbd-gg have none: the fits are unpenalised maximum likelihood, `unit` is
// scale-equivariant (btyd-model.ts header), `weeksFromDays` only picks the unit and
// `spendFallback` is a failure policy, not a model choice.
import type { SearchSpace } from '@clvlab/sessions';

const RFM_LINEAR: SearchSpace = Object.freeze({
  lambda: Object.freeze({ min: 0.01, max: 10_000, scale: 'log' as const }),
});

const GBDT: SearchSpace = Object.freeze({
  learningRate: Object.freeze({ min: 0.02, max: 0.3, scale: 'log' as const }),
  maxDepth: Object.freeze({ choices: Object.freeze([3, 4, 6]) }),
  minChildWeight: Object.freeze({ min: 1, max: 30, scale: 'log' as const }),
  lambda: Object.freeze({ min: 0.1, max: 10, scale: 'log' as const }),
  subsample: Object.freeze({ choices: Object.freeze([0.6, 0.8, 1]) }),
  colsampleByTree: Object.freeze({ choices: Object.freeze([0.5, 0.8, 1]) }),
});

export const BASELINE_SEARCH_SPACES: Readonly<Record<string, SearchSpace>> = Object.freeze({
  'historical-rate': Object.freeze({
    minObservedDays: Object.freeze({ min: 1, max: 180, scale: 'log' as const, integer: true }),
  }),
  'rfm-segment': Object.freeze({ shrinkage: Object.freeze({ min: 0.1, max: 1000, scale: 'log' as const }) }),
  'rfm-linear': RFM_LINEAR,
  'rfm-linear+social': RFM_LINEAR,
  gbdt: GBDT,
  'gbdt+social': GBDT,
  'two-stage': GBDT,
  'random-forest': Object.freeze({
    maxDepth: Object.freeze({ choices: Object.freeze([8, 12, 16]) }),
    minSamplesLeaf: Object.freeze({ min: 2, max: 50, scale: 'log' as const, integer: true }),
  }),
  'decision-tree': Object.freeze({
    minSamplesLeaf: Object.freeze({ min: 5, max: 200, scale: 'log' as const, integer: true }),
  }),
});
