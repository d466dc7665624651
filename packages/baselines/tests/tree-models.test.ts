// The tree benchmark models (gbdt, random-forest, decision-tree, two-stage) on the real CDNOW
// sample: sealed tasks only (test labels NaN), so nothing here can learn from what it is scored
// on; a perturbed test fold must leave every other customer's prediction bit-identical; TreeSHAP
// explanations satisfy local accuracy (Σ contributions = margin) on each model's own trees; the
// same seed gives the same numbers; a single-class label is a clear error.
import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import { fitDecisionTree, fitGbdt, fitRandomForest, treeShap } from '@clvlab/trees';
import type { TreeEnsemble } from '@clvlab/trees';
import { createBaselineModel } from '../src/index.ts';
import { labelsOf, selectRows, treeFeatures } from '../src/trees/tree-features.ts';
import { cdnowTask } from './fixtures.ts';
import { perturbTestFold, sameBits, sealTask } from './sealed-task.ts';

/** Normalized Gini (Lorenz-area ratio; predictions here have no ties that matter at this tolerance). */
function normalizedGini(actual: number[], predicted: number[]): number {
  const gini = (by: number[]): number => {
    const order = actual.map((_, i) => i).sort((a, b) => by[b] - by[a] || a - b);
    const total = actual.reduce((s, v) => s + v, 0);
    let cum = 0,
      area = 0;
    for (const i of order) {
      cum += actual[i] / total;
      area += cum;
    }
    return area / actual.length - (actual.length + 1) / (2 * actual.length);
  };
  return gini(predicted) / gini(actual);
}

const TREE_MODELS = ['gbdt', 'random-forest', 'decision-tree', 'two-stage'] as const;
// A 30-tree forest keeps the test quick; the defaults are exercised by the bench tests.
const CONFIG: Record<string, Record<string, unknown>> = { 'random-forest': { trees: 30 } };

describe('tree benchmark models on CDNOW', () => {
  it('rank test customers well from sealed tasks, and a perturbed test fold changes no other prediction', async () => {
    const task = await cdnowTask();
    const sealed = sealTask(task);
    const test = Array.from(task.split.fold.keys()).filter((r) => task.split.fold[r] === Fold.test);
    const actual = test.map((r) => task.split.score.target[r]);
    const moved = sealTask(perturbTestFold(task));
    for (const name of TREE_MODELS) {
      const out = await createBaselineModel(name, CONFIG[name]).run(sealed);
      expect(out.value.length).toBe(task.split.customers.length);
      for (const v of out.value) expect(Number.isFinite(v) && v >= 0, name).toBe(true);
      const gini = normalizedGini(
        actual,
        test.map((r) => out.value[r]),
      );
      // CDNOW's encoders and an off-the-shelf XGBoost reach ~0.72 (issue 12); a working tree model is far above chance
      expect(gini, name).toBeGreaterThan(name === 'decision-tree' ? 0.55 : 0.65);
      const info = out.info as { importance: { feature: string }[]; why: unknown[] };
      expect(info.importance.length).toBeGreaterThan(3);
      expect(info.why).toHaveLength(10);
      const again = await createBaselineModel(name, CONFIG[name]).run(sealed);
      expect(sameBits(again.value, out.value), `${name} deterministic`).toBe(true);
      const other = await createBaselineModel(name, CONFIG[name]).run(moved);
      const keep = Array.from(task.split.fold.keys()).filter((r) => task.split.fold[r] !== Fold.test);
      expect(
        sameBits(
          Float64Array.from(keep, (r) => other.value[r]),
          Float64Array.from(keep, (r) => out.value[r]),
        ),
        `${name}: test fold leaked`,
      ).toBe(true);
    }
  });

  it('explanations are exact: TreeSHAP rows sum to the margin of gbdt, the forest, the tree and the logistic stage (1e-6)', async () => {
    const task = sealTask(await cdnowTask());
    const f = treeFeatures(task, false, 'test');
    const x = selectRows(f.fit, f.trainRows),
      y = labelsOf(task.split.fit.target, f.trainRows);
    const bought = labelsOf(task.split.fit.repurchase, f.trainRows);
    const models: [string, TreeEnsemble & { predictMargin(x: Float64Array[]): Float64Array }][] = [
      ['gbdt', fitGbdt(x, y, { objective: 'tweedie', rounds: 60, maxDepth: 4 })],
      ['random-forest', fitRandomForest(x, y, { trees: 20, seed: 1 })],
      ['decision-tree', fitDecisionTree(x, y)],
      ['logistic', fitGbdt(x, bought, { objective: 'logistic', rounds: 40 })],
    ];
    const rows = f.testRows.slice(0, 200);
    const xs = selectRows(f.score, rows);
    for (const [name, m] of models) {
      const phi = treeShap(m, xs),
        margin = m.predictMargin(xs),
        p = f.names.length;
      let worst = 0;
      for (let i = 0; i < rows.length; i++) {
        let s = 0;
        for (let j = 0; j <= p; j++) s += phi[i * (p + 1) + j];
        worst = Math.max(worst, Math.abs(s - margin[i]));
      }
      expect(worst, name).toBeLessThan(1e-6);
    }
  });

  it('two-stage refuses a single-class repurchase label with a one-line reason', async () => {
    const task = sealTask(await cdnowTask());
    const repurchase = new Uint8Array(task.split.customers.length);
    const flat = { ...task, split: { ...task.split, fit: { ...task.split.fit, repurchase } } };
    await expect(createBaselineModel('two-stage').run(flat)).rejects.toThrow(
      /two-stage: the train fold's repurchase label is all 0/,
    );
  });
});
