import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import { rfmSegmentModel } from '../src/index.ts';
import { applyRfmTierCuts, rfmFeatures, rfmTierCuts } from '@clvlab/features';
import type { RfmTierCuts } from '@clvlab/features';
import { cdnowTask } from './fixtures.ts';
import { perturbTestFold, rowsOf, sameBits } from './sealed-task.ts';

describe('rfm-segment', () => {
  it('predicts the shrunk train-fold mean of each R-F-M cell, with tiers cut on the train fold (recomputed by hand)', async () => {
    const task = await cdnowTask();
    const out = await rfmSegmentModel().run(task);
    const info = out.info as { shrinkage: number; tierCuts: RfmTierCuts };
    const k = info.shrinkage;
    expect(k).toBe(5);
    const train = rowsOf(task.split, Fold.train);
    const f = rfmFeatures(task);
    expect(info.tierCuts).toEqual(rfmTierCuts(f, train));
    const t = applyRfmTierCuts(rfmTierCuts(f, train), f);
    const cell = (i: number): string => `${t.recency[i]}${t.frequency[i]}${t.monetary[i]}`;
    const y = task.split.fit.target;
    const mu = train.reduce((s, i) => s + y[i], 0) / train.length;
    for (const i of [0, 3, 10, 100, ...rowsOf(task.split, Fold.test).slice(0, 5)]) {
      const same = train.filter((j) => cell(j) === cell(i));
      const expected = (same.reduce((s, j) => s + y[j], 0) + k * mu) / (same.length + k);
      expect(out.value[i]).toBeCloseTo(expected, 9);
    }
  });

  it("fits the tier cuts and cell means on the train fold only: test customers' history changes nothing fitted", async () => {
    const task = await cdnowTask(),
      moved = perturbTestFold(task);
    const all = Array.from(task.split.customers.keys());
    // the perturbation is strong enough to move quartiles cut on the whole cohort
    expect(rfmTierCuts(rfmFeatures(moved), all)).not.toEqual(rfmTierCuts(rfmFeatures(task), all));
    const a = await rfmSegmentModel().run(task),
      b = await rfmSegmentModel().run(moved);
    expect(b.info).toEqual(a.info);
    const seen = [...rowsOf(task.split, Fold.train), ...rowsOf(task.split, Fold.valid)];
    expect(
      sameBits(
        Float64Array.from(seen, (i) => b.value[i]),
        Float64Array.from(seen, (i) => a.value[i]),
      ),
    ).toBe(true);
    expect(
      sameBits(
        Float64Array.from(seen, (i) => b.repurchase[i]),
        Float64Array.from(seen, (i) => a.repurchase[i]),
      ),
    ).toBe(true);
  });

  it('takes the shrinkage from the config (CLI strings too) and rejects a bad one', async () => {
    const task = await cdnowTask();
    const none = await rfmSegmentModel({ shrinkage: '0' }).run(task),
      heavy = await rfmSegmentModel({ shrinkage: 1e9 }).run(task);
    expect((none.info as { shrinkage: number }).shrinkage).toBe(0);
    const mu = (heavy.info as { globalMean: number }).globalMean;
    expect(heavy.value.every((v) => Math.abs(v - mu) < 1e-6 * mu)).toBe(true); // k → ∞: every cell predicts the train mean
    expect(() => rfmSegmentModel({ shrinkage: -1 })).toThrow(
      'baselines/rfm-segment: shrinkage must be a finite number >= 0, got -1',
    );
    expect(() => rfmSegmentModel({ shrinkageGrid: '1,2' })).toThrow(
      "baselines/rfm-segment: unknown option 'shrinkageGrid' (expected one of shrinkage)",
    );
  });
});
