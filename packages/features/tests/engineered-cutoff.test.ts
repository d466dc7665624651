// The cutoff property: every event at or after featureEnd changed (type, amount, quantity,
// item, category), moved later, deleted, or joined by new ones (views and carts on a
// transaction log) leaves every engineered column bit-identical, the column set and the
// omissions included, on the real CDNOW sample and on a random browsing log with sessions.
import { createRng } from '@clvlab/core';
import { createEventLog, EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { splitSessions } from '@clvlab/sessions';
import { describe, expect, it } from 'vitest';
import { engineeredFeatures } from '../src/index.ts';
import type { EngineeredFeatures } from '../src/index.ts';
import { browsingLog, sourceOf } from './engineered-log.ts';
import { cdnowTask, CDNOW_CUTOFF } from './fixtures.ts';

/** `log` with every event at or after `cutoff` scrambled, shifted later, a tenth deleted, and new events added. */
function scrambleAfter(log: EventLog, cutoff: number, seed: number): { log: EventLog; touched: number } {
  const rng = createRng(seed);
  const last = log.t.reduce((m, v) => Math.max(m, v), cutoff);
  const rows: number[] = [];
  for (let i = 0; i < log.length; i++) if (log.t[i] < cutoff || rng.next() >= 0.1) rows.push(i);
  const extra = Math.ceil(log.customerIds.length / 3); // new events for a third of the customers
  const m = rows.length + extra;
  const customer = new Int32Array(m),
    t = new Float64Array(m),
    type = new Uint8Array(m),
    item = new Int32Array(m),
    category = new Int32Array(m);
  const amount = new Float64Array(m),
    quantity = new Float64Array(m);
  let touched = 0;
  rows.forEach((i, k) => {
    customer[k] = log.customer[i];
    t[k] = log.t[i];
    type[k] = log.type[i];
    item[k] = log.item[i];
    category[k] = log.category[i];
    amount[k] = log.amount[i];
    quantity[k] = log.quantity[i];
    if (t[k] < cutoff) return;
    touched++;
    t[k] += rng.next() * (last - t[k]);
    type[k] = rng.int(5);
    amount[k] = 1000 * (rng.next() - 0.3);
    quantity[k] = 1 + rng.int(9);
    item[k] = log.itemIds.length ? rng.int(log.itemIds.length) : -1;
    category[k] = log.categoryIds.length ? rng.int(log.categoryIds.length) : -1;
  });
  for (let k = rows.length; k < m; k++) {
    customer[k] = rng.int(log.customerIds.length);
    t[k] = cutoff + rng.next() * (last - cutoff) + 3_600_000 * rng.next();
    type[k] = rng.next() < 0.5 ? EventType.view : EventType.cart;
    amount[k] = 0;
    quantity[k] = 1;
    item[k] = -1;
    category[k] = -1;
  }
  const changed = createEventLog({
    customer,
    t,
    type,
    item,
    category,
    amount,
    quantity,
    customerIds: log.customerIds,
    itemIds: log.itemIds,
    categoryIds: log.categoryIds,
    valueTarget: log.valueTarget,
  });
  return { log: changed, touched: touched + extra };
}

function expectBitIdentical(after: EngineeredFeatures, before: EngineeredFeatures): void {
  expect(after.names).toEqual(before.names);
  expect(after.omitted).toEqual(before.omitted);
  expect(after.tierCuts).toEqual(before.tierCuts);
  before.columns.forEach((col, k) => {
    const bytes = (a: Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    expect(Buffer.from(bytes(after.columns[k])).equals(Buffer.from(bytes(col))), before.names[k]).toBe(true);
  });
}

describe('engineeredFeatures reads nothing at or after the cutoff', () => {
  it('on CDNOW (a transaction log: the added views and carts must not create engagement columns)', async () => {
    const task = await cdnowTask();
    const before = engineeredFeatures({ ...task, session: splitSessions(task.log) }, CDNOW_CUTOFF);
    const { log: changed, touched } = scrambleAfter(task.log, CDNOW_CUTOFF, 11);
    expect(touched).toBeGreaterThan(1000);
    const after = engineeredFeatures({ ...sourceOf(changed), split: task.split }, CDNOW_CUTOFF);
    expect(after.omitted.map((o) => o.name)).toContain('views_7d');
    expectBitIdentical(after, before);
  });

  for (const seed of [1, 2, 3]) {
    it(`on a random browsing log with sessions straddling the cutoff (seed ${seed})`, () => {
      const log = browsingLog(seed);
      const cutoff = Date.UTC(2020, 3, 1, 7, 30); // mid-morning: sessions run across it
      const before = engineeredFeatures(sourceOf(log), cutoff);
      expect(before.omitted).toEqual([]);
      const { log: changed, touched } = scrambleAfter(log, cutoff, 100 + seed);
      expect(touched).toBeGreaterThan(300);
      expectBitIdentical(engineeredFeatures(sourceOf(changed), cutoff), before);
    });
  }
});
