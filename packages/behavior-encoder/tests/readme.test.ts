// The README's opening example, run as a reader would (tools/readme-example.ts): a tiny real
// transformer trained on the wasm backend, twice — same seed and backend must give the same
// numbers — and it must rank test customers better than chance on the synthetic world.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

describe('README example', () => {
  it('trains a tiny transformer deterministically, with a positive test Gini', () => {
    const dir = fileURLToPath(new URL('..', import.meta.url));
    const first = runReadmeExample(dir);
    expect(runReadmeExample(dir)).toBe(first);
    const out = JSON.parse(first) as { rows: number; testCustomers: number; gini: number; first: number[] };
    expect(out.testCustomers).toBeGreaterThan(50);
    expect(out.rows).toBeGreaterThan(out.testCustomers);
    expect(out.gini).toBeGreaterThan(0.1);
    for (const v of out.first) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });
});
