// The README's opening example, run as a reader would (tools/readme-example.ts), against the
// numbers written in its comments and a brute-force recomputation (reference.ts).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeExample, runReadmeExample } from '../../../tools/readme-example.ts';
import { referenceProfit } from './reference.ts';

describe('README example', () => {
  it('prints the profit curve its comments state', () => {
    const dir = fileURLToPath(new URL('..', import.meta.url));
    expect(readmeExample(`${dir}/README.md`)).toContain("from '@clvlab/decisions'");
    const out = JSON.parse(runReadmeExample(dir)) as {
      contacts: number[];
      profit: number[];
      bestK: number;
      bestProfit: number;
    };
    expect(out).toEqual({ contacts: [2, 4, 6], profit: [30, 50, 37.5], bestK: 2 / 3, bestProfit: 50 });
    // Brute force on the same six customers: the grid 1/3, 2/3, 1 is ⌈j·6/100⌉ for j = 33.4, 66.7, 100.
    const ref = referenceProfit([120, 80, 45, 30, 10, 5], [100, 0, 60, 20, 0, 15], 0.5, 10, [33.4, 66.7, 100]);
    expect(ref.contacts).toEqual(out.contacts);
    expect(ref.profit).toEqual(out.profit);
  });
});
