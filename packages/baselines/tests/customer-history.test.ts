import { describe, expect, it } from 'vitest';
import { btydSummary } from '@clvlab/sessions';
import { customerHistory } from '../src/index.ts';
import { cdnowTask, CDNOW_CUTOFF } from './fixtures.ts';
import { FEATURE_END, smallLog, smallTask } from './small-log.ts';

describe('customerHistory', () => {
  it('computes the hand-worked history (same-day purchases merged, returns netted on purchase days only)', () => {
    const task = smallTask();
    const h = customerHistory(task.log, task.offsets, Int32Array.of(0, 1, 2), task.split.start, FEATURE_END, 'week');
    // a: purchase days 01-01, 01-15, 03-01; first..last 60 days; first..03-31 90 days
    expect(h.purchaseDays[0]).toBe(3);
    expect(h.frequency[0]).toBe(2);
    expect(h.recency[0]).toBeCloseTo(60 / 7, 12);
    expect(h.T[0]).toBeCloseTo(90 / 7, 12);
    expect(h.monetary[0]).toBeCloseTo((20 - 8 + 30) / 2, 12); // repeat days: 12 and 30
    expect(h.revenue[0]).toBeCloseTo(10 + 5 + 20 - 8 - 3 + 30, 12);
    expect(h.daysSinceLast[0]).toBe(30);
    expect(h.lastGapDays[0]).toBe(46);
    expect(h.tenureDays[0]).toBeCloseTo(97.5, 12); // first event 2019-12-25 12:00
    // b: one zero-priced purchase day; c: nothing before the cut-off
    expect([h.purchaseDays[1], h.frequency[1], h.monetary[1], h.T[1] * 7]).toEqual([1, 0, 0, 11]);
    expect(h.purchaseDays[2]).toBe(0);
    expect(Number.isNaN(h.daysSinceLast[2])).toBe(true);
  });

  it('counts purchases instead of money for a count target', () => {
    const task = smallTask(smallLog('count'));
    const h = customerHistory(task.log, task.offsets, Int32Array.of(0), task.split.start, FEATURE_END, 'day');
    expect(h.revenue[0]).toBe(4);
    expect(h.monetary[0]).toBe(1);
    expect(h.recency[0]).toBe(60);
  });

  it('agrees with @clvlab/sessions btydSummary on the raw CDNOW sample', async () => {
    const task = await cdnowTask();
    const h = customerHistory(task.log, task.offsets, task.split.customers, task.split.start, CDNOW_CUTOFF, 'week');
    const s = btydSummary(task.log, { calibrationEnd: CDNOW_CUTOFF, unit: 'week', customers: task.split.customers });
    for (let i = 0; i < s.frequency.length; i++) {
      expect(h.frequency[i]).toBe(s.frequency[i]);
      expect(Math.abs(h.recency[i] - s.recency[i]) + Math.abs(h.T[i] - s.T[i])).toBeLessThan(1e-12);
      expect(Math.abs(h.monetary[i] - s.monetary[i])).toBeLessThan(1e-9);
    }
  });
});
