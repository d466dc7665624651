// The parallel oracle (real worker threads) against the one-thread generator: the same world
// bit for bit, with and without the campaign, for thread counts that divide the samples and
// ones that do not.
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../src/index.ts';
import { generateSyntheticParallel } from '../src/node.ts';

const small = { customers: 600, oracleSamples: 5 };

describe('generateSyntheticParallel', () => {
  for (const campaign of [1, 0]) {
    it(`equals generateSynthetic bit for bit on 2 and 3 threads (campaign ${campaign})`, async () => {
      const one = generateSynthetic({ ...small, campaign });
      expect(one.truth.oracle.some((v) => v > 0)).toBe(true);
      for (const workers of [2, 3]) {
        const many = await generateSyntheticParallel({ ...small, campaign }, { workers, minCustomerSamples: 0 });
        expect(Buffer.from(many.truth.oracle.buffer).equals(Buffer.from(one.truth.oracle.buffer))).toBe(true);
        expect(
          Buffer.from(many.truth.oracleRepurchase.buffer).equals(Buffer.from(one.truth.oracleRepurchase.buffer)),
        ).toBe(true);
        expect(many.log.length).toBe(one.log.length);
        expect(
          Buffer.from(many.log.t.buffer, 0, many.log.length * 8).equals(
            Buffer.from(one.log.t.buffer, 0, one.log.length * 8),
          ),
        ).toBe(true);
        expect(many.truth.upliftValue).toEqual(one.truth.upliftValue);
      }
    }, 120_000);
  }

  it('with one thread (no worker) and with no samples gives the one-thread world', async () => {
    const one = generateSynthetic({ customers: 300, oracleSamples: 2 });
    expect(
      (await generateSyntheticParallel({ customers: 300, oracleSamples: 2 }, { workers: 1 })).truth.oracle,
    ).toEqual(one.truth.oracle);
    const none = await generateSyntheticParallel(
      { customers: 300, oracleSamples: 0 },
      { workers: 2, minCustomerSamples: 0 },
    );
    expect(none.truth.oracle.every((v) => v === 0)).toBe(true);
  });
});
