// `gbdt` and `gbdt+social` benchmark models: histogram gradient-boosted trees (@clvlab/trees,
// Chen & Guestrin 2016 second-order boosting) with the Tweedie objective (variance power 1.5,
// the usual choice for zero-heavy spend: a point mass at 0 and a skewed positive part) on the
// engineered feature table (tree-features.ts). Learns from the fit window's TRAIN fold, stops
// early on the VALID fold's Tweedie deviance, predicts E[value] = e^margin at the score window.
// The repurchase score is 1 − exp(−value / m), m = the mean positive train target: a monotone
// transform of value (its AUC ranks by value); `two-stage` models repurchase explicitly.
// Explanations (mean |SHAP|, "why this customer") go in the output's info for the report.
import { resolveOptions } from '@clvlab/core';
import { DEFAULT_GBDT, fitGbdt } from '@clvlab/trees';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { treeModelOutput } from './tree-explanations.ts';
import { labelsOf, selectRows, trainingMatrix, treeFeatures } from './tree-features.ts';

export const DEFAULT_GBDT_MODEL: Readonly<{
  rounds: number;
  learningRate: number;
  maxDepth: number;
  lambda: number;
  minChildWeight: number;
  subsample: number;
  colsampleByTree: number;
  earlyStoppingRounds: number;
}> = Object.freeze({
  /** An upper bound: early stopping on the valid fold picks the count. */
  rounds: 500,
  /** Shrinkage; with early stopping a smaller step costs rounds, not accuracy (the trees package's default). */
  learningRate: DEFAULT_GBDT.learningRate,
  /** Shallower than XGBoost's 6: ~60 features of a few thousand train customers; `--tune` searches 3–6. */
  maxDepth: 4,
  /** L2 leaf penalty (XGBoost's default). */
  lambda: DEFAULT_GBDT.lambda,
  /** Minimum Σ hessian per child (XGBoost's default). */
  minChildWeight: DEFAULT_GBDT.minChildWeight,
  /** Row and column subsampling per tree: the usual 0.8, which decorrelates trees on small data. */
  subsample: 0.8,
  colsampleByTree: 0.8,
  /** Rounds without a better valid deviance before stopping. */
  earlyStoppingRounds: 30,
});

/** Creates gbdt (social = false) or gbdt+social (see header). */
export function gbdtModel(social: boolean, config: Record<string, unknown> = {}): BenchModel {
  const name = social ? 'gbdt+social' : 'gbdt';
  const c = resolveOptions(`baselines/${name}`, DEFAULT_GBDT_MODEL, config, { coerce: true });
  return Object.freeze({
    name,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const f = treeFeatures(task, social, `baselines/${name}`);
      const y = labelsOf(task.split.fit.target, f.trainRows);
      const valid =
        f.validRows.length > 0
          ? { x: selectRows(f.fit, f.validRows), y: labelsOf(task.split.fit.target, f.validRows) }
          : undefined;
      task.progress?.(0.1, 'boosting');
      const model = fitGbdt(trainingMatrix(f, f.trainRows), y, { ...c, objective: 'tweedie', seed: task.seed, valid });
      return treeModelOutput(task, f, model, model.predict(f.score), y, {
        bestIteration: model.bestIteration,
        roundsTrained: model.roundsTrained,
      });
    },
  });
}
