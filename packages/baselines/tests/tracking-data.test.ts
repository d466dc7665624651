import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fitBgNbd, fitParetoNbd, trackingData } from '../src/index.ts';
import { calibrationCohort, rfmFeatures } from '@clvlab/features';
import { CDNOW_CUTOFF, CDNOW_HOLDOUT_END, CDNOW_SAMPLE, cdnowTask } from './fixtures.ts';

describe('trackingData', () => {
  it('counts holdout repeat purchase days on CDNOW as an independent parse does, and sums consistently', async () => {
    const task = await cdnowTask();
    const h = rfmFeatures(task).history;
    const fits = { bgnbd: fitBgNbd(h), pnbd: fitParetoNbd(h) };
    const t = trackingData(task.log, fits, { calibrationEnd: CDNOW_CUTOFF, holdoutEnd: CDNOW_HOLDOUT_END });
    // independent: distinct (customer, day) pairs dated 1997-10-01 .. 1998-06-30 in the raw file
    const actual = Number(
      execFileSync(
        'bash',
        ['-c', `zcat '${CDNOW_SAMPLE}' | awk '$3 >= 19971001 && $3 <= 19980630 {print $2, $3}' | sort -u | wc -l`],
        { encoding: 'utf8' },
      ),
    );
    expect(t.holdoutTotal.actual).toBe(actual);
    expect(t.horizon).toBe(39);
    expect(t.byFrequency.map((g) => g.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(t.byFrequency.reduce((s, g) => s + g.customers, 0)).toBe(2357);
    expect(Math.abs(t.byFrequency.reduce((s, g) => s + g.actual * g.customers, 0) - actual)).toBeLessThan(1e-6);
    for (const n of ['bgnbd', 'pnbd']) {
      expect(
        Math.abs(t.byFrequency.reduce((s, g) => s + g.expected[n] * g.customers, 0) - t.holdoutTotal.expected[n]),
      ).toBeLessThan(1e-6);
    }
    // cumulative: 78 weekly steps, 39 in calibration; calibration total = Σ frequency
    expect(t.cumulative.length).toBe(78);
    expect(t.calibrationSteps).toBe(39);
    expect(t.cumulative[38].actual).toBe(h.frequency.reduce((s, v) => s + v, 0));
    expect(t.cumulative[77].actual - t.cumulative[38].actual).toBe(actual);
    // both models track the holdout within 15% (FHL 2005 Figure 2 shows close tracking)
    for (const n of ['bgnbd', 'pnbd'])
      expect(Math.abs(t.cumulative[77].expected[n] / t.cumulative[77].actual - 1)).toBeLessThan(0.15);
  });

  it('rejects an empty cohort and a holdout before calibration', async () => {
    const task = await cdnowTask();
    expect(() => calibrationCohort(task.log, Date.UTC(1990, 0, 1))).toThrow('features/calibrationCohort: empty cohort');
    expect(() => trackingData(task.log, {}, { calibrationEnd: CDNOW_CUTOFF, holdoutEnd: CDNOW_CUTOFF })).toThrow(
      'baselines/trackingData: holdoutEnd must be after calibrationEnd',
    );
  });
});
