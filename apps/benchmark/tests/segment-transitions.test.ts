// Segment transitions (segment-labels.ts segmentTransitions) on the real CDNOW sample: row totals
// equal the stage counts at the cutoff, column totals the stage counts at the end of the holdout,
// both recomputed directly from the history kernel; the CSV carries every cell.
import { describe, expect, it } from 'vitest';
import { customerOffsets } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { LIFECYCLE_STAGES, lifecycleStage, rfmFeatures } from '@clvlab/features';
import { evaluationSplit } from '@clvlab/sessions';
import { sharedDataPath } from '../src/index.ts';
import { segmentTransitions, transitionsCsv } from '../src/record/segment-labels.ts';

describe('segmentTransitions', () => {
  it('has the cutoff stages as row totals and the end-of-holdout stages as column totals', async () => {
    const { log } = await readEventLog(sharedDataPath('cdnow/CDNOW_sample.txt.gz'), { format: 'cdnow' });
    const split = evaluationSplit(log, {
      cutoff: Date.UTC(1997, 9, 1),
      horizon: Date.UTC(1998, 6, 1) - Date.UTC(1997, 9, 1),
    });
    const payload = {
      id: 'cdnow-sample',
      log,
      session: new Int32Array(log.length),
      offsets: customerOffsets(log),
      split,
    };
    const t = segmentTransitions(payload);
    const L = LIFECYCLE_STAGES.length;
    const count = (end: number) => {
      const stages = lifecycleStage(rfmFeatures(payload, end).history);
      return LIFECYCLE_STAGES.map((s) => stages.filter((x) => x === s).length);
    };
    const atCutoff = count(split.score.featureEnd),
      atEnd = count(split.score.labelEnd);
    for (let i = 0; i < L; i++) {
      expect(t.lifecycle.rowTotals[i]).toBe(atCutoff[i]);
      let col = 0;
      for (let r = 0; r < L; r++) col += t.lifecycle.counts[r * L + i];
      expect(col).toBe(atEnd[i]);
    }
    expect(t.lifecycle.total).toBe(split.customers.length);
    expect(t.rfm.total).toBe(split.customers.length);
    const csv = transitionsCsv([t]).trimEnd().split('\n');
    expect(csv).toHaveLength(1 + L * L + t.rfm.labels.length ** 2);
  });
});
