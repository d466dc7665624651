import { describe, expect, it } from 'vitest';
import { createEventLog, customerOffsets, type EventLog } from '@clvlab/events';
import { Fold, splitSessions, type Split } from '@clvlab/sessions';
import { buildSequenceInputs, idHashes, resolveEncoderConfig, tokenFieldSizes, tokenRows } from '../src/internal.ts';
import { permuteDictionaries, tinyTask } from './fixtures/tiny-task.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 3, 10); // Wednesday 10:00 UTC
const CUT = T0 + 100 * H;
// customer a: session 0 = 3 events, session 1 = 1 event (a purchase of 9), then one event after the cutoff.
const log = createEventLog({
  customer: Int32Array.from([0, 0, 0, 0, 0, 1]),
  t: Float64Array.from([T0, T0 + 0.1 * H, T0 + 0.2 * H, T0 + 30 * H, CUT + H, T0]),
  type: Uint8Array.from([0, 1, 2, 2, 2, 2]),
  item: Int32Array.from([4, 4, 4, -1, 1, 2]),
  category: Int32Array.from([0, 0, 0, -1, 0, 1]),
  amount: Float64Array.from([0, 0, 20, 9, 5, 1]),
  customerIds: ['a', 'b'],
  itemIds: ['p', 'q', 'r', 's', 't'],
  categoryIds: ['x', 'y'],
});
const split = (customers: number[]): Split => {
  const w = {
    featureEnd: CUT,
    labelEnd: CUT + 10 * H,
    target: new Float64Array(customers.length),
    repurchase: new Uint8Array(customers.length),
  };
  return {
    protocol: 'cross-sectional',
    start: T0,
    cutoff: CUT,
    horizon: 10 * H,
    customers: Int32Array.from(customers),
    fold: new Uint8Array(customers.length).fill(Fold.train),
    fit: w,
    score: w,
  };
};
const task = (l: EventLog = log, session: Int32Array = splitSessions(log)) => ({
  log: l,
  session,
  offsets: customerOffsets(l),
  split: split([0, 1]),
});

describe('buildSequenceInputs', () => {
  it('flat layout: last L events before featureEnd, right-aligned, with the documented fields', () => {
    const c = resolveEncoderConfig('transformer', { maxEvents: 6 });
    const x = buildSequenceInputs(task(), CUT, c);
    const F = tokenFieldSizes(c).length;
    expect([x.rows, x.length, x.fields]).toEqual([2, 6, F]);
    expect(Array.from(x.eventCounts)).toEqual([4, 1]);
    expect(Array.from(x.mask.subarray(0, 6))).toEqual([0, 0, 1, 1, 1, 1]);
    const base: number[] = [];
    tokenFieldSizes(c).reduce((a, s) => {
      base.push(a);
      return a + s;
    }, 0);
    const field = (row: number, slot: number, f: number): number => x.tokens[(row * 6 + slot) * F + f] - base[f];
    expect([2, 3, 4, 5].map((s) => field(0, s, 0))).toEqual([0, 1, 2, 2]); // types
    expect(field(0, 5, 1)).toBe(c.itemBuckets); // absent item bucket
    expect([2, 3, 4, 5].map((s) => field(0, s, 5))).toEqual([10, 10, 10, 16]); // hour UTC
    expect(field(0, 2, 6)).toBe(3); // Wednesday
    expect([2, 3, 4, 5].map((s) => field(0, s, 7))).toEqual([0, 1, 2, 0]); // position in session
    expect([2, 3, 4, 5].map((s) => field(0, s, 8))).toEqual([1, 1, 1, 0]); // sessions from most recent
    expect([2, 3, 4, 5].map((s) => field(0, s, 9))).toEqual([3, 2, 1, 0]); // events from most recent
    expect(field(0, 2, 3)).toBe(0); // first event: no gap
    expect(x.amount[4]).toBeCloseTo(Math.log1p(20), 6);
    expect(x.amount[5]).toBeCloseTo(Math.log1p(9), 6);
  });
  it('session layout: last S sessions × last E events, chronological', () => {
    const c = resolveEncoderConfig('session-transformer', { maxSessions: 2, eventsPerSession: 2 });
    const x = buildSequenceInputs(task(), CUT, c);
    expect(Array.from(x.mask.subarray(0, 4))).toEqual([1, 1, 0, 1]); // session 0 keeps its last 2 events
    expect(x.amount[1]).toBeCloseTo(Math.log1p(20), 6);
    expect(x.amount[3]).toBeCloseTo(Math.log1p(9), 6);
  });
  it('fails clearly on a dataset without sessions, empty sequences and NaN inputs', () => {
    const c = resolveEncoderConfig('transformer');
    expect(() => buildSequenceInputs(task(log, new Int32Array(0)), CUT, c)).toThrow(
      /behavior-encoder\/sequence-inputs: dataset has no sessions/,
    );
    expect(() => buildSequenceInputs(task(), T0 - H, c)).toThrow(/every sequence is empty/);
    const nanLog: EventLog = { ...log, amount: Float64Array.from(log.amount, (v, i) => (i === 2 ? NaN : v)) };
    expect(() => buildSequenceInputs(task(nanLog), CUT, c)).toThrow(/NaN amount at event 2 \(customer 'a'\)/);
    const noDictionary: EventLog = { ...log, itemIds: log.itemIds.slice(0, 4) };
    expect(() => buildSequenceInputs(task(noDictionary), CUT, c)).toThrow(
      /item index 4 outside the item dictionary of 4 at event 0 \(customer 'a'\)/,
    );
  });
  it('buckets items and categories by a hash of the id string, not of the dictionary index', () => {
    const c = resolveEncoderConfig('transformer', { maxEvents: 6 });
    const F = tokenFieldSizes(c).length,
      base = tokenFieldSizes(c)[0];
    const x = buildSequenceInputs(task(), CUT, c);
    const h = idHashes(['t']);
    expect(x.tokens[(0 * 6 + 2) * F + 1] - base).toBe((h[0] >>> 0) % c.itemBuckets); // event 0 is item 4 = 't'
    expect(Array.from(idHashes(['p', 'q', 'p']))).toEqual([idHashes(['p'])[0], idHashes(['q'])[0], idHashes(['p'])[0]]);
    const tiny = tinyTask(120, 7),
      permuted = { ...tiny, log: permuteDictionaries(tiny.log) };
    expect(permuted.log.item).not.toEqual(tiny.log.item); // the numbering really differs
    for (const preset of ['transformer', 'session-transformer']) {
      const cc = resolveEncoderConfig(preset);
      const a = buildSequenceInputs(tiny, tiny.split.fit.featureEnd, cc),
        b = buildSequenceInputs(permuted, tiny.split.fit.featureEnd, cc);
      expect(b.tokens).toEqual(a.tokens);
      expect(b.amount).toEqual(a.amount);
      expect(b.mask).toEqual(a.mask);
      const ff = tokenFieldSizes(cc).length,
        items = new Set<number>();
      for (let i = 1; i < a.tokens.length; i += ff) items.add(a.tokens[i]);
      expect(items.size).toBeGreaterThan(30); // 50 items (and padding) spread over the buckets
    }
  });
});

describe('tokenRows', () => {
  it('fills any rows, in any order, exactly as the whole grid holds them (flat and session layouts)', () => {
    const t = tinyTask(90, 4);
    for (const preset of ['tiny', 'session-transformer'] as const) {
      const c = resolveEncoderConfig(preset, {});
      const whole = buildSequenceInputs(t, t.split.fit.featureEnd, c);
      const source = tokenRows(t, t.split.fit.featureEnd, c);
      const idx = Int32Array.from({ length: whole.rows }, (_, i) => (i * 37) % whole.rows);
      const g = source.grid(idx, 5, 40);
      const T = whole.length,
        F = whole.fields;
      expect([g.rows, g.length, g.fields]).toEqual([35, T, F]);
      for (let i = 0; i < g.rows; i++) {
        const r = idx[5 + i];
        expect(g.tokens.subarray(i * T * F, (i + 1) * T * F)).toEqual(
          whole.tokens.subarray(r * T * F, (r + 1) * T * F),
        );
        expect(g.amount.subarray(i * T, (i + 1) * T)).toEqual(whole.amount.subarray(r * T, (r + 1) * T));
        expect(g.mask.subarray(i * T, (i + 1) * T)).toEqual(whole.mask.subarray(r * T, (r + 1) * T));
        expect(g.eventCounts[i]).toBe(whole.eventCounts[r]);
      }
    }
  });
});
