import { hashUnit } from '@clvlab/core';
import { describe, expect, it } from 'vitest';
import {
  DATASET_SPLITS,
  datasetSplit,
  DEFAULT_SPLIT,
  endOfData,
  evaluationFolds,
  evaluationSplit,
  Fold,
} from '../src/index.ts';
import { logOf } from './fixtures.ts';

const day = (d: number): number => Date.UTC(2020, 0, d, 12);
const DAY = 86_400_000;

// a: buys in calibration and holdout with a big return; b: calibration only; c: holdout only;
// d: views only; e: buys in calibration, holdout return exceeds purchases (floored at 0).
const rows = [
  { customer: 'a', t: day(1), amount: 10 },
  { customer: 'a', t: day(12), amount: 30 },
  { customer: 'a', t: day(13), type: 'return' as const, amount: -5 },
  { customer: 'b', t: day(2), amount: 7 },
  { customer: 'b', t: day(14), type: 'view' as const },
  { customer: 'c', t: day(15), amount: 50 },
  { customer: 'd', t: day(3), type: 'view' as const },
  { customer: 'e', t: day(4), amount: 8 },
  { customer: 'e', t: day(11), amount: 3 },
  { customer: 'e', t: day(12), type: 'return' as const, amount: -9 },
  { customer: 'z', t: day(21), type: 'view' as const },
];

describe('evaluationSplit', () => {
  it('cross-sectional: cohort, revenue labels floored at 0, repurchase, folds by seeded hash', () => {
    const log = logOf(rows);
    const split = evaluationSplit(log, { cutoff: day(10), horizon: 10 * DAY, seed: 3 });
    const ids = [...split.customers].map((c) => log.customerIds[c]);
    expect(ids).toEqual(['a', 'b', 'e']);
    expect([...split.score.target]).toEqual([25, 0, 0]);
    expect([...split.score.repurchase]).toEqual([1, 0, 1]);
    expect(split.fit).toBe(split.score);
    expect(split.score.featureEnd).toBe(day(10));
    expect(split.score.labelEnd).toBe(day(20));
    const expectedFold = ids.map((id) => {
      const u = hashUnit(id, 3);
      return u < 0.6 ? Fold.train : u < 0.8 ? Fold.valid : Fold.test;
    });
    expect([...split.fold]).toEqual(expectedFold);
  });

  it('count target counts purchase events and ignores returns', () => {
    const split = evaluationSplit(logOf(rows, 'count'), { cutoff: day(10), horizon: 10 * DAY });
    expect([...split.score.target]).toEqual([1, 0, 1]);
  });

  it('temporal: fit labels come from [cutoff − horizon, cutoff)', () => {
    const log = logOf(rows);
    const split = evaluationSplit(log, { protocol: 'temporal', cutoff: day(12), horizon: 5 * DAY });
    expect([...split.customers].map((c) => log.customerIds[c])).toEqual(['a', 'b', 'e']);
    expect(split.fit.featureEnd).toBe(day(7));
    expect(split.fit.labelEnd).toBe(day(12));
    expect([...split.fit.target]).toEqual([0, 0, 3]);
    expect([...split.fit.repurchase]).toEqual([0, 0, 1]);
    expect([...split.score.target]).toEqual([25, 0, 0]);
  });

  it('defaults: cutoff at 75% of the span, horizon to the end of data', () => {
    const log = logOf(rows);
    const split = evaluationSplit(log);
    expect(split.start).toBe(day(1));
    expect(split.cutoff).toBe(day(1) + 0.75 * 20 * DAY);
    // The holdout ends just after the last event (day 21, 12:00), not at the next UTC midnight.
    expect(split.cutoff + split.horizon).toBe(day(21) + 1000);
    expect(split.score.labelEnd).toBe(day(21) + 1000);
    expect(split.protocol).toBe(DEFAULT_SPLIT.protocol);
    expect(Object.isFrozen(DEFAULT_SPLIT)).toBe(true);
  });

  it('folds follow the requested fractions on many customers', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ customer: `u${i}`, t: day(1 + (i % 5)), amount: 1 }));
    many.push({ customer: 'u0', t: day(20), amount: 1 });
    const split = evaluationSplit(logOf(many), { cutoff: day(10) });
    const share = (f: number): number => split.fold.filter((x) => x === f).length / split.fold.length;
    expect(share(Fold.train)).toBeCloseTo(0.6, 1);
    expect(share(Fold.valid)).toBeCloseTo(0.2, 1);
    expect(share(Fold.test)).toBeCloseTo(0.2, 1);
    const again = evaluationSplit(logOf(many), { cutoff: day(10) });
    expect([...again.fold]).toEqual([...split.fold]);
  });

  it('fails loudly on bad options', () => {
    const log = logOf(rows);
    expect(() => evaluationSplit(log, { cutoff: day(30) })).toThrow(
      /sessions\/evaluation-split: cutoff .* outside the data/,
    );
    expect(() => evaluationSplit(log, { cutoff: day(1) })).toThrow(/outside the data/);
    expect(() => evaluationSplit(log, { cutoff: day(10), horizon: 30 * DAY })).toThrow(/ends after the data/);
    expect(() => evaluationSplit(logOf(rows.filter((r) => r.type)), { cutoff: day(5) })).toThrow(/empty cohort/);
    expect(() => evaluationSplit(log, { fractions: [0.5, 0.5, 0.5] })).toThrow(/fractions/);
    expect(() => evaluationSplit(log, { protocol: 'temporal', cutoff: day(5), horizon: 10 * DAY })).toThrow(
      /temporal protocol needs/,
    );
    expect(() => evaluationSplit(log, { cutof: day(5) } as never)).toThrow(/unknown option 'cutof'/);
  });

  it('has the published CDNOW and Online Retail windows', () => {
    expect(new Date(DATASET_SPLITS.cdnow.cutoff!).toISOString()).toBe('1997-10-01T00:00:00.000Z');
    expect(DATASET_SPLITS.cdnow.horizon).toBe(39 * 7 * DAY);
    expect(new Date(DATASET_SPLITS['online-retail'].cutoff!).toISOString()).toBe('2011-09-01T00:00:00.000Z');
    expect(DATASET_SPLITS['online-retail'].horizon).toBeNull();
    expect(new Date(DATASET_SPLITS.taobao.cutoff!).toISOString()).toBe('2017-12-01T16:00:00.000Z');
    expect(datasetSplit('cdnow', { horizon: DAY })).toEqual({ cutoff: DATASET_SPLITS.cdnow.cutoff });
    expect(datasetSplit('cdnow', { cutoff: 5 })).toEqual({});
    expect(datasetSplit('toString')).toEqual({});
  });

  it('evaluationFolds: seed 1 is the split default, other seeds re-draw the partition by id alone', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ customer: `u${i}`, t: day(1 + (i % 5)), amount: 1 }));
    many.push({ customer: 'u0', t: day(20), amount: 1 });
    const log = logOf(many);
    const split = evaluationSplit(log, { cutoff: day(10) });
    expect([...evaluationFolds(log.customerIds, split.customers, 1)]).toEqual([...split.fold]);
    const f2 = evaluationFolds(log.customerIds, split.customers, 2);
    let moved = 0;
    for (let i = 0; i < f2.length; i++) if (f2[i] !== split.fold[i]) moved++;
    // Independent draws: P(same fold) = 0.6² + 0.2² + 0.2² = 0.44, so ~56% of customers move.
    expect(moved / f2.length).toBeGreaterThan(0.5);
    expect(moved / f2.length).toBeLessThan(0.62);
    expect(() => evaluationFolds(log.customerIds, split.customers, 2, [0.5, 0.5, 0.5])).toThrow(/fractions/);
  });

  it('endOfData: the next whole second after the last event', () => {
    expect(endOfData(Date.UTC(2017, 11, 3, 15, 59, 59))).toBe(Date.UTC(2017, 11, 3, 16));
    expect(endOfData(Date.UTC(2017, 11, 3, 15, 59, 59, 500))).toBe(Date.UTC(2017, 11, 3, 16));
    // A daily-dated log (stamps at 00:00 UTC) covers its whole last day.
    expect(endOfData(Date.UTC(1998, 5, 30), true)).toBe(Date.UTC(1998, 6, 1));
    const daily = logOf([
      { customer: 'a', t: Date.UTC(2020, 0, 1), amount: 1 },
      { customer: 'a', t: Date.UTC(2020, 0, 9), amount: 2 },
    ]);
    const s = evaluationSplit(daily, { cutoff: Date.UTC(2020, 0, 5) });
    expect(s.cutoff + s.horizon).toBe(Date.UTC(2020, 0, 10));
  });
});
