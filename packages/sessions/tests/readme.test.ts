// The README's opening example, run as a reader would (tools/readme-example.ts): the hand-worked
// sessions of the 30-minute rule, and fold sizes within 4 binomial standard deviations of 60/20/20.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

describe('README example', () => {
  it('splits at the 40-minute gap and draws 60/20/20 folds', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      sessions: number[];
      counts: number[];
    };
    expect(out.sessions).toEqual([0, 0, 1, 2]);
    const n = 10_000;
    [0.6, 0.2, 0.2].forEach((p, f) =>
      expect(Math.abs(out.counts[f] - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p))),
    );
  });
});
