import { describe, expect, it } from 'vitest';
import type { SearchDimension } from '@clvlab/sessions';
import {
  createEncoderModel,
  DEFAULT_ENCODER_CONFIG,
  ENCODER_MODEL_NAMES,
  ENCODER_SEARCH_SPACES,
  resolveEncoderConfig,
  SEQUENCE_CONFIG_KEYS,
} from '../src/internal.ts';

/** The values a dimension can take that a check should try: every choice, or both ends and the middle of a range. */
function samples(d: SearchDimension): (number | string | boolean)[] {
  if ('choices' in d) return [...d.choices];
  const mid = d.scale === 'log' ? Math.sqrt(d.min * d.max) : (d.min + d.max) / 2;
  return [d.min, d.integer ? Math.round(mid) : mid, d.max];
}

function contains(d: SearchDimension, v: unknown): boolean {
  if ('choices' in d) return d.choices.includes(v as never);
  return typeof v === 'number' && v >= d.min && v <= d.max && (!d.integer || Number.isInteger(v));
}

describe('ENCODER_SEARCH_SPACES', () => {
  it('has a space for every base model name, and only for those', () => {
    const bases = [...new Set(ENCODER_MODEL_NAMES.map((n) => n.split('+')[0]))];
    expect(Object.keys(ENCODER_SEARCH_SPACES).sort()).toEqual(bases.sort());
    expect(Object.isFrozen(ENCODER_SEARCH_SPACES)).toBe(true);
  });
  for (const [base, space] of Object.entries(ENCODER_SEARCH_SPACES)) {
    it(`${base}: every key is a config key the model accepts at every sampled value, and the default lies inside`, () => {
      const defaults = createEncoderModel(base).config;
      for (const [key, dim] of Object.entries(space)) {
        expect(Object.keys(DEFAULT_ENCODER_CONFIG)).toContain(key);
        if ('min' in dim) expect(dim.min).toBeLessThan(dim.max);
        else expect(dim.choices.length).toBeGreaterThan(1);
        for (const v of samples(dim)) {
          expect(resolveEncoderConfig(base, { [key]: v })[key as keyof typeof DEFAULT_ENCODER_CONFIG]).toBe(v);
          expect(createEncoderModel(`${base}+social`, { [key]: v }).config[key]).toBe(v);
        }
        expect(contains(dim, defaults[key])).toBe(true);
      }
    });
  }
  it('ziln-mlp searches no key that only a sequence reads', () => {
    for (const key of Object.keys(ENCODER_SEARCH_SPACES['ziln-mlp'])) expect(SEQUENCE_CONFIG_KEYS).not.toContain(key);
  });
  it('every combination of choices of a space resolves (dModel / heads and the other cross-checks hold)', () => {
    for (const [base, space] of Object.entries(ENCODER_SEARCH_SPACES)) {
      let combos: Record<string, unknown>[] = [{}];
      for (const [key, dim] of Object.entries(space))
        combos = combos.flatMap((c) => samples(dim).map((v) => ({ ...c, [key]: v })));
      for (const c of combos) expect(() => resolveEncoderConfig(base, c)).not.toThrow();
    }
  });
});
