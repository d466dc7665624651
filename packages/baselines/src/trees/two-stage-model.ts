// `two-stage` benchmark model, the engagement-based system CLV practice describes (will the
// customer buy? then how much?): P(repurchase) from a logistic GBDT on the fit window's
// repurchase label × E[value | repurchase] from a GBDT on log1p(value) of the train fold's repeat
// buyers, both on the engineered feature table (tree-features.ts; lifecycle stage is among its
// columns). The second stage's expm1 back-transform predicts a geometric mean, biased low; it is
// calibrated by Σ y / Σ ŷ over the train buyers. value = p · E[value | buy]; repurchase = p.
// Both stages stop early on the VALID fold; explanations are those of the first stage (who buys),
// on the logit scale.
import { resolveOptions } from '@clvlab/core';
import { fitGbdt } from '@clvlab/trees';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { DEFAULT_GBDT_MODEL } from './gbdt-model.ts';
import { explainTrees } from './tree-explanations.ts';
import { customerOf, labelsOf, selectRows, trainingMatrix, treeFeatures } from './tree-features.ts';

export const DEFAULT_TWO_STAGE: typeof DEFAULT_GBDT_MODEL = DEFAULT_GBDT_MODEL;

const WHERE = 'baselines/two-stage';

/** Creates the two-stage model (see header). */
export function twoStageModel(config: Record<string, unknown> = {}): BenchModel {
  const c = resolveOptions(WHERE, DEFAULT_TWO_STAGE, config, { coerce: true });
  return Object.freeze({
    name: 'two-stage',
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { fit } = task.split;
      const f = treeFeatures(task, false, WHERE);
      const bought = labelsOf(fit.repurchase, f.trainRows);
      let buyers = 0;
      for (const b of bought) buyers += b;
      if (buyers === 0 || buyers === bought.length) {
        throw new Error(
          `${WHERE}: the train fold's repurchase label is all ${buyers === 0 ? '0' : '1'} (${bought.length} customers): no first stage can be learned`,
        );
      }
      const validOf = (target: Float64Array | Uint8Array, rows: Int32Array) =>
        rows.length > 0 ? { x: selectRows(f.fit, rows), y: labelsOf(target, rows) } : undefined;
      task.progress?.(0.1, 'stage 1: who buys');
      const stage1 = fitGbdt(trainingMatrix(f, f.trainRows), bought, {
        ...c,
        objective: 'logistic',
        seed: task.seed,
        valid: validOf(fit.repurchase, f.validRows),
      });
      const buyerRows = f.trainRows.filter((r) => fit.target[r] > 0);
      const validBuyers = f.validRows.filter((r) => fit.target[r] > 0);
      task.progress?.(0.5, 'stage 2: how much');
      const x2 = trainingMatrix(f, buyerRows),
        y2 = labelsOf(fit.target, buyerRows);
      const stage2 = fitGbdt(x2, y2, {
        ...c,
        objective: 'log1p-squared',
        seed: task.seed + 1,
        valid: validOf(fit.target, validBuyers),
      });
      let sy = 0,
        sp = 0;
      const fitted = stage2.predict(x2);
      for (let i = 0; i < y2.length; i++) {
        sy += y2[i];
        sp += fitted[i];
      }
      const k = sp > 0 ? sy / sp : 1;
      const p = stage1.predict(f.score),
        amount = stage2.predict(f.score);
      const value = p.map((pi, i) => pi * k * amount[i]);
      task.progress?.(0.9, 'explaining');
      const explanation = explainTrees(stage1, f.score, f.testRows, value, customerOf(task));
      return Object.freeze({
        value,
        repurchase: p,
        info: Object.freeze({
          features: f.names.length,
          omitted: f.omitted.map((o) => o.name),
          buyers: buyerRows.length,
          calibration: k,
          bestIteration: Object.freeze({ stage1: stage1.bestIteration, stage2: stage2.bestIteration }),
          ...explanation,
        }),
      });
    },
  });
}
