// Round trip of a prepared dataset through a real Zarr v3 store on disk.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZarrGroup } from '@clvlab/events';
import { describe, expect, it } from 'vitest';
import { prepareDataset, readPreparedDataset, writePreparedDataset } from '../src/index.ts';
import { logOf } from './fixtures.ts';

const day = (d: number, h = 12): number => Date.UTC(2021, 4, d, h);
const rows = [
  { customer: 'ann', t: day(1), amount: 12.5 },
  { customer: 'ann', t: day(1, 13), type: 'view' as const },
  { customer: 'ann', t: day(9), amount: 3 },
  { customer: 'ann', t: day(12), type: 'return' as const, amount: -1.25 },
  { customer: 'bob', t: day(2), type: 'cart' as const },
  { customer: 'bob', t: day(3), amount: 8 },
  { customer: 'bob', t: day(11), amount: 4 },
  { customer: 'cy, "q"', t: day(4), amount: 1 },
  { customer: 'dee', t: day(5), type: 'view' as const },
  { customer: 'eve', t: day(6), amount: 2 },
  { customer: 'eve', t: day(14), amount: 9 },
];

describe('writePreparedDataset / readPreparedDataset', () => {
  for (const protocol of ['cross-sectional', 'temporal'] as const) {
    it(`round-trips every array and attribute (${protocol})`, async () => {
      const log = logOf(rows);
      const prepared = prepareDataset(log, { dataset: 'toy', sourceHash: 'sha256:abc', cutoff: day(8, 0), horizon: 5 * 86_400_000, protocol, seed: 5 });
      const path = join(mkdtempSync(join(tmpdir(), 'clvlab-prepared-')), 'toy.zarr');
      await writePreparedDataset(path, prepared, { note: 'extra attribute' });
      const back = await readPreparedDataset(path);
      for (const k of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const) {
        expect([...back.log[k]]).toEqual([...log[k]]);
        expect(back.log[k].constructor).toBe(log[k].constructor);
      }
      expect(back.log.customerIds).toEqual(log.customerIds);
      expect(back.log.valueTarget).toBe('revenue');
      expect([...back.session]).toEqual([...prepared.session]);
      expect([...back.offsets]).toEqual([...prepared.offsets]);
      expect(back.sessionCount).toBe(prepared.sessionCount);
      expect(back.split.protocol).toBe(protocol);
      expect(back.split.cutoff).toBe(prepared.split.cutoff);
      expect(back.split.horizon).toBe(prepared.split.horizon);
      expect([...back.split.customers]).toEqual([...prepared.split.customers]);
      expect([...back.split.fold]).toEqual([...prepared.split.fold]);
      for (const w of ['fit', 'score'] as const) {
        expect(back.split[w].featureEnd).toBe(prepared.split[w].featureEnd);
        expect(back.split[w].labelEnd).toBe(prepared.split[w].labelEnd);
        expect([...back.split[w].target]).toEqual([...prepared.split[w].target]);
        expect([...back.split[w].repurchase]).toEqual([...prepared.split[w].repurchase]);
      }
      expect(back.attributes).toMatchObject({ ...prepared.attributes, fractions: [...prepared.attributes.fractions] });
      expect((back.attributes as unknown as Record<string, unknown>).note).toBe('extra attribute');
    });
  }

  it('refuses a Zarr group that is not a prepared dataset', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'clvlab-prepared-')), 'other.zarr');
    await writeZarrGroup(path, { attributes: { kind: 'embeddings' }, arrays: {} });
    await expect(readPreparedDataset(path)).rejects.toThrow(/sessions\/prepared-dataset-store: .*other\.zarr is not a clvlab prepared dataset/);
  });
});
