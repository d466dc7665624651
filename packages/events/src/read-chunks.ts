// Reads bytes [start, end) of a file through one reused buffer. Why not createReadStream: it
// allocates a fresh buffer per chunk, and V8 collects dead buffers only after tens of MB of
// them have piled up, in every thread that reads; a range worker's memory stays flat instead.
import { open } from 'node:fs/promises';

/** Bytes per read. */
const CHUNK_BYTES = 1 << 20;

/** Calls `onChunk` with each chunk of [start, end) in order (end may lie past the file's end); a chunk is valid only during the call. */
export async function readChunks(
  path: string,
  start: number,
  end: number,
  onChunk: (chunk: Uint8Array) => void,
): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(1, end - start)));
    for (let at = start; at < end;) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, end - at), at);
      if (bytesRead === 0) break;
      onChunk(buf.subarray(0, bytesRead));
      at += bytesRead;
    }
  } finally {
    await fh.close();
  }
}
