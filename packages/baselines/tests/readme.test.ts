// The README's opening example, run as a reader would (tools/readme-example.ts), against
// Fader, Hardie & Lee (2005): BG/NBD on the CDNOW sample and the 1.226 expected purchases.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('README example', () => {
  it('prints the published BG/NBD parameters and the 1.226 conditional expectation', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      bgnbd: Record<string, number>;
      logLikelihood: number;
      gammaGamma: Record<string, number>;
      expected: number;
    };
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    for (const [k, v] of Object.entries(published)) expect(rel(out.bgnbd[k], v), k).toBeLessThan(0.005);
    expect(Math.abs(out.logLikelihood - -9582.4)).toBeLessThan(0.5);
    expect(rel(out.expected, 1.226)).toBeLessThan(0.005);
    expect(Object.keys(out.gammaGamma).sort()).toEqual(['gamma', 'p', 'q']);
  });
});
