// hashFile: the sha256 of a file as stored, on this thread for small files and on a worker
// thread for large ones (hash-file.ts), against node:crypto over the whole file at once.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFile, hashInWorker } from '../src/hash-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-hash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFile', () => {
  it('equals node:crypto on a file of several read chunks, here and on a worker thread', async () => {
    // 2.5 MiB of varied bytes: two full 1 MiB chunks and a partial one.
    const bytes = new Uint8Array(2.5 * 2 ** 20);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    const path = join(dir, 'a.bin');
    writeFileSync(path, bytes);
    const want = createHash('sha256').update(bytes).digest('hex');
    expect(await hashFile(path, bytes.length)).toBe(want);
    expect(await hashInWorker(path)).toBe(want);
    writeFileSync(join(dir, 'empty.bin'), '');
    expect(await hashInWorker(join(dir, 'empty.bin'))).toBe(createHash('sha256').digest('hex'));
  });

  it('rejects with the path when the worker cannot read the file', async () => {
    await expect(hashInWorker(join(dir, 'missing.bin'))).rejects.toThrow(/hashing .*missing\.bin failed/);
  });
});
