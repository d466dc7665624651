// Reads bytes [start, end) of a file through two reused buffers. Why not createReadStream: it
// allocates a fresh buffer per chunk, and V8 collects dead buffers only after tens of MB of
// them have piled up, in every thread that reads; a range worker's memory stays flat instead.
// Two buffers, so that the next chunk's read (a libuv thread's copy from the page cache) is in
// flight while `onChunk` parses this one. `end` may be a function: the main thread of a
// parallel read learns where its range ends only once the workers are up (read-ranges.ts); a
// chunk read before it moved is cut at it.
import { open } from 'node:fs/promises';

/** Bytes per read. */
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onChunk` with each chunk of [start, end) in order (end may lie past the file's end,
 * and may only move down to a position already reached); a chunk is valid only during the
 * call, and a promise it returns is awaited before the next.
 */
export async function readChunks(
  path: string,
  start: number,
  end: number | (() => number),
  onChunk: (chunk: Uint8Array) => void | Promise<void>,
): Promise<void> {
  const endOf = typeof end === 'number' ? () => end : end;
  const fh = await open(path, 'r');
  const size = Math.min(CHUNK_BYTES, Math.max(1, endOf() - start));
  const bufs = [new Uint8Array(size), new Uint8Array(size)];
  const read = (k: number, at: number) => fh.read(bufs[k & 1], 0, Math.min(size, endOf() - at), at);
  let next: ReturnType<typeof read> | undefined;
  try {
    let at = start,
      k = 0;
    if (at < endOf()) next = read(k, at);
    while (next !== undefined) {
      const { bytesRead } = await next;
      next = undefined;
      const len = Math.min(bytesRead, endOf() - at);
      if (len <= 0) break;
      const chunk = bufs[k & 1].subarray(0, len);
      at += len;
      k++;
      if (at < endOf()) next = read(k, at);
      const waiting = onChunk(chunk);
      if (waiting !== undefined) await waiting;
    }
  } finally {
    await next?.catch(() => undefined); // never close the file under a read in flight
    await fh.close();
  }
}
