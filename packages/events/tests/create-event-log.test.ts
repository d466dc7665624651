import { describe, expect, it } from 'vitest';
import { EventType, createEventLog } from '../src/index.ts';
import { createRng } from '@clvlab/core';

describe('createEventLog', () => {
  it('sorts stably by (customer, t) and carries every column along', () => {
    const rng = createRng(11);
    const n = 5000,
      customers = 37;
    const customer = new Int32Array(n),
      t = new Float64Array(n),
      type = new Uint8Array(n),
      amount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      customer[i] = rng.int(customers);
      t[i] = rng.int(50) * 1000; // many ties, to exercise stability
      type[i] = rng.int(5);
      amount[i] = i; // original position, to check stability and the permutation
    }
    const ids = Array.from({ length: customers }, (_, c) => `c${c}`);
    const log = createEventLog({ customer, t, type, amount, customerIds: ids });
    // Independent reference: JS sort over row objects (stable per ECMAScript 2019).
    const rows = Array.from({ length: n }, (_, i) => ({ c: customer[i], t: t[i], ty: type[i], i }));
    rows.sort((a, b) => a.c - b.c || a.t - b.t);
    expect(Array.from(log.amount)).toEqual(rows.map((r) => r.i));
    expect(Array.from(log.customer)).toEqual(rows.map((r) => r.c));
    expect(Array.from(log.t)).toEqual(rows.map((r) => r.t));
    expect(Array.from(log.type)).toEqual(rows.map((r) => r.ty));
    expect(log.item.every((v) => v === -1)).toBe(true);
    expect(log.quantity.every((v) => v === 1)).toBe(true);
    expect(log.valueTarget).toBe('revenue');
    expect(Object.isFrozen(log)).toBe(true);
  });

  it('returns the same arrays when already sorted', () => {
    const customer = Int32Array.from([0, 0, 1, 2, 2]);
    const t = Float64Array.from([1, 1, 0, 5, 6]);
    const type = new Uint8Array(5).fill(EventType.purchase);
    const log = createEventLog({ customer, t, type, customerIds: ['a', 'b', 'c'], valueTarget: 'count' });
    expect(log.customer).toBe(customer);
    expect(log.t).toBe(t);
    expect(log.valueTarget).toBe('count');
  });

  it('fails loudly on inconsistent columns', () => {
    const type = new Uint8Array(2);
    expect(() =>
      createEventLog({ customer: Int32Array.from([0, 1]), t: new Float64Array(3), type, customerIds: ['a', 'b'] }),
    ).toThrow(/events\/create-event-log: column 't' has length 3, expected 2/);
    expect(() =>
      createEventLog({ customer: Int32Array.from([0, 2]), t: new Float64Array(2), type, customerIds: ['a', 'b'] }),
    ).toThrow(/customer index 2 at event 1 outside dictionary of 2/);
    expect(() =>
      createEventLog({
        customer: Int32Array.from([0, 1]),
        t: new Float64Array(2),
        type: Uint8Array.from([0, 9]),
        customerIds: ['a', 'b'],
      }),
    ).toThrow(/event type 9 at event 1/);
  });
});
