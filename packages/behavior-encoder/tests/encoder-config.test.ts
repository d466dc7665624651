import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ENCODER_CONFIG,
  embeddingDim,
  ENCODER_PRESETS,
  parseConfigAssignments,
  resolveEncoderConfig,
  SEQUENCE_CONFIG_KEYS,
  tokenGridLength,
} from '../src/internal.ts';

describe('encoder config', () => {
  it('resolves defaults, presets and string overrides into a frozen config', () => {
    const c = resolveEncoderConfig(
      'session-transformer',
      parseConfigAssignments(['dModel=32', 'useSocial=true', 'sessionMixer=gru']),
    );
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(DEFAULT_ENCODER_CONFIG)).toBe(true);
    expect(c.architecture).toBe('session-transformer');
    expect(ENCODER_PRESETS['tiny'].dModel).toBe(16);
    expect(c.blocks).toBe(DEFAULT_ENCODER_CONFIG.blocks);
    expect(c.dModel).toBe(32);
    expect(c.useSocial).toBe(true);
    expect(c.sessionMixer).toBe('gru');
    expect(c.maxEvents).toBe(DEFAULT_ENCODER_CONFIG.maxEvents);
    expect(Object.keys(c).sort()).toEqual(Object.keys(DEFAULT_ENCODER_CONFIG).sort());
  });
  it('rejects unknown keys, L = 0, bad types and bad enums with clear messages', () => {
    expect(() => resolveEncoderConfig('transformer', { dmodel: 8 })).toThrow(
      /behavior-encoder\/config: unknown option 'dmodel'/,
    );
    expect(() => resolveEncoderConfig('transformer', { maxEvents: 0 })).toThrow(
      /'maxEvents' must be an integer ≥ 1, got 0/,
    );
    expect(() => resolveEncoderConfig('transformer', { dModel: 'wide' })).toThrow(
      /option 'dModel' must be a number, got "wide"/,
    );
    expect(() => resolveEncoderConfig('transformer', { sessionMixer: 'lstm' })).toThrow(
      /'sessionMixer' must be one of attention, gru/,
    );
    expect(() => resolveEncoderConfig('transformer', { dModel: 30, heads: 4 })).toThrow(/divisible by heads/);
    expect(() => resolveEncoderConfig('bert')).toThrow(/unknown preset 'bert'/);
    expect(() => parseConfigAssignments(['dModel'])).toThrow(/expected key=value, got 'dModel'/);
  });
  it('ziln-mlp: architecture none, no token grid, no embedding, and it needs a static input', () => {
    const c = resolveEncoderConfig('ziln-mlp');
    expect(c.architecture).toBe('none');
    expect([tokenGridLength(c), embeddingDim(c)]).toEqual([0, 0]);
    expect([tokenGridLength(resolveEncoderConfig('transformer')), embeddingDim(resolveEncoderConfig('gru'))]).toEqual([
      DEFAULT_ENCODER_CONFIG.maxEvents,
      DEFAULT_ENCODER_CONFIG.dModel,
    ]);
    expect(() => resolveEncoderConfig('ziln-mlp', { useRfm: false })).toThrow(
      /architecture 'none' \(ziln-mlp\) has no sequence, so it needs static inputs: useRfm or useSocial/,
    );
    expect(resolveEncoderConfig('ziln-mlp', { useRfm: false, useSocial: true }).useSocial).toBe(true);
    for (const key of SEQUENCE_CONFIG_KEYS) expect(Object.keys(DEFAULT_ENCODER_CONFIG)).toContain(key);
  });
});
