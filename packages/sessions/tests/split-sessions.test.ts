import { createEventLog } from '@clvlab/events';
import { describe, expect, it } from 'vitest';
import { countSessions, DEFAULT_GAP_MS, splitSessions } from '../src/index.ts';
import { logOf } from './fixtures.ts';

const T0 = Date.UTC(2024, 0, 1, 12);
const MIN = 60_000;

describe('splitSessions', () => {
  it('keeps a gap of exactly 30:00 in the session and splits at 30:00.001', () => {
    const log = logOf([
      { customer: 'a', t: T0 },
      { customer: 'a', t: T0 + 30 * MIN },
      { customer: 'a', t: T0 + 60 * MIN + 1 },
      { customer: 'a', t: T0 + 60 * MIN + 2 },
    ]);
    expect(DEFAULT_GAP_MS).toBe(30 * MIN);
    expect([...splitSessions(log)]).toEqual([0, 0, 1, 1]);
    expect(countSessions(log, splitSessions(log))).toBe(2);
  });

  it('never spans customers, restarts at 0 and handles one-event customers', () => {
    const log = logOf([
      { customer: 'a', t: T0 },
      { customer: 'a', t: T0 + 2 * 60 * MIN },
      { customer: 'b', t: T0 + 2 * 60 * MIN + 1 },
      { customer: 'c', t: T0 - 5 * 60 * MIN },
      { customer: 'c', t: T0 - 5 * 60 * MIN + 1 },
      { customer: 'c', t: T0 },
    ]);
    const s = splitSessions(log);
    expect([...s]).toEqual([0, 1, 0, 0, 0, 1]);
    expect(countSessions(log, s)).toBe(5);
  });

  it('honours a custom gap and gap 0 splits every distinct timestamp', () => {
    const log = logOf([0, 1000, 1000, 91_000, 181_001].map((dt) => ({ customer: 'a', t: T0 + dt })));
    expect([...splitSessions(log, 90_000)]).toEqual([0, 0, 0, 0, 1]);
    expect([...splitSessions(log, 0)]).toEqual([0, 1, 1, 2, 3]);
  });

  it('agrees with an independent per-customer grouping on a random log', () => {
    let seed = 7;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const rows = Array.from({ length: 2000 }, () => ({
      customer: `c${Math.floor(rand() * 50)}`,
      t: T0 + Math.floor(rand() * 6 * 3600) * 1000,
    }));
    const log = logOf(rows);
    const s = splitSessions(log);
    // reference: for each customer, sort its times and count gaps > 30 min
    const byCustomer = new Map<string, number[]>();
    for (const r of rows) byCustomer.set(r.customer, [...(byCustomer.get(r.customer) ?? []), r.t]);
    let expected = 0;
    for (const ts of byCustomer.values()) {
      ts.sort((x, y) => x - y);
      expected += 1 + ts.slice(1).filter((x, i) => x - ts[i] > 30 * MIN).length;
    }
    expect(countSessions(log, s)).toBe(expected);
  });

  it('splits unsorted input once it has gone through createEventLog', () => {
    // events of two customers interleaved and out of time order
    const log = createEventLog({
      customer: Int32Array.of(1, 0, 1, 0, 1, 0),
      t: Float64Array.of(T0 + 45 * MIN, T0 + 31 * MIN, T0, T0, T0 + 10 * MIN, T0 + 100 * MIN),
      type: new Uint8Array(6),
      customerIds: ['a', 'b'],
    });
    expect([...log.t].map((x) => (x - T0) / MIN)).toEqual([0, 31, 100, 0, 10, 45]);
    expect([...splitSessions(log)]).toEqual([0, 1, 2, 0, 0, 1]);
    expect(countSessions(log, splitSessions(log))).toBe(5);
  });

  it('rejects unsorted logs and bad gaps loudly', () => {
    const log = logOf([
      { customer: 'a', t: T0 },
      { customer: 'a', t: T0 + 1 },
    ]);
    const swapped = { ...log, t: Float64Array.from([T0 + 1, T0]) };
    expect(() => splitSessions(swapped)).toThrow(/sessions\/split-sessions: event log not sorted .* event 1/);
    expect(() => splitSessions(log, -1)).toThrow(/gap must be/);
    expect(() => splitSessions(log, NaN)).toThrow(/gap must be/);
  });
});
