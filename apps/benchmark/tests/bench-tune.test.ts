// `clvlab bench --tune N` and per-model overrides through the real CLI: every tunable model
// runs N trials per seed (the default first), the row is the trial with the best VALID-fold
// normalized Gini (recomputed here independently from the cells), an override spec is its own
// row with its resolved config, and the record stores the search space and every trial.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizedGini } from '@clvlab/metrics';
import { evaluationFolds, Fold } from '@clvlab/sessions';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { runCli } from './run-cli.ts';

describe('clvlab bench --tune', () => {
  let dir = '';
  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'clvlab-tune-')), 'run');
    const r = await runCli([
      'bench',
      '--customers',
      '600',
      '--models',
      'rfm-segment,rfm-segment:shrinkage=1000,historical-rate',
      '--tune',
      '3',
      '--seeds',
      '2',
      '--workers',
      '2',
      '--out',
      dir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('runs 3 trials per tunable model and seed, the default first, and keeps an override fixed', () => {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.protocol.tuning.trials).toBe(3);
    const seg = m.models.find((x: { name: string }) => x.name === 'rfm-segment');
    expect(Object.keys(seg.search_space)).toEqual(['shrinkage']);
    const fixed = m.models.find((x: { name: string }) => x.name === 'rfm-segment:shrinkage=1000');
    expect(fixed.config.shrinkage).toBe(1000);
    // Its only knob is fixed by the spec, so nothing is left to tune: one trial per seed.
    expect(fixed.search_space).toBeNull();
    const cells = m.cells as {
      model: string;
      seed: number;
      trial: number;
      trial_config: Record<string, number>;
      chosen: boolean;
      valid_score?: number;
    }[];
    for (const seed of [1, 2]) {
      const trials = cells
        .filter((c) => c.model === 'rfm-segment' && c.seed === seed)
        .sort((a, b) => a.trial - b.trial);
      expect(trials.map((c) => c.trial)).toEqual([0, 1, 2]);
      expect(trials[0].trial_config).toEqual({});
      expect(trials[1].trial_config.shrinkage).toBeGreaterThanOrEqual(0.1);
      expect(trials.filter((c) => c.chosen)).toHaveLength(1);
      expect(cells.filter((c) => c.model === 'rfm-segment:shrinkage=1000' && c.seed === seed)).toHaveLength(1);
    }
    // The same candidates for every seed (drawn from dataset id + spec), so seeds differ only by their split.
    const cfg = (seed: number) =>
      cells.filter((c) => c.model === 'rfm-segment' && c.seed === seed).map((c) => JSON.stringify(c.trial_config));
    expect(cfg(2)).toEqual(cfg(1));
  });

  it('chooses the trial with the best valid-fold Gini, recomputed independently from the stored cells', async () => {
    const ds = await loadBenchDataset('synthetic', { customers: 600 });
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const stored = new Map(
      readdirSync(join(dir, 'cells')).map((f) => {
        const c = JSON.parse(readFileSync(join(dir, 'cells', f), 'utf8'));
        return [c.key, c.value as number[]];
      }),
    );
    for (const seed of [1, 2]) {
      const fold = evaluationFolds(ds.payload.log.customerIds, ds.payload.split.customers, seed);
      const rows = [...fold.keys()].filter((r) => fold[r] === Fold.valid);
      const actual = rows.map((r) => ds.payload.split.score.target[r]);
      const trials = (
        m.cells as { key: string; model: string; seed: number; trial: number; chosen: boolean; valid_score: number }[]
      ).filter((c) => c.model === 'rfm-segment' && c.seed === seed);
      const scores = trials.map((c) =>
        normalizedGini(Float64Array.from(actual), Float64Array.from(rows.map((r) => stored.get(c.key)![r]))),
      );
      trials.forEach((c, i) => expect(c.valid_score).toBeCloseTo(scores[i], 12));
      const best = Math.max(...scores);
      expect(trials.find((c) => c.chosen)!.valid_score).toBe(best);
    }
    const sel = readFileSync(join(dir, 'selection.csv'), 'utf8').trimEnd().split('\n');
    expect(sel[0]).toBe('dataset,model,seed,trial,config,train_fraction,valid_normalized_gini,chosen');
    // rfm-segment and historical-rate: 3 trials × 2 seeds; the fixed spec: 1 × 2.
    expect(sel).toHaveLength(1 + 3 * 2 * 2 + 2);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('tuning (chosen on the valid fold)');
    expect(md).toContain('3 trials per tunable family and seed');
  });

  it('rejects a malformed override with a one-line reason', async () => {
    for (const [spec, re] of [
      ['rfm-segment:shrinkage', /expected name:key=value/],
      ['oracle:x=1', /the oracle takes no config/],
      ['rfm-segment:nope=1', /unknown option 'nope'/],
    ] as const) {
      const r = await runCli(['bench', '--customers', '200', '--models', spec, '--out', join(dir, 'bad'), '--json']);
      expect(r.code, spec).toBe(2);
      expect(JSON.parse(r.stdout).error).toMatch(re);
    }
  });
});

describe('clvlab bench --tune --halving', () => {
  it('successive halving: every trial on 1/η of the train fold, the best ⌈N/η⌉ by valid score on all of it, the row chosen among those', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'clvlab-halving-')), 'run');
    const r = await runCli([
      'bench',
      '--customers',
      '600',
      '--models',
      'rfm-segment',
      '--tune',
      '4',
      '--halving',
      '2',
      '--seeds',
      '1',
      '--workers',
      '2',
      '--out',
      dir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.protocol.tuning.halving).toBe(2);
    const cells = m.cells as { trial: number; train_fraction: number; chosen: boolean; valid_score: number }[];
    const rung0 = cells
      .filter((c) => c.train_fraction === 0.5)
      .sort((a, b) => b.valid_score - a.valid_score || a.trial - b.trial);
    const rung1 = cells.filter((c) => c.train_fraction === 1);
    expect(rung0.map((c) => c.trial).sort()).toEqual([0, 1, 2, 3]);
    expect(rung1.map((c) => c.trial).sort()).toEqual(
      rung0
        .slice(0, 2)
        .map((c) => c.trial)
        .sort(),
    );
    expect(rung0.some((c) => c.chosen)).toBe(false);
    const chosen = rung1.filter((c) => c.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0].valid_score).toBe(Math.max(...rung1.map((c) => c.valid_score)));
    // A rung-0 model trained on half the train fold: its cell key differs from the full one of the same config.
    const stored = readdirSync(join(dir, 'cells')).map(
      (f) => JSON.parse(readFileSync(join(dir, 'cells', f), 'utf8')).identity,
    );
    expect(stored.filter((i: { trainFraction?: number }) => i.trainFraction === 0.5)).toHaveLength(4);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(
      'successive halving (all 4 on 1/2 of the train and early-stopping valid folds, the best 2 on all of it)',
    );
  });
});
