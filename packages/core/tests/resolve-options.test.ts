import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/index.ts';

const DEFAULTS = Object.freeze({
  lambda: 1,
  strict: false,
  mode: 'fast' as 'fast' | 'exact',
  start: null as number[] | null,
});

describe('resolveOptions', () => {
  it('merges given keys over the defaults, keeps undefined ones at their default and freezes the result', () => {
    const o = resolveOptions('pkg/file', DEFAULTS, { lambda: 2, mode: undefined });
    expect(o).toEqual({ lambda: 2, strict: false, mode: 'fast', start: null });
    expect(Object.isFrozen(o)).toBe(true);
    expect(resolveOptions('pkg/file', DEFAULTS)).toEqual(DEFAULTS);
    expect(resolveOptions('pkg/file', DEFAULTS, undefined)).toEqual(DEFAULTS);
  });

  it('rejects an unknown key, with or without coercion, in one wording that lists the known keys', () => {
    const message = "pkg/file: unknown option 'lamda' (expected one of lambda, strict, mode, start)";
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lamda: 2 })).toThrow(message);
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lamda: '2' }, { coerce: true })).toThrow(message);
    expect(() => resolveOptions('pkg/file', {}, { x: 1 })).toThrow(
      "pkg/file: unknown option 'x' (expected one of none)",
    );
    // An own key only: nothing inherited from Object.prototype counts as known.
    expect(() => resolveOptions('pkg/file', DEFAULTS, JSON.parse('{"toString": 1}'))).toThrow(
      "unknown option 'toString'",
    );
  });

  it('without coerce takes values as given (types are the caller’s contract)', () => {
    expect(resolveOptions('pkg/file', DEFAULTS, { lambda: '3' } as never).lambda).toBe('3');
  });

  it('with coerce turns strings into the default’s type', () => {
    const o = resolveOptions(
      'pkg/file',
      DEFAULTS,
      { lambda: ' 0.5 ', strict: 'true', mode: 'exact', start: [1, 2] },
      { coerce: true },
    );
    expect(o).toEqual({ lambda: 0.5, strict: true, mode: 'exact', start: [1, 2] });
    expect(resolveOptions('pkg/file', DEFAULTS, { strict: false, lambda: 4 }, { coerce: true })).toMatchObject({
      strict: false,
      lambda: 4,
    });
  });

  it('with coerce rejects a value of another type, naming the key and the value', () => {
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lambda: 'abc' }, { coerce: true })).toThrow(
      `pkg/file: option 'lambda' must be a number, got "abc"`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lambda: '' }, { coerce: true })).toThrow(
      `option 'lambda' must be a number, got ""`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lambda: 'Infinity' }, { coerce: true })).toThrow(
      `option 'lambda' must be a number, got "Infinity"`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { strict: 1 }, { coerce: true })).toThrow(
      `option 'strict' must be a boolean (true or false), got 1`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { lambda: Number.NaN }, { coerce: true })).toThrow(
      `option 'lambda' must be a number, got null`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { strict: 'yes' }, { coerce: true })).toThrow(
      `pkg/file: option 'strict' must be a boolean (true or false), got "yes"`,
    );
    expect(() => resolveOptions('pkg/file', DEFAULTS, { mode: 3 }, { coerce: true })).toThrow(
      `pkg/file: option 'mode' must be a string, got 3`,
    );
  });
});
