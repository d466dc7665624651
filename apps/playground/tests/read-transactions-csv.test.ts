// The browser CSV adapter: row accounting by reason, file:line:column errors in strict mode,
// RFC 4180 quoting, returns, count logs, chunk boundaries, timestamps.
import { EventType } from '@clvlab/events';
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../src/parse-timestamp.ts';
import { readTransactionsCsv } from '../src/read-transactions-csv.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (text: string, strict = false) => readTransactionsCsv([bytes(text)], 'x.csv', { strict });

const MESSY = [
  'Customer_ID,timestamp,amount,channel',
  'b,2024-01-02,10.5,web',
  'a,2024-01-01T08:30:00Z,3,shop',
  '"c,1",2024-01-03 12:00,-2.5,web',
  '',
  'a,2024-02-30,1,web',
  ',2024-01-05,1,web',
  'b,2024-01-06,ten,web',
  'b,2024-01-07,,web',
  'b,2024-01-08,1',
  'b,20240109,4,shop',
].join('\r\n');

describe('readTransactionsCsv', () => {
  it('keeps or rejects every row under one reason, with the first error of each', async () => {
    const { log, report } = await read(MESSY);
    expect(report).toMatchObject({
      rowsRead: 9,
      rowsKept: 4,
      blankLines: 1,
      customers: 3,
      purchases: 3,
      returns: 1,
      valueTarget: 'revenue',
      rejected: { 'bad-amount': 2, 'bad-timestamp': 1, 'missing-customer': 1, 'wrong-field-count': 1 },
    });
    expect(Object.keys(report.rejected)).toEqual([
      'bad-amount',
      'bad-timestamp',
      'missing-customer',
      'wrong-field-count',
    ]);
    expect(report.firstError).toEqual({
      'bad-amount': "x.csv:8:14: expected amount as a finite number, got 'ten'",
      'bad-timestamp':
        "x.csv:6:3: expected timestamp as ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or YYYYMMDD, got '2024-02-30'",
      'missing-customer': "x.csv:7:1: expected a customer_id, got ''",
      'wrong-field-count': "x.csv:10:15: expected 4 comma-separated fields (found 3), got 'b,2024-01-08,1'",
    });
    expect(log.customerIds).toEqual(['b', 'a', 'c,1']);
    // sorted by customer index, then time
    expect(Array.from(log.customer)).toEqual([0, 0, 1, 2]);
    expect(Array.from(log.t)).toEqual([
      Date.UTC(2024, 0, 2),
      Date.UTC(2024, 0, 9),
      Date.UTC(2024, 0, 1, 8, 30),
      Date.UTC(2024, 0, 3, 12),
    ]);
    expect(Array.from(log.amount)).toEqual([10.5, 4, 3, -2.5]);
    expect(log.type[3]).toBe(EventType.return);
    expect(report.first).toBe(Date.UTC(2024, 0, 1, 8, 30));
    expect(report.last).toBe(Date.UTC(2024, 0, 9));
  });

  it('throws the first bad row in strict mode, in the file:line:column form', async () => {
    await expect(read(MESSY, true)).rejects.toThrow(
      "x.csv:6:3: expected timestamp as ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or YYYYMMDD, got '2024-02-30'",
    );
  });

  it('needs a header naming customer_id and timestamp', async () => {
    await expect(read('id,when,amount\n1,2024-01-01,3\n')).rejects.toThrow(
      "x.csv:1:1: expected a header with columns customer_id, timestamp and amount, got 'id,when,amount'",
    );
    await expect(read('')).rejects.toThrow('x.csv:1:1: expected a header');
  });

  it('makes a count log without an amount column', async () => {
    const { log, report } = await read('timestamp,customer_id\n2024-01-01,a\n2024-01-03,a\n');
    expect(report.valueTarget).toBe('count');
    expect(log.valueTarget).toBe('count');
    expect(Array.from(log.amount)).toEqual([1, 1]);
  });

  it('reads the same log whatever the chunk boundaries', async () => {
    const all = bytes(MESSY);
    const whole = await read(MESSY);
    for (const size of [1, 2, 7, 64]) {
      const chunks = Array.from({ length: Math.ceil(all.length / size) }, (_, k) =>
        all.slice(k * size, (k + 1) * size),
      );
      const { log, report } = await readTransactionsCsv(chunks, 'x.csv');
      expect(report).toEqual(whole.report);
      expect(Array.from(log.t)).toEqual(Array.from(whole.log.t));
    }
  });
});

describe('parseTimestamp', () => {
  it('reads ISO dates and date-times (no offset = UTC) and compact days', () => {
    expect(parseTimestamp('1997-01-01')).toBe(Date.UTC(1997, 0, 1));
    expect(parseTimestamp('19970101')).toBe(Date.UTC(1997, 0, 1));
    expect(parseTimestamp('2024-03-01T10:20')).toBe(Date.UTC(2024, 2, 1, 10, 20));
    expect(parseTimestamp('2024-03-01 10:20:30.25')).toBe(Date.UTC(2024, 2, 1, 10, 20, 30, 250));
    expect(parseTimestamp('2024-03-01T10:20:30+02:00')).toBe(Date.UTC(2024, 2, 1, 8, 20, 30));
    expect(parseTimestamp('2024-03-01T10:20:30-0130')).toBe(Date.UTC(2024, 2, 1, 11, 50, 30));
    expect(parseTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('0050-01-01')).toBe(new Date(0).setUTCFullYear(50, 0, 1));
  });

  it('rejects anything else', () => {
    for (const bad of [
      '',
      '2023-02-29',
      '2024-13-01',
      '2024-01-01T24:00',
      '01/02/2024',
      '2024-1-1',
      '1700000000',
      '2024-01-01Tnoon',
    ]) {
      expect(parseTimestamp(bad), bad).toBeNaN();
    }
  });
});
