// writeFileAtomic and replaceDirAtomic: the target is either the old content or the complete
// new one, chunks stream in order, and a writer that fails leaves nothing behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceDirAtomic, writeFileAtomic } from '../src/node.ts';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'clvlab-core-atomic-'));

describe('writeFileAtomic', () => {
  it('writes strings, bytes and chunk iterables, replacing the old file and creating the directory', () => {
    const dir = fresh(),
      p = join(dir, 'a', 'b.txt');
    writeFileAtomic(p, 'old');
    writeFileAtomic(p, Uint8Array.of(0x68, 0x69));
    expect(readFileSync(p, 'utf8')).toBe('hi');
    function* lines(): Generator<string | Uint8Array> {
      yield 'x,y\n';
      for (let i = 0; i < 3; i++) yield `${i},${i * i}\n`;
      yield Uint8Array.of(0x2e);
    }
    writeFileAtomic(p, lines());
    expect(readFileSync(p, 'utf8')).toBe('x,y\n0,0\n1,1\n2,4\n.');
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.txt']);
  });

  it('a writer that throws midway leaves the old file and no temporary file', () => {
    const dir = fresh(),
      p = join(dir, 'c.csv');
    writeFileAtomic(p, 'complete\n');
    function* failing(): Generator<string> {
      yield 'half';
      throw new Error('row 2 is bad');
    }
    expect(() => writeFileAtomic(p, failing())).toThrow('row 2 is bad');
    expect(readFileSync(p, 'utf8')).toBe('complete\n');
    expect(readdirSync(dir)).toEqual(['c.csv']);
  });
});

describe('replaceDirAtomic', () => {
  it('builds the directory aside and swaps it in, replacing an old one', async () => {
    const root = fresh(),
      target = join(root, 'out', 'store.zarr');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'stale.json'), '{}');
    await replaceDirAtomic(target, async (tmp) => {
      expect(existsSync(join(target, 'stale.json'))).toBe(true); // the old store is still whole meanwhile
      writeFileSync(join(tmp, 'zarr.json'), '{"node_type":"group"}');
    });
    expect(readdirSync(target)).toEqual(['zarr.json']);
    expect(readdirSync(join(root, 'out'))).toEqual(['store.zarr']);
  });

  it('a build that throws leaves the target as it was and removes its temporary directory', async () => {
    const root = fresh(),
      target = join(root, 'model');
    await replaceDirAtomic(target, async (tmp) => writeFileSync(join(tmp, 'model.json'), 'v1'));
    await expect(
      replaceDirAtomic(target, async (tmp) => {
        writeFileSync(join(tmp, 'model.json'), 'v2');
        throw new Error('weights failed');
      }),
    ).rejects.toThrow('weights failed');
    expect(readFileSync(join(target, 'model.json'), 'utf8')).toBe('v1');
    expect(readdirSync(root)).toEqual(['model']);
  });
});
