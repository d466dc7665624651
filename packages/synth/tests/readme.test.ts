// The README's opening example, run as a reader would (tools/readme-example.ts): twice with the
// same seed (identical output, the determinism the README promises), windows equal to the
// defaults, a non-trivial world.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

describe('README example', () => {
  it('generates the same world twice, with the default windows', () => {
    const dir = fileURLToPath(new URL('..', import.meta.url));
    const first = runReadmeExample(dir);
    expect(runReadmeExample(dir)).toBe(first);
    const out = JSON.parse(first) as {
      customers: number;
      events: number;
      edges: number;
      calibrationWeeks: number;
      horizonWeeks: number;
      defaults: { calibrationWeeks: number; horizonWeeks: number };
      firstTimes: number[];
      oracle: number[];
    };
    expect(out.customers).toBe(400);
    expect(out.events).toBeGreaterThan(400 * 10);
    expect(out.edges).toBeGreaterThan(400);
    expect(out.calibrationWeeks).toBe(out.defaults.calibrationWeeks);
    expect(out.horizonWeeks).toBe(out.defaults.horizonWeeks);
    for (let i = 1; i < out.firstTimes.length; i++)
      expect(out.firstTimes[i]).toBeGreaterThanOrEqual(out.firstTimes[i - 1]);
    for (const v of out.oracle) expect(v).toBeGreaterThanOrEqual(0);
  });
});
