import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/index.ts';

const DEFAULTS = Object.freeze({ lambda: 1, flag: true, unit: 'auto' });

describe('resolveConfig', () => {
  it('returns the frozen defaults overridden by the config', () => {
    const c = resolveConfig('m', DEFAULTS, { lambda: 0.5, unit: 'day', flag: undefined });
    expect(c).toEqual({ lambda: 0.5, flag: true, unit: 'day' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('coerces CLI strings to the type of the default', () => {
    expect(resolveConfig('m', DEFAULTS, { lambda: '0.5', flag: 'false', unit: '7' })).toEqual({ lambda: 0.5, flag: false, unit: '7' });
    expect(resolveConfig('m', DEFAULTS, { lambda: ' 1e-3 ', flag: 'true' })).toEqual({ lambda: 0.001, flag: true, unit: 'auto' });
  });

  it('rejects unknown keys and values that are not of the default type, in one line', () => {
    expect(() => resolveConfig('m', DEFAULTS, { lamda: 1 })).toThrow("m: unknown config key 'lamda' (expected one of lambda, flag, unit)");
    expect(() => resolveConfig('m', DEFAULTS, { toString: 1 })).toThrow("m: unknown config key 'toString'");
    expect(() => resolveConfig('m', DEFAULTS, { lambda: '0.5x' })).toThrow(`m: config 'lambda' must be a number, got "0.5x"`);
    expect(() => resolveConfig('m', DEFAULTS, { lambda: '' })).toThrow(`m: config 'lambda' must be a number, got ""`);
    expect(() => resolveConfig('m', DEFAULTS, { lambda: 'Infinity' })).toThrow("m: config 'lambda' must be a number");
    expect(() => resolveConfig('m', DEFAULTS, { flag: 'yes' })).toThrow(`m: config 'flag' must be a boolean (true or false), got "yes"`);
    expect(() => resolveConfig('m', DEFAULTS, { flag: 1 })).toThrow("m: config 'flag' must be a boolean, got 1");
    expect(() => resolveConfig('m', DEFAULTS, { unit: 7 })).toThrow("m: config 'unit' must be a string, got 7");
  });
});
