// Cuts a plain file into byte ranges for parallel parsing, each starting at a line start:
// the range nominally starting at offset from + k·(size − from)/parts starts just after the first line feed
// at or after that offset. A line feed inside a quoted field is not a record start; that case
// is caught later, when the range before ends inside a record (see read-ranges.ts).
import { open } from 'node:fs/promises';

/** Bytes read at a time while looking for the line feed after a nominal offset. */
const PROBE_BYTES = 64 * 1024;

/** Bytes [start, end) of a file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * At most `parts` non-empty ranges covering [from, size), the first starting at `from` (0, or
 * where a thread already reading the file has got to); fewer when lines are long.
 */
export async function splitRanges(path: string, size: number, parts: number, from = 0): Promise<ByteRange[]> {
  const starts = [from];
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(PROBE_BYTES);
    for (let k = 1; k < parts; k++) {
      let at = Math.max(from + Math.floor((k * (size - from)) / parts), starts[starts.length - 1]);
      let start = size;
      while (at < size) {
        const { bytesRead } = await fh.read(buf, 0, PROBE_BYTES, at);
        if (bytesRead === 0) break;
        const lf = buf.subarray(0, bytesRead).indexOf(10);
        if (lf >= 0) {
          start = at + lf + 1;
          break;
        }
        at += bytesRead;
      }
      if (start >= size) break;
      if (start > starts[starts.length - 1]) starts.push(start);
    }
  } finally {
    await fh.close();
  }
  return starts.map((start, k) => ({ start, end: k + 1 < starts.length ? starts[k + 1] : size }));
}
