// The README's opening example, run as a reader would (tools/readme-example.ts): customer 0001 of
// the CDNOW sample as lifetimes' cdnow_customers_summary.csv has it, and the engineered table with
// every column either present or listed as omitted.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENGINEERED_FEATURES } from '../src/index.ts';
import { runReadmeExample } from '../../../tools/readme-example.ts';

describe('README example', () => {
  it('prints customer 0001 as lifetimes has it and accounts for every engineered column', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      customers: number;
      x: number;
      tx: number;
      T: number;
      columns: number;
      omitted: number;
      recency: number;
    };
    expect(out.customers).toBe(2357);
    expect(out.x).toBe(2);
    expect(Math.abs(out.tx - 30.43)).toBeLessThan(0.01);
    expect(Math.abs(out.T - 38.86)).toBeLessThan(0.01);
    expect(out.columns + out.omitted).toBe(ENGINEERED_FEATURES.length);
    expect(out.recency).toBe(Math.round(out.T * 7 - out.tx * 7)); // days since the last purchase day
  });
});
