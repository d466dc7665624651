// `clvlab bench --period 1d` through the real CLI (issue 15 §7: BG/BB runs on datasets
// discretised into periods): the run-wide period reaches every model that discretises
// (bg-bb-gg) and no other, a spec's own period wins, the record's cells say which period each
// used, and a run in which no model takes a period is refused in one line.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli } from './run-cli.ts';

type Cell = { model: string; trial_config: Record<string, unknown>; info: Record<string, unknown> };
const bench = async (...args: string[]) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'clvlab-period-')), 'run');
  const r = await runCli([
    'bench',
    '--customers',
    '600',
    '--seeds',
    '1',
    '--workers',
    '1',
    '--out',
    dir,
    ...args,
    '--json',
  ]);
  return { r, dir };
};
const cells = (dir: string): Cell[] => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).cells as Cell[];

describe('clvlab bench --period', () => {
  it('discretises bg-bb-gg into the run-wide period, leaves other models and a spec-set period alone', async () => {
    const { r, dir } = await bench('--models', 'bg-bb-gg,bg-bb-gg:period=1w,bgnbd-gg', '--period', '1d');
    expect(r.code, r.stderr).toBe(0);
    const byModel = new Map(cells(dir).map((c) => [c.model, c]));
    expect(byModel.get('bg-bb-gg')!.trial_config).toEqual({ period: '1d' });
    expect(byModel.get('bg-bb-gg')!.info.period).toBe('1d');
    expect(byModel.get('bg-bb-gg:period=1w')!.trial_config).toEqual({});
    expect(byModel.get('bg-bb-gg:period=1w')!.info.period).toBe('1w');
    expect(byModel.get('bgnbd-gg')!.trial_config).toEqual({});
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!).command).toContain('--period 1d');
    // Daily and weekly periods are different models: their test Gini differs.
    const gini = (m: string) =>
      readFileSync(join(dir, 'metrics.csv'), 'utf8')
        .split('\n')
        .find((l) => l.split(',')[1] === m && l.split(',')[2] === '1');
    expect(gini('bg-bb-gg')).toBeDefined();
    expect(gini('bg-bb-gg')!.split(',').slice(3)).not.toEqual(gini('bg-bb-gg:period=1w')!.split(',').slice(3));
  }, 120_000);

  it('refuses a period no model of the run takes, and a malformed one, in one line', async () => {
    expectUserError(
      (await bench('--models', 'bgnbd-gg', '--period', '1d')).r,
      'bench',
      /no model of this run takes 'period'/,
    );
    expectUserError((await bench('--models', 'bg-bb-gg', '--period', 'weekly')).r, 'bench', /--period/);
  }, 60_000);
});
