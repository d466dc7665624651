// Every file clvlab writes goes through here: write a temporary file in the same
// directory, fsync it, then rename over the target. A rename within one directory is atomic
// on POSIX file systems, so a reader (or a re-run after `kill -9`) sees either the old file
// or the complete new one, never a half-written file. Large files are given as an iterable of
// chunks (CSV lines in blocks), so they are streamed and never become one string; a writer
// that throws midway leaves the target untouched and no temporary file behind.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/** File content: one string or byte array, or chunks of them written in order. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array>;

/** Writes `data` to `path` atomically (temp file + fsync + rename); creates the directory. */
export function writeFileAtomic(path: string, data: FileContent): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
    for (const chunk of chunks) writeAll(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}
