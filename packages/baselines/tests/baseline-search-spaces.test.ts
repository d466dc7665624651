import { describe, expect, it } from 'vitest';
import type { SearchDimension } from '@clvlab/sessions';
import { BASELINE_MODEL_NAMES, BASELINE_SEARCH_SPACES, createBaselineModel } from '../src/index.ts';
import type { BaselineModelName } from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';
import { sameBits } from './sealed-task.ts';

const ends = (d: SearchDimension): (number | string | boolean)[] => ('choices' in d ? [...d.choices] : [d.min, d.max]);

describe('BASELINE_SEARCH_SPACES', () => {
  it('covers exactly the baselines with a real hyper-parameter', () => {
    expect(Object.keys(BASELINE_SEARCH_SPACES).sort()).toEqual([
      'decision-tree',
      'gbdt',
      'gbdt+social',
      'historical-rate',
      'random-forest',
      'rfm-linear',
      'rfm-linear+social',
      'rfm-segment',
      'two-stage',
    ]);
    for (const name of Object.keys(BASELINE_SEARCH_SPACES)) expect(BASELINE_MODEL_NAMES).toContain(name);
    expect(Object.isFrozen(BASELINE_SEARCH_SPACES)).toBe(true);
  });

  it('uses config keys the models accept, with each default inside its range', () => {
    for (const [name, space] of Object.entries(BASELINE_SEARCH_SPACES)) {
      const defaults = createBaselineModel(name as BaselineModelName).config;
      for (const [key, d] of Object.entries(space)) {
        const v = defaults[key];
        if ('choices' in d) expect(d.choices, `${name}.${key}`).toContain(v);
        else {
          expect(typeof v, `${name}.${key}`).toBe('number');
          expect((v as number) >= d.min && (v as number) <= d.max, `${name}.${key} = ${String(v)}`).toBe(true);
          if (d.scale === 'log') expect(d.min).toBeGreaterThan(0);
          if (d.integer) expect(Number.isInteger(v)).toBe(true);
        }
        for (const x of ends(d)) {
          expect(createBaselineModel(name as BaselineModelName, { [key]: x }).config[key]).toBe(x);
          expect(createBaselineModel(name as BaselineModelName, { [key]: String(x) }).config[key]).toBe(x); // as the CLI gives it
        }
      }
    }
  });

  it('lists only knobs that change predictions (the ends of each range differ on CDNOW, last 120 days)', async () => {
    const full = await cdnowTask(); // a short window, so some customers are seen for less than minObservedDays' range
    const task = { ...full, split: { ...full.split, start: full.split.cutoff - 120 * 86_400_000 } };
    const graph = { names: ['degree'], columns: [Float64Array.from(task.split.customers, (_, i) => i % 5)] };
    for (const [name, space] of Object.entries(BASELINE_SEARCH_SPACES)) {
      for (const [key, d] of Object.entries(space)) {
        const [lo, hi] = ends(d);
        const run = (x: number | string | boolean) =>
          createBaselineModel(name as BaselineModelName, { [key]: x }).run({ ...task, graph });
        expect(sameBits((await run(lo)).value, (await run(hi)).value), `${name}.${key}`).toBe(false);
      }
    }
  });
});
