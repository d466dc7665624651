// The README's feature table is the table in code (ENGINEERED_FEATURES), so the documentation
// cannot drift: regenerate the block between the markers from engineeredFeaturesMarkdown().
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { engineeredFeaturesMarkdown, ENGINEERED_FEATURES, FEATURE_GROUPS, FEATURE_NEEDS } from '../src/index.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const START = '<!-- engineered-features:start -->',
  END = '<!-- engineered-features:end -->';

describe('README feature table', () => {
  it('equals the table in code', () => {
    expect(README.split(START).length, 'one start marker').toBe(2);
    const block = README.slice(README.indexOf(START) + START.length, README.indexOf(END)).trim();
    expect(block).toBe(engineeredFeaturesMarkdown());
  });

  it('has unique names, known groups and needs, and documents every need', () => {
    const names = ENGINEERED_FEATURES.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of ENGINEERED_FEATURES) {
      expect(FEATURE_GROUPS).toContain(f.group);
      for (const need of f.needs) expect(Object.keys(FEATURE_NEEDS)).toContain(need);
      expect(f.description.length, f.name).toBeGreaterThan(10);
    }
    // the README's needs table (first column: one need or several separated by commas) names every need
    const needsTable = README.slice(README.indexOf('| need | met when |')).split('\n\n')[0].split('\n').slice(2);
    const documented = needsTable.flatMap((row) => row.split('|')[1].trim().split(', '));
    expect(documented.sort()).toEqual(Object.keys(FEATURE_NEEDS).sort());
  });
});
