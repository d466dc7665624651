// The README's opening example, run as a reader would (tools/readme-example.ts), against the
// CDNOW sample's documented size (../shared/data/cdnow/SOURCE.md: 6,919 rows, 2,357 customers).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

describe('README example', () => {
  it('reads the CDNOW sample with every row accounted for', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      rowsRead: number;
      rowsKept: number;
      rejected: Record<string, number>;
      customers: number;
      events: number;
      valueTarget: string;
    };
    expect(out.rowsRead).toBe(6919);
    expect(out.customers).toBe(2357);
    expect(out.rowsKept + Object.values(out.rejected).reduce((a, b) => a + b, 0)).toBe(out.rowsRead);
    expect(out.events).toBe(out.rowsKept);
    expect(out.valueTarget).toBe('revenue');
  });
});
