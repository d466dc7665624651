import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionTable, splitSessions } from '../src/index.ts';
import { SESSIONS_CSV_HEADER, writeSessionsCsv } from '../src/node.ts';
import { logOf } from './fixtures.ts';

const T0 = Date.UTC(2024, 2, 1, 8);
const MIN = 60_000;
const log = logOf([
  { customer: 'a,1', t: T0, type: 'view' },
  { customer: 'a,1', t: T0 + 5 * MIN, type: 'purchase', amount: 0.1 },
  { customer: 'a,1', t: T0 + 6 * MIN, type: 'purchase', amount: 0.2 },
  { customer: 'a,1', t: T0 + 90 * MIN, type: 'return', amount: -2 },
  { customer: 'b', t: T0 + MIN, type: 'cart' },
]);

describe('sessionTable / writeSessionsCsv', () => {
  it('summarises each session', () => {
    const table = sessionTable(log, splitSessions(log));
    expect(table.length).toBe(3);
    expect([...table.customer]).toEqual([0, 0, 1]);
    expect([...table.session]).toEqual([0, 1, 0]);
    expect([...table.start]).toEqual([T0, T0 + 90 * MIN, T0 + MIN]);
    expect([...table.end]).toEqual([T0 + 6 * MIN, T0 + 90 * MIN, T0 + MIN]);
    expect([...table.events]).toEqual([3, 1, 1]);
    expect([...table.purchases]).toEqual([2, 0, 0]);
    expect(table.revenue[0]).toBeCloseTo(0.3, 12);
    expect(table.revenue[1]).toBe(-2);
  });

  it('writes sessions.csv atomically with ISO UTC times and quoted ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-sessions-'));
    const path = join(dir, 'sessions.csv');
    expect(writeSessionsCsv(path, log, sessionTable(log, splitSessions(log)))).toBe(3);
    expect(readFileSync(path, 'utf8').split('\n')).toEqual([
      SESSIONS_CSV_HEADER,
      '"a,1",0,2024-03-01T08:00:00.000Z,2024-03-01T08:06:00.000Z,3,2,0.3',
      '"a,1",1,2024-03-01T09:30:00.000Z,2024-03-01T09:30:00.000Z,1,0,-2',
      'b,0,2024-03-01T08:01:00.000Z,2024-03-01T08:01:00.000Z,1,0,0',
      '',
    ]);
    expect(readdirSync(dir)).toEqual(['sessions.csv']);
    // Like every clvlab writer (core's writeFileAtomic), it creates a missing folder.
    expect(writeSessionsCsv(join(dir, 'missing', 'x.csv'), log, sessionTable(log, splitSessions(log)))).toBe(3);
    expect(readdirSync(join(dir, 'missing'))).toEqual(['x.csv']);
  });
});
