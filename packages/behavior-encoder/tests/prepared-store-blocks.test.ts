import { afterAll, describe, expect, it } from 'vitest';
import { writeZarrGroup } from '@clvlab/events/node';
import {
  buildSequenceInputs,
  buildStaticFeatures,
  hashEventLog,
  hashStoreEventLog,
  PreparedStoreBlocks,
  resolveEncoderConfig,
} from '../src/internal.ts';
import { rechunked, removeTinyStores, writeTinyStore, type TinyStore } from './fixtures/prepared-store.ts';
import { permuteDictionaries } from './fixtures/tiny-task.ts';

afterAll(removeTinyStores);

/** Token and static rows of every block of a scan, concatenated in cohort order. */
async function scanAll(s: TinyStore, featureEnd: number, preset: string, block: number) {
  const c = resolveEncoderConfig(preset, { useRfm: true });
  const store = await PreparedStoreBlocks.open(s.path);
  const parts: {
    rows: Int32Array;
    tokens: Int32Array;
    amount: Float32Array;
    mask: Float32Array;
    counts: Int32Array;
    statics: Float32Array;
  }[] = [];
  for await (const b of store.scan(featureEnd, c, block)) {
    parts.push({
      rows: b.rows,
      tokens: b.grid.tokens,
      amount: b.grid.amount,
      mask: b.grid.mask,
      counts: b.grid.eventCounts,
      statics: b.statics.values,
    });
  }
  const cat = <T extends Int32Array | Float32Array>(xs: T[], ctor: new (n: number) => T): T => {
    const out = new ctor(xs.reduce((a, x) => a + x.length, 0));
    let at = 0;
    for (const x of xs) {
      out.set(x as never, at);
      at += x.length;
    }
    return out;
  };
  return {
    c,
    store,
    blocks: parts.length,
    rows: cat(
      parts.map((p) => p.rows),
      Int32Array,
    ),
    tokens: cat(
      parts.map((p) => p.tokens),
      Int32Array,
    ),
    amount: cat(
      parts.map((p) => p.amount),
      Float32Array,
    ),
    mask: cat(
      parts.map((p) => p.mask),
      Float32Array,
    ),
    counts: cat(
      parts.map((p) => p.counts),
      Int32Array,
    ),
    statics: cat(
      parts.map((p) => p.statics),
      Float32Array,
    ),
  };
}

describe('PreparedStoreBlocks', () => {
  it('scans token rows and static inputs equal to buildSequenceInputs / buildStaticFeatures on the whole dataset', async () => {
    const cross = await writeTinyStore(300, 11);
    const temporal = await writeTinyStore(300, 12, 'temporal');
    expect(cross.prepared.split.customers.length).toBeLessThan(cross.prepared.log.customerIds.length); // blocks span non-cohort customers
    const small = await rechunked(cross, 997); // reads cross chunk boundaries
    expect((await PreparedStoreBlocks.open(small.path)).eventChunk).toBe(997);
    for (const s of [cross, temporal, small]) {
      for (const featureEnd of [s.prepared.split.fit.featureEnd, s.prepared.split.score.featureEnd]) {
        for (const [preset, block] of [
          ['transformer', 7],
          ['session-transformer', 64],
          ['gru', 1000],
        ] as const) {
          const got = await scanAll(s, featureEnd, preset, block);
          const want = buildSequenceInputs(s.task, featureEnd, got.c);
          expect(got.blocks).toBe(Math.ceil(s.prepared.split.customers.length / block));
          expect(got.rows).toEqual(Int32Array.from({ length: want.rows }, (_, i) => i));
          expect(got.tokens).toEqual(want.tokens);
          expect(got.amount).toEqual(want.amount);
          expect(got.mask).toEqual(want.mask);
          expect(got.counts).toEqual(want.eventCounts);
          expect(got.statics).toEqual(buildStaticFeatures(s.task, featureEnd, got.c).values);
        }
      }
    }
  });

  it('gives the same token rows for a store whose item and category dictionaries are numbered differently', async () => {
    const s = await writeTinyStore(200, 15),
      p = await writeTinyStore(200, 15, 'cross-sectional', permuteDictionaries);
    expect(p.prepared.log.item).not.toEqual(s.prepared.log.item);
    for (const preset of ['transformer', 'session-transformer']) {
      const want = buildSequenceInputs(
        s.task,
        s.prepared.split.score.featureEnd,
        resolveEncoderConfig(preset, { useRfm: true }),
      );
      const got = await scanAll(p, p.prepared.split.score.featureEnd, preset, 32);
      expect(got.tokens).toEqual(want.tokens);
      expect(got.mask).toEqual(want.mask);
    }
  });

  it('holds at most one block of events at a time: peakEvents is the largest block slice, computed from offsets', async () => {
    const s = await writeTinyStore(300, 13);
    const { customers } = s.prepared.split,
      offsets = s.prepared.offsets;
    for (const block of [16, 50]) {
      const got = await scanAll(s, s.prepared.split.score.featureEnd, 'transformer', block);
      let peak = 0,
        total = 0;
      for (let from = 0; from < customers.length; from += block) {
        const last = customers[Math.min(customers.length, from + block) - 1];
        const n = offsets[last + 1] - offsets[customers[from]];
        peak = Math.max(peak, n);
        total += n;
      }
      expect(got.store.counters).toEqual({
        blocks: Math.ceil(customers.length / block),
        events: total,
        peakEvents: peak,
      });
      expect(peak).toBeLessThan(s.prepared.log.length / 4);
    }
  });

  it('hashes the stored log as hashEventLog does, and rejects a store that is not a prepared dataset', async () => {
    const s = await writeTinyStore(120, 14);
    expect(await hashStoreEventLog(s.path)).toBe(hashEventLog(s.prepared.log));
    const other = `${s.path}-other`;
    await writeZarrGroup(other, { attributes: { kind: 'something-else' }, arrays: {} });
    await expect(PreparedStoreBlocks.open(other)).rejects.toThrow(
      /behavior-encoder\/prepared-store-blocks: .* is not a clvlab prepared dataset/,
    );
  });
});
