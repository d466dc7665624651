// Streams a file's bytes in chunks with bounded memory: gunzips (node:zlib) when the name
// ends in .gz or the file starts with the gzip magic bytes, and hashes the bytes as stored
// (sha256 of the file as given, compressed or not) for the dataset record.
//
// Large files are hashed by a worker thread (hash-file.ts), small ones inline.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WORKER_HASH_BYTES, hashInWorker } from './hash-file.ts';

/** Read size: large enough to amortise per-chunk costs, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;

export interface ByteSource {
  /** Decompressed bytes, chunk by chunk. */
  chunks: AsyncIterable<Uint8Array>;
  /** Whether the input was gzip. */
  gzip: boolean;
  /** Hex sha256 of the raw file bytes; await after `chunks` is exhausted. */
  sha256(): Promise<string>;
}

/** Opens `path` for streaming; rejects with a one-line message when the file cannot be read. */
export async function openByteSource(path: string): Promise<ByteSource> {
  let magic: Uint8Array, size: number;
  try {
    size = (await stat(path)).size;
    const fh = await open(path, 'r');
    try {
      const buf = new Uint8Array(2);
      const { bytesRead } = await fh.read(buf, 0, 2, 0);
      magic = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new Error(`events/read-event-log: cannot open ${path}: ${(err as Error).message}`);
  }
  const gzip = path.endsWith('.gz') || (magic.length === 2 && magic[0] === 0x1f && magic[1] === 0x8b);
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const onError = (): void => undefined; // errors surface through the async iterator below
  if (size >= WORKER_HASH_BYTES) {
    const digest = hashInWorker(path);
    digest.catch(() => undefined); // awaited by sha256(); avoid an unhandled rejection meanwhile
    const out: Readable = gzip ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), onError) : raw;
    return { chunks: out as AsyncIterable<Uint8Array>, gzip, sha256: () => digest };
  }
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _enc, done): void {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const out: Readable = gzip
    ? pipeline(raw, hasher, createGunzip({ chunkSize: CHUNK_BYTES }), onError)
    : pipeline(raw, hasher, onError);
  let digest: string | undefined;
  return { chunks: out as AsyncIterable<Uint8Array>, gzip, sha256: async () => (digest ??= hash.digest('hex')) };
}
