import { describe, expect, it } from 'vitest';
import { parseInteger } from '../src/index.ts';

describe('parseInteger', () => {
  it('reads decimal integers with an optional sign', () => {
    expect(parseInteger('5')).toBe(5);
    expect(parseInteger('-12')).toBe(-12);
    expect(parseInteger('+7')).toBe(7);
    expect(parseInteger('0', { min: 0 })).toBe(0);
    expect(parseInteger('007')).toBe(7);
  });

  it('rejects anything Number() would stretch to an integer, and unsafe integers', () => {
    for (const text of ['', ' 5', '5 ', '1e3', '0x10', '2.0', '2.5', 'NaN', 'Infinity', '9007199254740993']) {
      expect(() => parseInteger(text), text).toThrow(`core/parse-integer: expected an integer, got '${text}'`);
    }
  });

  it('names the option and the range it expected', () => {
    expect(() => parseInteger('0', { min: 1, where: '--seeds' })).toThrow(
      "--seeds: expected a positive integer, got '0'",
    );
    expect(() => parseInteger('-1', { min: 0, where: '--workers' })).toThrow(
      "--workers: expected a non-negative integer, got '-1'",
    );
    expect(() => parseInteger('1', { min: 2, where: '--customers' })).toThrow(
      "--customers: expected an integer ≥ 2, got '1'",
    );
    expect(() => parseInteger('11', { min: 1, max: 10 })).toThrow(
      "core/parse-integer: expected an integer in [1, 10], got '11'",
    );
    expect(() => parseInteger('11', { max: 10 })).toThrow("expected an integer ≤ 10, got '11'");
  });
});
