import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../src/index.ts';

describe('parseDuration', () => {
  it('reads every unit', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('39w')).toBe(39 * 7 * 86_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('rejects bare numbers, unknown units and negatives with a clear message', () => {
    expect(() => parseDuration('30')).toThrow(/^core\/parse-duration: .*got '30'.*unit is required/);
    expect(() => parseDuration('1x', '--gap')).toThrow(
      "--gap: expected a duration like 30m, 1h, 90s, 500ms, 7d or 39w, got '1x'",
    );
    expect(() => parseDuration('30 minutes')).toThrow(/expected a duration like 30m/);
    expect(() => parseDuration('-5m')).toThrow(/got '-5m'/);
    expect(() => parseDuration('')).toThrow(/got ''/);
    expect(() => parseDuration('1H')).toThrow(/got '1H'/);
  });

  it('formats back to the largest exact unit', () => {
    expect(formatDuration(1_800_000)).toBe('30m');
    expect(formatDuration(39 * 7 * 86_400_000)).toBe('39w');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1_500)).toBe('1500ms');
    for (const text of ['30m', '1h', '90s', '7d', '39w', '500ms'])
      expect(parseDuration(formatDuration(parseDuration(text)))).toBe(parseDuration(text));
  });
});
