// Round trip of a prepared dataset through a real Zarr v3 store on disk, with and without
// the optional feature tables (features/graph, features/rfm) and customer attributes
// (customers/attributes), and their shape checks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZarrGroup, writeZarrGroup } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { prepareDataset } from '../src/index.ts';
import { readPreparedDataset, writePreparedDataset } from '../src/node.ts';
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
      const prepared = prepareDataset(log, {
        dataset: 'toy',
        sourceHash: 'sha256:abc',
        cutoff: day(8, 0),
        horizon: 5 * 86_400_000,
        protocol,
        seed: 5,
      });
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

  // Feature tables whose values differ in every cell (and include NaN and -0 edge values), so a
  // transposed or shifted layout cannot read back equal.
  const tables = (rows: number) => ({
    graph: {
      names: ['g_a', 'g_b', 'g_c'],
      columns: [0, 1, 2].map((j) =>
        Float64Array.from({ length: rows }, (_, i) => (i === 1 && j === 2 ? Number.NaN : i * 10 + j + 0.25)),
      ),
    },
    rfm: {
      names: ['recency', 'frequency'],
      columns: [0, 1].map((j) => Float64Array.from({ length: rows }, (_, i) => (-(i + 1) * (j + 1)) / 3)),
    },
  });
  const toy = () => prepareDataset(logOf(rows), { dataset: 'toy', cutoff: day(8, 0), horizon: 5 * 86_400_000 });
  const storePath = (name: string) => join(mkdtempSync(join(tmpdir(), 'clvlab-prepared-')), name);

  it('round-trips graph and rfm feature tables as 2-D [cohort × columns] float64 arrays', async () => {
    const prepared = toy();
    const n = prepared.split.customers.length;
    expect(n).toBe(4); // ann, bob, cy, eve purchased before the cutoff; dee only viewed
    const t = tables(n);
    const path = storePath('features.zarr');
    await writePreparedDataset(path, prepared, {}, t);
    // on disk: one array per table, shape [cohort, k], row-major, names in the attributes
    const raw = await readZarrGroup(path, ['features/graph', 'features/rfm']);
    for (const kind of ['graph', 'rfm'] as const) {
      const arr = raw.arrays[`features/${kind}`];
      expect(arr.shape).toEqual([n, t[kind].names.length]);
      expect(arr.data).toBeInstanceOf(Float64Array);
      expect(arr.attributes?.columns).toEqual(t[kind].names);
      expect(String(arr.attributes?.meaning)).toMatch(/row i is customers\/ids\[i\]/);
      const k = t[kind].names.length;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < k; j++) expect(Object.is(arr.data[i * k + j], t[kind].columns[j][i])).toBe(true);
    }
    const back = await readPreparedDataset(path);
    for (const kind of ['graph', 'rfm'] as const) {
      expect(back[kind]!.names).toEqual(t[kind].names);
      expect(back[kind]!.columns.map((c) => [...c])).toEqual(t[kind].columns.map((c) => [...c]));
      expect(back[kind]!.columns[0]).toBeInstanceOf(Float64Array);
      expect(Object.isFrozen(back[kind])).toBe(true);
    }
    expect(Number.isNaN(back.graph!.columns[2][1])).toBe(true);
    // re-writing what was read keeps the features (they default to prepared.graph / .rfm)
    const again = storePath('again.zarr');
    await writePreparedDataset(again, back);
    expect((await readPreparedDataset(again)).rfm!.columns.map((c) => [...c])).toEqual(
      t.rfm.columns.map((c) => [...c]),
    );
  });

  it('round-trips customer attributes at customers/attributes with their source facts, and keeps them on a re-write', async () => {
    const prepared = toy();
    const n = prepared.split.customers.length;
    const covariates = {
      names: ['age', 'region.north'],
      columns: [Float64Array.of(31, 45, 22, 60), Float64Array.of(0, 1, 1, 0)],
      source: {
        file: 'customers.csv',
        categorical: { region: { reference: 'east', levels: ['east', 'north'], dummies: ['region.north'] } },
      },
    };
    const path = storePath('attributes.zarr');
    await writePreparedDataset(path, prepared, {}, { covariates });
    const raw = (await readZarrGroup(path, ['customers/attributes'])).arrays['customers/attributes'];
    expect(raw.shape).toEqual([n, 2]);
    expect(raw.data).toBeInstanceOf(Float64Array);
    expect([...raw.data]).toEqual([31, 0, 45, 1, 22, 1, 60, 0]);
    expect(raw.attributes?.columns).toEqual(['age', 'region.north']);
    expect(raw.attributes?.source).toEqual(covariates.source);
    const back = await readPreparedDataset(path);
    expect(back.covariates!.names).toEqual(covariates.names);
    expect(back.covariates!.columns.map((c) => [...c])).toEqual(covariates.columns.map((c) => [...c]));
    expect(back.covariates!.source).toEqual(covariates.source);
    const again = storePath('attributes-again.zarr');
    await writePreparedDataset(again, back);
    expect((await readPreparedDataset(again)).covariates!.names).toEqual(covariates.names);
    await expect(
      writePreparedDataset(
        storePath('short.zarr'),
        prepared,
        {},
        { covariates: { names: ['age'], columns: [Float64Array.of(1, 2)] } },
      ),
    ).rejects.toThrow(
      "sessions/prepared-dataset-store: customers/attributes: column 'age' has 2 rows, expected 4 (one per cohort customer)",
    );
  });

  it('stores no features group when none are given', async () => {
    const path = storePath('plain.zarr');
    await writePreparedDataset(path, toy());
    const back = await readPreparedDataset(path);
    expect(back.graph).toBeUndefined();
    expect(back.rfm).toBeUndefined();
    expect(back.covariates).toBeUndefined();
    expect(Object.keys((await readZarrGroup(path)).arrays).filter((a) => a.startsWith('features/'))).toEqual([]);
  });

  it('refuses feature tables that do not have one row per cohort customer, or whose names do not match', async () => {
    const prepared = toy();
    const n = prepared.split.customers.length;
    const path = storePath('bad.zarr');
    const short = tables(n - 1);
    await expect(writePreparedDataset(path, prepared, {}, { graph: short.graph })).rejects.toThrow(
      "sessions/prepared-dataset-store: features/graph: column 'g_a' has 3 rows, expected 4 (one per cohort customer)",
    );
    await expect(
      writePreparedDataset(path, prepared, {}, { rfm: { names: ['a'], columns: tables(n).rfm.columns } }),
    ).rejects.toThrow('sessions/prepared-dataset-store: features/rfm has 1 names but 2 columns');
    await expect(
      writePreparedDataset(path, prepared, {}, { rfm: { names: ['a', 'a'], columns: tables(n).rfm.columns } }),
    ).rejects.toThrow("column name 'a' appears twice");
    // nothing was written
    await expect(readZarrGroup(path)).rejects.toThrow(/cannot read/);
  });

  it('refuses a stored feature array whose rows differ from the cohort size', async () => {
    const path = storePath('tampered.zarr');
    const prepared = toy();
    await writePreparedDataset(path, prepared, {}, tables(prepared.split.customers.length));
    // rewrite the store with features/graph one row short, through the same Zarr layer
    const group = await readZarrGroup(path);
    const g = group.arrays['features/graph'];
    const k = g.shape[1];
    group.arrays['features/graph'] = { ...g, data: g.data.slice(0, (g.shape[0] - 1) * k), shape: [g.shape[0] - 1, k] };
    await writeZarrGroup(path, group);
    await expect(readPreparedDataset(path)).rejects.toThrow(
      /tampered\.zarr features\/graph has 3 rows, expected 4 \(one per cohort customer\)/,
    );
  });

  it('refuses a Zarr group that is not a prepared dataset', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'clvlab-prepared-')), 'other.zarr');
    await writeZarrGroup(path, { attributes: { kind: 'embeddings' }, arrays: {} });
    await expect(readPreparedDataset(path)).rejects.toThrow(
      /sessions\/prepared-dataset-store: .*other\.zarr is not a clvlab prepared dataset/,
    );
  });
});
