// Opening the benchmark to its users (issue 13 §1–2), through the real CLI on CDNOW:
//   - a plugin written outside the repository (plain .mjs in a temp dir) runs next to the
//     built-ins and the repository's examples/custom-model plugin, with `name:key=value`
//     overrides, paired comparisons and its path + sha256 in the manifest; a plugin that returns
//     NaN fails only its own cells; a plugin reusing a built-in name is refused in one line;
//   - `clvlab split` → a Python script (another language) writes predictions for the test
//     customers from the raw CDNOW file before the cutoff → `bench --predictions` scores them;
//     every bad file gives its one-line `FILE:LINE` error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../src/index.ts';
import { REPO_ROOT, runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OUTSIDE = `// written outside the repository: plain JavaScript, no imports
export const models = {
  'tenure-weighted': (config = {}) => ({
    name: 'tenure-weighted', config: { power: Number(config.power ?? 1) },
    async run(task) {
      const { log, offsets, split } = task, n = split.customers.length;
      const value = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const c = split.customers[r];
        let spend = 0, first = Infinity;
        for (let e = offsets[c]; e < offsets[c + 1]; e++) { if (log.type[e] === 2) { spend += log.amount[e]; first = Math.min(first, log.t[e]); } }
        value[r] = spend / Math.pow(1 + (split.cutoff - first) / 864e5, Number(config.power ?? 1));
      }
      return { value };
    },
  }),
  'nan-model': () => ({ name: 'nan-model', config: {}, async run(task) { return { value: new Float64Array(task.split.customers.length).fill(NaN) }; } }),
};
`;

describe('plugin models', () => {
  it('run next to built-ins, with overrides, paired rows and their sha256; a NaN plugin fails only its cells', async () => {
    const plugin = join(dir, 'outside.mjs');
    writeFileSync(plugin, OUTSIDE);
    const out = join(dir, 'plug');
    const r = await runCli([
      'bench',
      '--dataset',
      'cdnow',
      '--plugin',
      plugin,
      '--plugin',
      join(REPO_ROOT, 'examples/custom-model/decayed-spend.mjs'),
      '--models',
      'tenure-weighted,tenure-weighted:power=0,decayed-spend,nan-model,rfm-linear',
      '--seeds',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(r.stderr).toMatch(/cdnow\/nan-model\/seed1: plugin model 'nan-model' \(.*outside\.mjs\): value\[0\] is NaN/);
    const metrics = readFileSync(join(out, 'metrics.csv'), 'utf8');
    for (const m of ['tenure-weighted', 'tenure-weighted:power=0', 'decayed-spend', 'rfm-linear'])
      expect(metrics).toContain(`cdnow,${m},mean,`);
    expect(metrics).not.toContain('nan-model');
    const paired = readFileSync(join(out, 'paired.csv'), 'utf8');
    expect(paired).toMatch(/cdnow,decayed-spend,rfm-linear,mean/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      plugins: { path: string; sha256: string; models: string[] }[];
      best_baseline?: unknown;
    };
    expect(manifest.plugins.map((p) => p.models)).toEqual([['tenure-weighted', 'nan-model'], ['decayed-spend']]);
    expect(manifest.plugins[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const best = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).best_baseline as Record<string, string>;
    expect(best.cdnow).toBe('rfm-linear'); // a plugin is a challenger, never the baseline
  });

  it('refuses a plugin that reuses a built-in name, in one line', async () => {
    const plugin = join(dir, 'clash.mjs');
    writeFileSync(plugin, `export const models = { 'rfm-linear': () => ({}) };\n`);
    const r = await runCli([
      'bench',
      '--dataset',
      'cdnow',
      '--plugin',
      plugin,
      '--models',
      'rfm-linear',
      '--out',
      join(dir, 'clash'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/clash\.mjs: model 'rfm-linear' is a built-in model's name$/);
  });
});

describe('bring your own predictions', () => {
  it('scores predictions a Python script made from split.csv, and rejects bad files with FILE:LINE', async () => {
    const split = join(dir, 'split.csv');
    const s = await runCli(['split', '--dataset', 'cdnow', '--out', split, '--json']);
    expect(s.code, s.stderr).toBe(0);
    const sidecar = JSON.parse(readFileSync(join(dir, 'split.json'), 'utf8')) as { calibration: { end: string } };
    // another language: total spend before the cutoff, from the raw file, for the test customers
    const py = `
import csv, gzip, sys
cut = sys.argv[3].replace('-', '')[:8]
test = [r['customer_id'] for r in csv.DictReader(open(sys.argv[1])) if r['fold'] == 'test' and r['seed'] == '1']
spend = {}
with gzip.open(sys.argv[2], 'rt') as f:
    next(f)
    for line in f:
        cid, date, _, dollars = line.split()
        if date < cut: spend[cid] = spend.get(cid, 0.0) + float(dollars)
with open(sys.argv[4], 'w') as out:
    out.write('customer_id,predicted_value\\n')
    for cid in test: out.write(f'{cid},{spend.get(cid, 0.0)}\\n')
`;
    const good = join(dir, 'spend.csv');
    execFileSync('python3', [
      '-c',
      py,
      split,
      sharedDataPath('cdnow/CDNOW_master.txt.gz'),
      sidecar.calibration.end,
      good,
    ]);
    const out = join(dir, 'pred');
    const r = await runCli([
      'bench',
      '--dataset',
      'cdnow',
      '--predictions',
      `python-spend=${good}`,
      '--models',
      'python-spend,rfm-linear',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const row = readFileSync(join(out, 'metrics.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('cdnow,python-spend,mean,'))!;
    expect(Number(row.split(',')[4])).toBeGreaterThan(0.5); // past spend ranks CDNOW customers well
    expect(readFileSync(join(out, 'paired.csv'), 'utf8')).toMatch(/cdnow,python-spend,rfm-linear,mean/);

    const lines = readFileSync(good, 'utf8').trimEnd().split('\n');
    const bad = (name: string, body: string[]): string => {
      const f = join(dir, name);
      writeFileSync(f, `${body.join('\n')}\n`);
      return f;
    };
    const cases: [string, RegExp][] = [
      [bad('missing.csv', lines.slice(0, -1)), /missing\.csv: 1 test customer\(s\) of seed 1 have no prediction/],
      [
        bad('duplicate.csv', [...lines, lines[1]]),
        new RegExp(`duplicate\\.csv:${lines.length + 1}:1: duplicate customer`),
      ],
      [
        bad('unknown.csv', [...lines, 'nobody,1']),
        new RegExp(`unknown\\.csv:${lines.length + 1}:1: unknown customer 'nobody'`),
      ],
      [
        bad('nan.csv', [lines[0], `${lines[1].split(',')[0]},NaN`, ...lines.slice(2)]),
        /nan\.csv:2:\d+: expected a finite number for predicted_value, got 'NaN'/,
      ],
      [
        bad('negative.csv', [lines[0], `${lines[1].split(',')[0]},-3`, ...lines.slice(2)]),
        /negative\.csv:2:\d+: expected predicted_value ≥ 0, got -3/,
      ],
    ];
    const trainCustomer = readFileSync(split, 'utf8')
      .split('\n')
      .find((l) => l.endsWith(',train'))!
      .split(',')[1];
    cases.push([
      bad('nontest.csv', [...lines, `${trainCustomer},1`]),
      new RegExp(`nontest\\.csv:${lines.length + 1}:1: customer '${trainCustomer}' is not a test customer`),
    ]);
    for (const [file, want] of cases) {
      const b = await runCli([
        'bench',
        '--dataset',
        'cdnow',
        '--predictions',
        `p=${file}`,
        '--models',
        'p',
        '--out',
        join(dir, 'bad'),
      ]);
      expect(b.code, file).toBe(2);
      const last = b.stderr.trim().split('\n').at(-1)!;
      expect(last, file).toMatch(want);
    }
  });
});
