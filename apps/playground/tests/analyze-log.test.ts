// analyzeLog in Node on the CDNOW sample: the published BG/NBD fit, the segments and top list
// consistent with the scores, the holdout gain curve.
import { describe, expect, it } from 'vitest';
import { analyzeLog } from '../src/analyze-log.ts';
import { readTransactionsCsv } from '../src/read-transactions-csv.ts';
import { CDNOW_CUSTOMERS, CDNOW_ROWS, cdnowCsv, PUBLISHED_BG_NBD } from './cdnow-csv.ts';

const CUTOFF = Date.UTC(1997, 9, 1);

describe('analyzeLog on the CDNOW sample', async () => {
  const { log, report } = await readTransactionsCsv([new TextEncoder().encode(cdnowCsv())], 'cdnow.csv');
  const a = analyzeLog(log, { cutoff: CUTOFF, horizonWeeks: 39 });

  it('reads every row', () => {
    expect(report).toMatchObject({
      rowsRead: CDNOW_ROWS,
      rowsKept: CDNOW_ROWS,
      rejected: {},
      customers: CDNOW_CUSTOMERS,
      returns: 0,
      valueTarget: 'revenue',
    });
    expect(new Date(report.first).toISOString().slice(0, 10)).toBe('1997-01-01');
    expect(new Date(report.last).toISOString().slice(0, 10)).toBe('1998-06-30');
  });

  it('fits BG/NBD to the published parameters within 0.5%', () => {
    expect(a.cohort).toBe(CDNOW_CUSTOMERS);
    for (const [k, v] of Object.entries(PUBLISHED_BG_NBD))
      expect(Math.abs(a.bgnbd.params[k as keyof typeof PUBLISHED_BG_NBD] / v - 1), k).toBeLessThan(0.005);
    expect(a.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 0);
    for (const se of Object.values(a.bgnbd.stdErrors)) expect(se).toBeGreaterThan(0);
    expect('error' in a.gammaGamma).toBe(false);
  });

  it('predicts 1.226 purchases for customer 0001-like histories and sorts the top list', () => {
    const s = a.scores;
    const r = s.ids.indexOf('0001');
    expect([s.frequency[r], s.recency[r], s.T[r]].map((v) => +v.toFixed(2))).toEqual([2, 30.43, 38.86]);
    expect(s.expected[r]).toBeCloseTo(1.226, 2);
    expect(a.top).toHaveLength(20);
    for (let k = 1; k < a.top.length; k++)
      expect(s.expected[a.top[k - 1]]).toBeGreaterThanOrEqual(s.expected[a.top[k]]);
    expect(Math.max(...s.expected)).toBe(s.expected[a.top[0]]);
  });

  it('puts every customer in one RFM segment and scores the 39-week holdout', () => {
    expect(a.segments.reduce((n, s) => n + s.customers, 0)).toBe(CDNOW_CUSTOMERS);
    expect(a.curve.kind).toBe('holdout');
    expect(a.curve.holdoutWeeks).toBeCloseTo(39, 6);
    expect(a.curve.customerShare).toHaveLength(101);
    expect(a.curve.lorenz[100]).toBeCloseTo(1, 12);
    expect(a.curve.gini).toBeGreaterThan(0.3);
    for (let j = 0; j <= 100; j++) expect(a.curve.lorenz[j]).toBeGreaterThanOrEqual(a.curve.model![j] - 1e-12);
  });

  it('falls back to the calibration Lorenz curve when nothing follows the cutoff', () => {
    const end = analyzeLog(log, { cutoff: Date.UTC(1998, 6, 1), horizonWeeks: 39 });
    expect(end.curve.kind).toBe('calibration');
    expect(end.curve.model).toBeUndefined();
    expect(end.curve.holdoutWeeks).toBe(0);
  });
});
