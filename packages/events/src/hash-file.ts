// sha256 of a file as stored, for the dataset record. Large files are hashed by a worker thread
// reading the file on its own (a second read from the page cache), so the ~10% of a core that
// sha256 costs is off the parsing threads; small files are hashed on this thread (a worker's
// start-up would cost more than it saves).
import { createHash } from 'node:crypto';
import { startWorker } from '@clvlab/core/node';
import { readChunks } from './read-chunks.ts';

/** Read size of the hash worker's stream. */
const HASH_CHUNK_BYTES = 1 << 20;
/** Files at least this large are hashed in a worker thread. */
export const WORKER_HASH_BYTES = 64 << 20;

// One reused buffer and blocking reads (this thread does nothing else): a read stream's fresh
// buffer per chunk would pile up tens of MB before V8 collects them (see read-chunks.ts).
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const hash = createHash('sha256');
const buf = Buffer.allocUnsafe(${HASH_CHUNK_BYTES});
const fd = openSync(workerData, 'r');
try {
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

/** Hex sha256 of the file at `path` (`size` bytes): by a worker thread when large, else here. */
export function hashFile(path: string, size: number): Promise<string> {
  return size >= WORKER_HASH_BYTES ? hashInWorker(path) : hashHere(path);
}

/** Hex sha256 of the file at `path`, computed on this thread (one reused buffer). */
async function hashHere(path: string): Promise<string> {
  const hash = createHash('sha256');
  await readChunks(path, 0, Infinity, (chunk) => void hash.update(chunk));
  return hash.digest('hex');
}

/** Hex sha256 of `path`, computed by a worker thread. */
export function hashInWorker(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(HASH_WORKER, { workerData: path });
    worker.once('message', (hex: string) => {
      resolve(hex);
      void worker.terminate();
    });
    worker.once('error', (err) => reject(new Error(`events/read-event-log: hashing ${path} failed: ${err.message}`)));
  });
}
