import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitRanges } from '../src/split-ranges.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-split-'));

describe('splitRanges', () => {
  it('starts each range just after the first line feed at or after its nominal offset', async () => {
    const text = Array.from({ length: 1000 }, (_, i) => `c${i},${1_700_000_000 + i},${'x'.repeat(i % 37)}`).join('\n');
    const path = join(dir, 'a.csv');
    writeFileSync(path, text);
    const bytes = Buffer.from(text);
    for (const parts of [2, 3, 4, 7]) {
      const ranges = await splitRanges(path, bytes.length, parts);
      expect(ranges.length).toBe(parts);
      expect(ranges[0].start).toBe(0);
      expect(ranges[parts - 1].end).toBe(bytes.length);
      for (let k = 1; k < parts; k++) {
        const nominal = Math.floor((k * bytes.length) / parts);
        const { start } = ranges[k];
        expect(ranges[k - 1].end).toBe(start);
        expect(bytes[start - 1]).toBe(10);
        expect(bytes.subarray(nominal, start - 1).includes(10)).toBe(false);
      }
    }
  });

  it('gives fewer ranges when lines are longer than a range', async () => {
    const path = join(dir, 'b.csv');
    writeFileSync(path, `${'a'.repeat(200_000)}\n${'b'.repeat(10)}\n`);
    expect(await splitRanges(path, 200_012, 4)).toEqual([
      { start: 0, end: 200_001 },
      { start: 200_001, end: 200_012 },
    ]);
    writeFileSync(path, 'no line feed at all');
    expect(await splitRanges(path, 19, 3)).toEqual([{ start: 0, end: 19 }]);
  });
});
