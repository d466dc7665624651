// A Zarr v3 group on disk (docs/architecture.md §Prepared dataset) written and read with
// zarrita and @zarrita/storage's FileSystemStore. Every array is chunked along its first axis and
// compressed with gzip (node:zlib, see gzip-codec.ts), little-endian `bytes` codec, default
// `/` chunk keys, and every intermediate group gets its own zarr.json, so zarr-python opens
// the store. Writes are atomic (core's replaceDirAtomic): the whole store is built in
// `<path>.tmp-<pid>` and renamed over `path` (an old store is moved aside first and removed
// after the swap). Reads can take
// rows [from, to) of the first axis only (`rows`): just the chunks that overlap are decoded,
// and a caller-held `chunkCache` keeps the last decoded chunk per array, so a run of sliced
// reads inside one chunk decompresses it once (memory: at most one chunk per array).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import FileSystemStore from '@zarrita/storage/fs';
import * as zarr from 'zarrita';
import { resolveOptions } from '@clvlab/core';
import { replaceDirAtomic } from '@clvlab/core/node';
import { registerGzipCodec } from './gzip-codec.ts';

export type ZarrTypedArray =
  Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

export interface ZarrArrayData {
  data: ZarrTypedArray;
  /** C-order shape; the product must equal data.length. */
  shape: number[];
  attributes?: Record<string, unknown>;
  /** Chunk shape as stored (set by readZarrGroup; writeZarrGroup chooses its own). */
  chunks?: number[];
}

export interface ZarrGroupData {
  /** Root group attributes. */
  attributes: Record<string, unknown>;
  /** Arrays by path inside the group, e.g. 'events/t'. */
  arrays: Record<string, ZarrArrayData>;
}

/** A decoded chunk kept by `readZarrGroup`'s `chunkCache`: chunk `index` along the first axis. */
export interface ZarrCachedChunk {
  readonly index: number;
  readonly data: ZarrTypedArray;
}

/** Options of `readZarrGroup`. */
export interface ZarrReadOptions {
  /** Read rows [from, to) of the first axis of every named array (each must have at least `to` rows). */
  readonly rows?: readonly [number, number];
  /** Last decoded chunk per array, kept between `rows` reads by the caller (pass the same Map each time). */
  readonly chunkCache?: Map<string, ZarrCachedChunk>;
}

export const DEFAULT_ZARR_WRITE = Object.freeze({
  /** Elements per chunk (first axis × the rest): 1 Mi elements = 4–8 MiB raw, few files for 10M events. */
  chunkElements: 1 << 20,
  /** gzip level: 1 is ~5× faster than 6 and within a few percent of its size on numeric columns. */
  gzipLevel: 1,
});

const DTYPES: ReadonlyArray<[string, new (n: number) => ZarrTypedArray]> = [
  ['int8', Int8Array],
  ['uint8', Uint8Array],
  ['int16', Int16Array],
  ['uint16', Uint16Array],
  ['int32', Int32Array],
  ['uint32', Uint32Array],
  ['float32', Float32Array],
  ['float64', Float64Array],
];

function dtypeOf(data: ZarrTypedArray, name: string): string {
  for (const [dtype, ctor] of DTYPES) if (data instanceof ctor) return dtype;
  throw new Error(`events/zarr-group: array '${name}' has an unsupported type ${Object.prototype.toString.call(data)}`);
}

/** Writes `group` as a Zarr v3 store at `path` atomically (replacing any store there). */
export async function writeZarrGroup(
  path: string,
  group: ZarrGroupData,
  options: Partial<typeof DEFAULT_ZARR_WRITE> = {},
): Promise<void> {
  registerGzipCodec();
  const opts = resolveOptions('events/zarr-group', DEFAULT_ZARR_WRITE, options);
  await replaceDirAtomic(path, (tmp) => writeStore(tmp, group, opts));
}

async function writeStore(tmp: string, group: ZarrGroupData, opts: Readonly<typeof DEFAULT_ZARR_WRITE>): Promise<void> {
  const store = new FileSystemStore(tmp);
  const root = zarr.root(store);
  await zarr.create(root, { attributes: group.attributes });
  const groups = new Set<string>();
  for (const name of Object.keys(group.arrays)) {
    const parts = name.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..'))
      throw new Error(`events/zarr-group: bad array name '${name}'`);
    for (let k = 1; k < parts.length; k++) groups.add(parts.slice(0, k).join('/'));
  }
  for (const g of [...groups].sort()) await zarr.create(root.resolve(g), { attributes: {} });
  for (const [name, arr] of Object.entries(group.arrays)) {
    const { data, shape } = arr;
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length)
      throw new Error(`events/zarr-group: array '${name}' has ${data.length} values but shape [${shape.join(', ')}]`);
    const inner = shape.slice(1).reduce((a, b) => a * b, 1);
    const rows = Math.max(1, Math.min(shape[0] ?? 1, Math.floor(opts.chunkElements / Math.max(1, inner))));
    const chunkShape = shape.length === 0 ? [] : [rows, ...shape.slice(1).map((d) => Math.max(1, d))];
    const node = await zarr.create(root.resolve(name), {
      shape,
      chunkShape,
      dtype: dtypeOf(data, name) as zarr.DataType,
      attributes: arr.attributes ?? {},
      fillValue: 0,
      codecs: [
        { name: 'bytes', configuration: { endian: 'little' } },
        { name: 'gzip', configuration: { level: opts.gzipLevel } },
      ],
    });
    if (size > 0) {
      const stride = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
      await zarr.set(node, null, { data, shape, stride } as never);
    }
  }
}

/** Reads the root attributes and the named arrays (all arrays when `names` is omitted), optionally rows [from, to) only. */
export async function readZarrGroup(
  path: string,
  names?: string[],
  options: ZarrReadOptions = {},
): Promise<ZarrGroupData> {
  registerGzipCodec();
  const meta = await readJson(join(path, 'zarr.json'));
  if (meta.node_type !== 'group') throw new Error(`events/zarr-group: ${path} is not a Zarr v3 group`);
  const root = zarr.root(new FileSystemStore(path));
  const arrays: Record<string, ZarrArrayData> = {};
  for (const name of names ?? (await listArrays(path, ''))) {
    const node = await zarr.open(root.resolve(name), { kind: 'array' }).catch((err: Error) => {
      throw new Error(`events/zarr-group: ${path} has no array '${name}' (${err.message})`);
    });
    const shape = [...node.shape];
    let data: ZarrTypedArray;
    if (options.rows !== undefined) {
      const [from, to] = options.rows;
      if (
        shape.length === 0 ||
        !(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= shape[0])
      ) {
        throw new Error(
          `events/zarr-group: rows [${from}, ${to}) are outside array '${name}' of ${path} (shape [${shape.join(', ')}])`,
        );
      }
      data = await readRows(node, path, name, from, to, options.chunkCache);
      shape[0] = to - from;
    } else if (shape.includes(0)) {
      data = new (ctorOf(node.dtype, name))(0); // zarrita cannot index an empty selection
    } else {
      data = (await zarr.get(node)).data as ZarrTypedArray;
    }
    arrays[name] = { data, shape, attributes: { ...node.attrs }, chunks: [...node.chunks] };
  }
  return { attributes: (meta.attributes ?? {}) as Record<string, unknown>, arrays };
}

function ctorOf(dtype: string, name: string): new (n: number) => ZarrTypedArray {
  const ctor = DTYPES.find(([d]) => d === dtype)?.[1];
  if (ctor === undefined) throw new Error(`events/zarr-group: array '${name}' has unsupported dtype ${dtype}`);
  return ctor;
}

/**
 * Rows [from, to) of an array. When a chunk spans the whole of the other axes in C order (what
 * writeZarrGroup writes) the overlapping chunks are decoded one by one (through the cache);
 * otherwise zarrita's own slice read is used.
 */
async function readRows(
  node: zarr.Array<zarr.DataType, FileSystemStore>,
  path: string,
  name: string,
  from: number,
  to: number,
  cache?: Map<string, ZarrCachedChunk>,
): Promise<ZarrTypedArray> {
  const shape = node.shape,
    chunks = node.chunks,
    key = `${path}\u0000${name}`;
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  const Ctor = ctorOf(node.dtype, name);
  if (to === from) return new Ctor(0);
  if (shape.slice(1).some((d, k) => chunks[k + 1] !== d)) {
    return (await zarr.get(node, [zarr.slice(from, to), ...shape.slice(1).map(() => null)])).data as ZarrTypedArray;
  }
  const out = new Ctor((to - from) * inner);
  const rows = chunks[0];
  for (let ci = Math.floor(from / rows); ci * rows < to; ci++) {
    let chunk = cache?.get(key);
    if (chunk === undefined || chunk.index !== ci) {
      const decoded = await node.getChunk([ci, ...shape.slice(1).map(() => 0)]);
      const cStride = decoded.shape.map((_, k) => decoded.shape.slice(k + 1).reduce((a, b) => a * b, 1));
      if (decoded.stride.some((s, k) => s !== cStride[k])) {
        return (await zarr.get(node, [zarr.slice(from, to), ...shape.slice(1).map(() => null)])).data as ZarrTypedArray;
      }
      chunk = { index: ci, data: decoded.data as ZarrTypedArray };
      cache?.set(key, chunk);
    }
    const lo = Math.max(from, ci * rows),
      hi = Math.min(to, (ci + 1) * rows);
    out.set(chunk.data.subarray((lo - ci * rows) * inner, (hi - ci * rows) * inner), (lo - from) * inner);
  }
  return out;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new Error(`events/zarr-group: cannot read ${file}: ${err.message}`);
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/** Array paths below `prefix` (walks the zarr.json of groups; array folders are not entered). */
async function listArrays(root: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(join(root, prefix), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    const meta = await readJson(join(root, rel, 'zarr.json')).catch(() => undefined);
    if (meta?.node_type === 'array') out.push(rel);
    else if (meta?.node_type === 'group') out.push(...(await listArrays(root, rel)));
  }
  return out;
}
