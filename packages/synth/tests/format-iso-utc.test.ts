import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { formatIsoUtc } from '../src/index.ts';

describe('formatIsoUtc', () => {
  it('agrees with Date#toISOString on random instants, day boundaries and sequences within a day', () => {
    const rng = createRng(5);
    const cases = [0, 1, 999, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31)];
    for (let i = 0; i < 20_000; i++) cases.push(Math.floor(rng.next() * Date.UTC(2100, 0, 1)));
    let t = Date.UTC(2024, 0, 1);
    for (let i = 0; i < 2000; i++) {
      t += Math.floor(rng.next() * 120_000);
      cases.push(t);
    }
    for (const ms of cases) expect(formatIsoUtc(ms)).toBe(new Date(ms).toISOString());
  });
});
