import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import { rfmFeatures, rfmSegmentModel, rfmTiers } from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';

describe('rfm-segment', () => {
  it('predicts the shrunk train-fold mean of each R-F-M cell (recomputed by hand)', async () => {
    const task = await cdnowTask();
    const out = await rfmSegmentModel().run(task);
    const k = (out.info as { shrinkage: number }).shrinkage;
    const t = rfmTiers(rfmFeatures(task));
    const cell = (i: number): string => `${t.recency[i]}${t.frequency[i]}${t.monetary[i]}`;
    const y = task.split.fit.target;
    const train = Array.from(task.split.fold.keys()).filter((i) => task.split.fold[i] === Fold.train);
    const mu = train.reduce((s, i) => s + y[i], 0) / train.length;
    for (const i of [0, 3, 10, 100]) {
      const same = train.filter((j) => cell(j) === cell(i));
      const expected = (same.reduce((s, j) => s + y[j], 0) + k * mu) / (same.length + k);
      expect(out.value[i]).toBeCloseTo(expected, 9);
    }
  });

  it('chooses the shrinkage on the valid fold from the grid and rejects a bad grid', async () => {
    const out = await rfmSegmentModel({ shrinkageGrid: '7' }).run(await cdnowTask());
    expect((out.info as { shrinkage: number }).shrinkage).toBe(7);
    expect(() => rfmSegmentModel({ shrinkageGrid: 'a,1' })).toThrow('baselines/rfm-segment: shrinkageGrid must be numbers >= 0');
  });
});
