import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeStrings, encodeStrings } from '../src/index.ts';
import { readZarrGroup, writeZarrGroup } from '../src/node.ts';
import { createRng } from '@clvlab/core';
import type { ZarrGroupData } from '../src/index.ts';

// Independent reader: python3 + numpy + gzip, no zarr library. Parses each array's zarr.json,
// decompresses the raw chunk files and prints the sha256 of the reassembled C-order bytes.
const PY = String.raw`
import gzip, hashlib, json, os, sys
import numpy as np
root = sys.argv[1]
meta = json.load(open(os.path.join(root, 'zarr.json')))
assert meta['zarr_format'] == 3 and meta['node_type'] == 'group'
out = {'attributes': meta['attributes'], 'arrays': {}}
for name in sys.argv[2:]:
    parts = name.split('/')
    for k in range(1, len(parts)):
        g = json.load(open(os.path.join(root, *parts[:k], 'zarr.json')))
        assert g['node_type'] == 'group', name
    m = json.load(open(os.path.join(root, *parts, 'zarr.json')))
    assert m['node_type'] == 'array' and m['chunk_key_encoding']['configuration']['separator'] == '/'
    assert [c['name'] for c in m['codecs']] == ['bytes', 'gzip'] and m['codecs'][0]['configuration']['endian'] == 'little'
    dt = np.dtype(m['data_type']).newbyteorder('<')
    shape, chunk = m['shape'], m['chunk_grid']['configuration']['chunk_shape']
    assert chunk[1:] == shape[1:] or not shape
    pieces = []
    for i in range(-(-shape[0] // chunk[0]) if shape[0] else 0):
        key = os.path.join(root, *parts, 'c', str(i), *(['0'] * (len(shape) - 1)))
        raw = gzip.decompress(open(key, 'rb').read())
        pieces.append(np.frombuffer(raw, dtype=dt).reshape(chunk))
    arr = np.concatenate(pieces)[:shape[0]] if pieces else np.zeros(shape, dtype=dt)
    out['arrays'][name] = {'shape': list(arr.shape), 'sha256': hashlib.sha256(arr.astype(dt).tobytes()).hexdigest(),
                           'first': arr.reshape(-1)[:3].tolist(), 'attributes': m['attributes']}
if 'names/utf8' in out['arrays']:
    b = np.concatenate([np.frombuffer(gzip.decompress(open(os.path.join(root, 'names', 'utf8', 'c', '0'), 'rb').read()), np.uint8)])
    o = np.frombuffer(gzip.decompress(open(os.path.join(root, 'names', 'offsets', 'c', '0'), 'rb').read()), '<i4')
    out['strings'] = [b[o[i]:o[i + 1]].tobytes().decode('utf-8') for i in range(len(o) - 1)]
print(json.dumps(out))
`;

const sha = (a: ArrayBufferView): string =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');

function sample(): ZarrGroupData {
  const rng = createRng(5);
  const n = 10_007; // with 1,000-element chunks: 11 chunks, the last one partial
  const ints = Int32Array.from({ length: n }, () => rng.int(2_000_000) - 1_000_000);
  const floats = Float64Array.from({ length: n }, () => rng.normal() * 1e6);
  floats[3] = NaN;
  floats[4] = -0;
  floats[5] = Number.MAX_VALUE;
  const bytes = Uint8Array.from({ length: n }, () => rng.int(5));
  const matrix = Float32Array.from({ length: 777 * 3 }, () => rng.normal());
  const names = encodeStrings(['00017', 'Zoë', '', 'ünïcødé 🎉', 'a,b "c"']);
  return {
    attributes: { dataset: 'test', cutoff: '1997-10-01', nested: { gap_ms: 1_800_000 } },
    arrays: {
      'events/customer': { data: ints, shape: [n] },
      'events/t': { data: floats, shape: [n], attributes: { units: 'ms' } },
      'events/type': { data: bytes, shape: [n] },
      'features/rfm': { data: matrix, shape: [777, 3], attributes: { columns: ['r', 'f', 'm'] } },
      'empty/none': { data: new Float64Array(0), shape: [0] },
      'names/utf8': { data: names.bytes, shape: [names.bytes.length] },
      'names/offsets': { data: names.offsets, shape: [names.offsets.length] },
    },
  };
}

describe('writeZarrGroup / readZarrGroup', () => {
  it('round-trips through zarrita and reads byte-for-byte with python3 + numpy on the raw chunks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-zarr-'));
    const path = join(dir, 'ds.zarr');
    const group = sample();
    await writeZarrGroup(path, group, { chunkElements: 1000 });
    const back = await readZarrGroup(path);
    expect(back.attributes).toEqual(group.attributes);
    expect(Object.keys(back.arrays).sort()).toEqual(Object.keys(group.arrays).sort());
    for (const [name, arr] of Object.entries(group.arrays)) {
      expect(back.arrays[name].shape).toEqual(arr.shape);
      expect(back.arrays[name].data.constructor).toBe(arr.data.constructor);
      expect(sha(back.arrays[name].data)).toBe(sha(arr.data));
      expect(back.arrays[name].attributes).toEqual(arr.attributes ?? {});
    }
    const py = JSON.parse(
      execFileSync('python3', ['-c', PY, path, ...Object.keys(group.arrays)], { encoding: 'utf8' }),
    );
    expect(py.attributes).toEqual(group.attributes);
    for (const [name, arr] of Object.entries(group.arrays)) {
      expect(py.arrays[name].shape).toEqual(arr.shape);
      expect(py.arrays[name].sha256).toBe(sha(arr.data));
    }
    expect(py.arrays['events/customer'].first).toEqual(Array.from(group.arrays['events/customer'].data.subarray(0, 3)));
    expect(py.strings).toEqual(['00017', 'Zoë', '', 'ünïcødé 🎉', 'a,b "c"']);
    // A subset of arrays can be read by name.
    const some = await readZarrGroup(path, ['events/t']);
    expect(Object.keys(some.arrays)).toEqual(['events/t']);
  });

  it('replaces an existing store atomically and leaves no temporary folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-zarr-'));
    const path = join(dir, 'ds.zarr');
    await writeZarrGroup(path, {
      attributes: { v: 1 },
      arrays: { a: { data: Int32Array.from([1, 2, 3]), shape: [3] } },
    });
    await writeZarrGroup(path, { attributes: { v: 2 }, arrays: { b: { data: Float64Array.from([4.5]), shape: [1] } } });
    const back = await readZarrGroup(path);
    expect(back.attributes).toEqual({ v: 2 });
    expect(Object.keys(back.arrays)).toEqual(['b']);
    expect(readdirSync(dir)).toEqual(['ds.zarr']);
  });

  it('fails loudly on a shape mismatch or a missing store/array', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-zarr-'));
    await expect(
      writeZarrGroup(join(dir, 'x.zarr'), { attributes: {}, arrays: { a: { data: new Int32Array(3), shape: [4] } } }),
    ).rejects.toThrow(/events\/zarr-group: array 'a' has 3 values but shape \[4\]/);
    await expect(readZarrGroup(join(dir, 'missing.zarr'))).rejects.toThrow(/events\/zarr-group: cannot read/);
    await writeZarrGroup(join(dir, 'y.zarr'), { attributes: {}, arrays: {} });
    await expect(readZarrGroup(join(dir, 'y.zarr'), ['nope'])).rejects.toThrow(/has no array 'nope'/);
  });
});

describe('encodeStrings / decodeStrings', () => {
  it('round-trips unicode and rejects inconsistent offsets', () => {
    const s = ['', 'a', 'Zoë', '🎉🎉', 'x'.repeat(1000)];
    const enc = encodeStrings(s);
    expect(Array.from(enc.offsets.subarray(0, 4))).toEqual([0, 0, 1, 5]);
    expect(decodeStrings(enc)).toEqual(s);
    expect(() => decodeStrings({ bytes: enc.bytes, offsets: Int32Array.from([0, 2]) })).toThrow(
      /offsets must start at 0 and end at/,
    );
  });
});
