// Streams a file's bytes in chunks with bounded memory: gunzips (node:zlib) when the name
// ends in .gz or the file starts with the gzip magic bytes, and hashes the bytes as stored
// (sha256 of the file as given, compressed or not) for the dataset record.
//
// Large files are hashed by a worker thread reading the file in parallel (a second read
// from the page cache), so the ~10% of a core that sha256 costs is off the parse thread;
// small files are hashed inline (a worker's start-up would cost more than it saves).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { startWorker } from '@clvlab/core/node';

/** Read size: large enough to amortise per-chunk costs, small enough to keep memory flat. */
const CHUNK_BYTES = 1 << 20;
/** Files at least this large are hashed in a worker thread. */
const WORKER_HASH_BYTES = 64 << 20;

const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const hash = createHash('sha256');
createReadStream(workerData, { highWaterMark: ${CHUNK_BYTES} })
  .on('data', (chunk) => hash.update(chunk))
  .on('error', (err) => { throw err; })
  .on('end', () => parentPort.postMessage(hash.digest('hex')));
`;

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

function hashInWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(HASH_WORKER, { workerData: path });
    worker.once('message', (hex: string) => {
      resolve(hex);
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new Error(`events/read-event-log: hashing ${path} failed: ${err.message}`)));
  });
}
