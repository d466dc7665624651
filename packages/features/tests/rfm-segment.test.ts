import { describe, expect, it } from 'vitest';
import { rfmCode, rfmSegment, RFM_SEGMENTS } from '../src/index.ts';

describe('rfmSegment', () => {
  it('names the documented cells', () => {
    expect(rfmSegment(1, 1, 1)).toBe('best customers');
    expect(rfmSegment(1, 4, 1)).toBe('high-spending new');
    expect(rfmSegment(1, 4, 2)).toBe('high-spending new');
    expect(rfmSegment(1, 4, 4)).toBe('promising new');
    expect(rfmSegment(4, 1, 1)).toBe('churned best');
    expect(rfmSegment(4, 2, 2)).toBe('churned best');
    expect(rfmSegment(2, 1, 3)).toBe('loyal');
    expect(rfmSegment(3, 2, 4)).toBe('at risk');
    expect(rfmSegment(3, 3, 1)).toBe('big spenders');
    expect(rfmSegment(4, 4, 4)).toBe('lost');
    expect(rfmSegment(2, 3, 3)).toBe('recent occasional');
    expect(rfmSegment(3, 4, 3)).toBe('hibernating');
    expect(rfmCode(1, 4, 2)).toBe('1-4-2');
  });

  it('maps every one of the 64 cells to a listed segment', () => {
    for (let r = 1; r <= 4; r++)
      for (let f = 1; f <= 4; f++) for (let m = 1; m <= 4; m++) expect(RFM_SEGMENTS).toContain(rfmSegment(r, f, m));
  });

  it('rejects tiers outside 1..4', () => {
    expect(() => rfmSegment(0, 1, 1)).toThrow('features/rfmSegment: recency tier must be an integer 1..4, got 0');
  });
});
