// Reproduces lifetimes' cdnow_customers_summary.csv (an independent reference: Fader–Hardie
// CDNOW sample, 2,357 customers, weeks, calibration through 1997-09-30) from CDNOW_sample.txt.gz.
import { readFileSync } from 'node:fs';
import { readEventLog } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { btydSummary } from '../src/index.ts';
import { logOf } from './fixtures.ts';

const data = new URL('../../../../shared/data/cdnow/', import.meta.url);

describe('btydSummary', () => {
  it('reproduces cdnow_customers_summary.csv for all 2,357 customers', async () => {
    const { log } = await readEventLog(new URL('CDNOW_sample.txt.gz', data).pathname, { format: 'cdnow' });
    const summary = btydSummary(log, { calibrationEnd: Date.UTC(1997, 9, 1), unit: 'week' });
    const lines = readFileSync(new URL('cdnow_customers_summary.csv', data), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('ID,frequency,recency,T');
    const reference = new Map(
      lines.slice(1).map((l) => {
        const [id, f, r, T] = l.split(',');
        return [id, { f: Number(f), r: Number(r), T: Number(T) }];
      }),
    );
    expect(reference.size).toBe(2357);
    expect(summary.customer.length).toBe(2357);
    let worstR = 0,
      worstT = 0,
      frequencyMismatches = 0;
    for (let k = 0; k < summary.customer.length; k++) {
      // the reader keeps the sample's zero-padded ids ('0001'); the summary writes 1
      const ref = reference.get(String(Number(log.customerIds[summary.customer[k]])))!;
      if (summary.frequency[k] !== ref.f) frequencyMismatches++;
      worstR = Math.max(worstR, Math.abs(summary.recency[k] - ref.r));
      worstT = Math.max(worstT, Math.abs(summary.T[k] - ref.T));
    }
    expect(frequencyMismatches).toBe(0);
    expect(worstR).toBeLessThanOrEqual(0.01);
    expect(worstT).toBeLessThanOrEqual(0.01);
    const first = log.customerIds.findIndex((id) => Number(id) === 1);
    const k1 = summary.customer.indexOf(first);
    expect(summary.T[k1]).toBeCloseTo(272 / 7, 10); // first purchase 1997-01-01 -> 38.86 weeks
  });

  it('counts same-day purchases once, excludes the first day from monetary, ignores holdout and non-purchases', () => {
    const day = (d: number, h = 0): number => Date.UTC(2020, 0, d, h);
    const log = logOf([
      { customer: 'x', t: day(1, 9), amount: 10 },
      { customer: 'x', t: day(1, 15), amount: 5 },
      { customer: 'x', t: day(4, 1), amount: 20 },
      { customer: 'x', t: day(4, 23), amount: 4 },
      { customer: 'x', t: day(8, 12), type: 'view' },
      { customer: 'x', t: day(10, 12), amount: 30 },
      { customer: 'x', t: day(20, 12), amount: 999 },
      { customer: 'y', t: day(3, 12), type: 'cart' },
      { customer: 'z', t: day(9, 23), amount: 7 },
    ]);
    const s = btydSummary(log, { calibrationEnd: day(15), unit: 'day' });
    expect([...s.customer].map((c) => log.customerIds[c])).toEqual(['x', 'z']);
    expect([...s.frequency]).toEqual([2, 0]);
    expect([...s.recency]).toEqual([9, 0]);
    expect([...s.T]).toEqual([13, 5]); // last calibration day is day 14
    expect(s.monetary[0]).toBeCloseTo((24 + 30) / 2, 12);
    expect(s.monetary[1]).toBe(0);
    expect(() => btydSummary(log, { calibrationEnd: day(15), customers: Int32Array.of(1) })).toThrow(
      /customer 'y' has no purchase in calibration/,
    );
  });

  it("nets a return against its purchase day (the kernel's one policy), so Gamma-Gamma sees what rfm-linear sees", () => {
    const day = (d: number, h = 0): number => Date.UTC(2020, 0, d, h);
    const log = logOf([
      { customer: 'x', t: day(1, 9), amount: 10 },
      { customer: 'x', t: day(4, 1), amount: 20 },
      { customer: 'x', t: day(4, 20), type: 'return', amount: -5 },
      { customer: 'x', t: day(6, 12), type: 'return', amount: -2 }, // no purchase that day: revenue only
      { customer: 'x', t: day(9, 12), amount: 30 },
    ]);
    const s = btydSummary(log, { calibrationEnd: day(15), unit: 'day' });
    expect([...s.frequency]).toEqual([2]);
    expect(s.monetary[0]).toBeCloseTo((20 - 5 + 30) / 2, 12);
  });
});
