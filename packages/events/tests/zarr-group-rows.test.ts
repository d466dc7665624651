// Sliced reads of a Zarr group (`readZarrGroup(path, names, { rows, chunkCache })`): rows
// [from, to) of the first axis, across chunk boundaries and the partial last chunk, with and
// without a chunk cache, and zarrita's own slice path for a store chunked along inner axes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import FileSystemStore from '@zarrita/storage/fs';
import * as zarr from 'zarrita';
import { describe, expect, it } from 'vitest';
import { type ZarrTypedArray } from '../src/index.ts';
import { readZarrGroup, registerGzipCodec, writeZarrGroup } from '../src/node.ts';
import { createRng } from '@clvlab/core';

const rng = createRng(9);
const n = 10_007; // with 1,000-element chunks: 11 chunks, the last one partial
const ints = Int32Array.from({ length: n }, () => rng.int(2_000_000) - 1_000_000);
const floats = Float64Array.from({ length: n }, () => rng.normal() * 1e6);
const bytes = Uint8Array.from({ length: n }, () => rng.int(5));
const matrix = Float32Array.from({ length: 777 * 3 }, () => rng.normal()); // 333 rows per chunk

async function store(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'clvlab-zarr-rows-')), 'ds.zarr');
  await writeZarrGroup(
    path,
    {
      attributes: { v: 1 },
      arrays: {
        'events/customer': { data: ints, shape: [n] },
        'events/t': { data: floats, shape: [n] },
        'events/type': { data: bytes, shape: [n] },
        'features/rfm': { data: matrix, shape: [777, 3] },
      },
    },
    { chunkElements: 1000 },
  );
  return path;
}

const EVENT_RANGES: [number, number][] = [
  [0, 1],
  [0, 1000],
  [999, 1001],
  [1500, 4321],
  [10_000, 10_007],
  [2500, 2500],
  [0, n],
];

describe('readZarrGroup rows', () => {
  it('reads rows [from, to) of 1-D and 2-D arrays equal to the slices of the written data', async () => {
    const path = await store();
    for (const [from, to] of EVENT_RANGES) {
      const g = await readZarrGroup(path, ['events/customer', 'events/t', 'events/type'], { rows: [from, to] });
      expect(g.attributes).toEqual({ v: 1 });
      expect(g.arrays['events/customer'].shape).toEqual([to - from]);
      expect(g.arrays['events/customer'].data).toEqual(ints.subarray(from, to));
      expect(g.arrays['events/t'].data).toEqual(floats.subarray(from, to));
      expect(g.arrays['events/type'].data).toEqual(bytes.subarray(from, to));
      expect(g.arrays['events/type'].data.constructor).toBe(Uint8Array);
      expect(g.arrays['events/t'].chunks).toEqual([1000]); // the stored chunk shape
    }
    for (const [from, to] of [
      [0, 333],
      [330, 700],
      [776, 777],
      [0, 777],
    ] as [number, number][]) {
      const m = (await readZarrGroup(path, ['features/rfm'], { rows: [from, to] })).arrays['features/rfm'];
      expect([m.shape, m.chunks]).toEqual([
        [to - from, 3],
        [333, 3],
      ]);
      expect(m.data).toEqual(matrix.subarray(from * 3, to * 3));
    }
  });

  it('keeps the last decoded chunk per array in a caller-held cache; results equal the uncached ones', async () => {
    const path = await store();
    const cache = new Map();
    const seen: number[] = [];
    for (let from = 0; from < n; from += 317) {
      const to = Math.min(n, from + 317);
      const g = await readZarrGroup(path, ['events/t', 'events/type'], { rows: [from, to], chunkCache: cache });
      expect(g.arrays['events/t'].data).toEqual(floats.subarray(from, to));
      expect(g.arrays['events/type'].data).toEqual(bytes.subarray(from, to));
      expect(cache.size).toBe(2); // one entry per array, never more
      seen.push(cache.get(`${path}\u0000events/t`).index);
      expect(seen.at(-1)).toBe(Math.floor((to - 1) / 1000)); // the chunk holding the last row read
    }
    expect((cache.get(`${path}\u0000events/t`).data as ZarrTypedArray).length).toBe(1000); // a whole decoded chunk
  });

  it("uses zarrita's slice read for a store chunked along an inner axis", async () => {
    registerGzipCodec();
    const path = join(mkdtempSync(join(tmpdir(), 'clvlab-zarr-rows-')), 'inner.zarr');
    const root = zarr.root(new FileSystemStore(path));
    await zarr.create(root, { attributes: {} });
    const data = Float64Array.from({ length: 50 * 3 }, (_, i) => i * 0.5);
    const arr = await zarr.create(root.resolve('m'), {
      shape: [50, 3],
      chunkShape: [7, 2],
      dtype: 'float64',
      fillValue: 0,
      codecs: [
        { name: 'bytes', configuration: { endian: 'little' } },
        { name: 'gzip', configuration: { level: 1 } },
      ],
    });
    await zarr.set(arr, null, { data, shape: [50, 3], stride: [3, 1] } as never);
    const m = (await readZarrGroup(path, ['m'], { rows: [5, 23], chunkCache: new Map() })).arrays['m'];
    expect(m.shape).toEqual([18, 3]);
    expect(Array.from(m.data)).toEqual(Array.from(data.subarray(15, 69)));
  });

  it('rejects rows outside the array with the array named', async () => {
    const path = await store();
    await expect(readZarrGroup(path, ['events/t'], { rows: [10, n + 1] })).rejects.toThrow(
      /events\/zarr-group: rows \[10, 10008\) are outside array 'events\/t'/,
    );
    await expect(readZarrGroup(path, ['events/t'], { rows: [5, 4] })).rejects.toThrow(/rows \[5, 4\) are outside/);
  });
});
