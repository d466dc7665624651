import { describe, expect, it } from 'vitest';
import { EventType } from '@clvlab/events';
import { SYNTH_DEFAULTS, generateSynthetic } from '../src/index.ts';

const WEEK = 7 * 86_400_000;
const GAP = 30 * 60_000;
const small = { customers: 1500, seed: 7, oracleSamples: 16 };
const data = generateSynthetic(small);

describe('generateSynthetic', () => {
  it('is deterministic: same seed gives identical columns, another seed differs', () => {
    const again = generateSynthetic(small);
    expect(again.log.length).toBe(data.log.length);
    for (const col of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const) {
      expect(Buffer.from(again.log[col].buffer).equals(Buffer.from(data.log[col].buffer))).toBe(true);
    }
    expect(Array.from(again.truth.oracle)).toEqual(Array.from(data.truth.oracle));
    expect(Array.from(again.edges.dst)).toEqual(Array.from(data.edges.dst));
    const other = generateSynthetic({ ...small, seed: 8 });
    expect(other.log.length === data.log.length && other.log.t.every((t, i) => t === data.log.t[i])).toBe(false);
  });

  it('produces a sorted log of the default shape with split metadata', () => {
    const { log } = data;
    expect(log.customerIds.length).toBe(1500);
    for (let e = 1; e < log.length; e++) {
      const ok =
        log.customer[e] > log.customer[e - 1] || (log.customer[e] === log.customer[e - 1] && log.t[e] >= log.t[e - 1]);
      if (!ok) throw new Error(`unsorted at ${e}`);
    }
    expect(data.start).toBe(SYNTH_DEFAULTS.start);
    expect(data.cutoff - data.start).toBe(SYNTH_DEFAULTS.calibrationWeeks * WEEK);
    expect(data.horizon).toBe(SYNTH_DEFAULTS.horizonWeeks * WEEK);
    expect(log.t[0]).toBeGreaterThanOrEqual(data.start);
    expect(Math.max(...log.t)).toBeLessThan(data.cutoff + data.horizon);
    // every purchase has money, returns are negative, views have none
    for (let e = 0; e < log.length; e++) {
      if (log.type[e] === EventType.purchase && !(log.amount[e] > 0))
        throw new Error(`purchase without amount at ${e}`);
      if (log.type[e] === EventType.return && !(log.amount[e] < 0)) throw new Error(`return not negative at ${e}`);
    }
  });

  it('true session counts equal an independent 30-minute-gap count of the log', () => {
    const { log } = data;
    const counted = new Int32Array(log.customerIds.length);
    let minInter = Infinity,
      maxIntra = 0;
    for (let e = 0; e < log.length; e++) {
      const c = log.customer[e];
      if (e === 0 || log.customer[e - 1] !== c) {
        counted[c]++;
        continue;
      }
      const gap = log.t[e] - log.t[e - 1];
      if (gap > GAP) {
        counted[c]++;
        minInter = Math.min(minInter, gap);
      } else maxIntra = Math.max(maxIntra, gap);
    }
    expect(Array.from(counted)).toEqual(Array.from(data.truth.sessions));
    // the margins are wide: no gap anywhere near the 30-minute threshold
    expect(maxIntra).toBeLessThanOrEqual(21 * 60_000);
    expect(minInter).toBeGreaterThanOrEqual(40 * 60_000);
  });

  it('rejects unknown and invalid options with a package-prefixed message', () => {
    expect(() => generateSynthetic({ customers: 0 })).toThrow(/^synth\/generate-synthetic: option 'customers'/);
    expect(() => generateSynthetic({ nonsense: 1 } as never)).toThrow(/unknown option 'nonsense'/);
    expect(() => generateSynthetic({ joinWeeks: 60 })).toThrow(/joinWeeks/);
  });
});
