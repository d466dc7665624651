import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { customerOffsets, EventType } from '@clvlab/events';
import { customerHistory, HISTORY_COLUMNS } from '../src/index.ts';
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

  it('reads nothing at or after the cutoff: holdout events changed, moved or deleted leave every column bit-identical', async () => {
    const task = await cdnowTask();
    const { log } = task;
    const before = customerHistory(log, task.offsets, task.split.customers, task.split.start, CDNOW_CUTOFF, 'week');
    // every holdout event: amount scrambled, type flipped to a return for a third, shifted later
    // within the holdout, and a tenth deleted (the log stays sorted by customer, then time)
    const rng = createRng(7);
    const keep: number[] = [];
    for (let i = 0; i < log.length; i++) if (log.t[i] < CDNOW_CUTOFF || rng.next() >= 0.1) keep.push(i);
    const t = Float64Array.from(keep, (i) => log.t[i]),
      amount = Float64Array.from(keep, (i) => log.amount[i]);
    const type = Uint8Array.from(keep, (i) => log.type[i]),
      customer = Int32Array.from(keep, (i) => log.customer[i]);
    let touched = 0;
    for (let k = 0; k < keep.length; k++) {
      if (t[k] < CDNOW_CUTOFF) continue;
      touched++;
      amount[k] = 1000 * rng.next();
      if (rng.next() < 1 / 3) type[k] = EventType.return;
    }
    expect(touched).toBeGreaterThan(1000);
    const changed = { ...log, length: keep.length, t, amount, type, customer };
    const after = customerHistory(
      changed,
      customerOffsets(changed),
      task.split.customers,
      task.split.start,
      CDNOW_CUTOFF,
      'week',
    );
    for (const name of Object.keys(HISTORY_COLUMNS) as (keyof typeof HISTORY_COLUMNS)[]) {
      expect(after[name], name).toEqual(before[name]);
    }
  });
});
