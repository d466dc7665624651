// `clvlab bench` end to end through the real CLI on a small synthetic dataset: the record's
// files and columns, normalized Gini in metrics.csv recomputed independently (python3/numpy)
// from predictions.csv, the Zarr group decoded outside zarrita, and input errors.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '@clvlab/metrics';
import { ablationTwin } from '../src/record/compute-results.ts';
import { REPO_ROOT, runCli } from './run-cli.ts';

const MODELS = ['historical-rate', 'rfm-segment', 'calibration-frequency', 'oracle'];

describe('clvlab bench', () => {
  let dir = '';
  let summary: Record<string, unknown> = {};

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'clvlab-bench-')), 'run');
    const r = await runCli([
      'bench',
      '--customers',
      '600',
      '--models',
      MODELS.join(','),
      '--seeds',
      '2',
      '--workers',
      '2',
      '--out',
      dir,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  });

  it('writes the full record with the contract columns', () => {
    for (const f of [
      'manifest.json',
      'metrics.json',
      'metrics.csv',
      'paired.csv',
      'segments.csv',
      'predictions.csv',
      'report.md',
      'report.html',
      'predictions.zarr/zarr.json',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const lines = readFileSync(join(dir, 'metrics.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(
      [
        'dataset,model,seed,n',
        ...METRIC_NAMES,
        ...METRIC_NAMES.flatMap((m) => [`${m}_lo`, `${m}_hi`]),
        'interval',
      ].join(','),
    );
    // 4 models × (2 seeds + 1 aggregate row)
    expect(lines).toHaveLength(1 + MODELS.length * 3);
    const mean = lines.filter((l) => l.split(',')[2] === 'mean').map((l) => l.split(','));
    expect(mean.map((r) => r[1]).sort()).toEqual([...MODELS].sort());
    const K = METRIC_NAMES.length;
    for (const r of mean) {
      const g = Number(r[4]),
        lo = Number(r[4 + K]),
        hi = Number(r[5 + K]);
      expect(lo).toBeLessThanOrEqual(g);
      expect(hi).toBeGreaterThanOrEqual(g);
      expect(r[r.length - 1]).toBe('nadeau-bengio');
    }
    expect(readFileSync(join(dir, 'predictions.csv'), 'utf8').split('\n')[0]).toBe(
      'dataset,customer_id,model,seed,predicted_value,repurchase_score,actual_value,actual_repurchase',
    );
    expect(summary.cells).toBe(8);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.code.source_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.hardware.cores).toBeGreaterThan(0);
    expect(m.datasets[0].id).toBe('synthetic');
    expect(m.datasets[0].source_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m.datasets[0].split.test).toBeGreaterThan(50);
    expect(m.cells).toHaveLength(8);
    for (const c of m.cells) {
      expect(c.wall_ms).toBeGreaterThanOrEqual(0);
      expect(c.cpu_ms).toBeGreaterThanOrEqual(0);
    }
    expect(m.runtime.tfjs_backend).toBeTruthy();
    expect(m.seeds).toEqual([1, 2]);
  });

  it('has normalized Gini equal to an independent numpy computation from predictions.csv (ties spread evenly, trapezoid mean of G) to 1e-9', () => {
    const py = `
import csv, sys, json
import numpy as np
from collections import defaultdict
rows = defaultdict(lambda: ([], []))
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        k = (r['dataset'], r['model'], r['seed'])
        rows[k][0].append(float(r['predicted_value'])); rows[k][1].append(float(r['actual_value']))
def raw(pred, act):
    order = np.argsort(-pred, kind='stable')
    p, a = pred[order], act[order].copy()
    # spread each block of tied predictions evenly over its positions
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and p[j + 1] == p[i]: j += 1
        a[i:j + 1] = a[i:j + 1].mean()
        i = j + 1
    G = np.concatenate([[0.0], np.cumsum(a) / act.sum()])
    # mean of G over the customer axis as a continuous curve (trapezoids; docs/architecture.md §Metrics: constant -> 0)
    return 2 * ((G[:-1] + G[1:]) / 2).mean() - 1
out = {}
for (d, m, s), (p, a) in rows.items():
    p, a = np.array(p), np.array(a)
    out[f'{d},{m},{s}'] = raw(p, a) / raw(a, a)
print(json.dumps(out))
`;
    const ref = JSON.parse(
      execFileSync('python3', ['-c', py, join(dir, 'predictions.csv')], { encoding: 'utf8' }),
    ) as Record<string, number>;
    const lines = readFileSync(join(dir, 'metrics.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const perSeed = lines.filter((r) => r[2] !== 'mean');
    expect(perSeed).toHaveLength(Object.keys(ref).length);
    for (const r of perSeed) {
      const key = `${r[0]},${r[1]},${r[2]}`;
      expect(Math.abs(Number(r[4]) - ref[key]), key).toBeLessThan(1e-9);
    }
    // The oracle knows the latent parameters: it must rank better than every baseline.
    const gini = (m: string) => Number(lines.find((r) => r[1] === m && r[2] === 'mean')![4]);
    for (const m of MODELS.filter((x) => x !== 'oracle')) expect(gini('oracle')).toBeGreaterThan(gini(m));
  });

  it('re-draws the split per seed: different test customers, so even the deterministic baselines differ across seeds', () => {
    const preds = readFileSync(join(dir, 'predictions.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const ids = (seed: string) =>
      new Set(preds.filter((r) => r[2] === 'historical-rate' && r[3] === seed).map((r) => r[1]));
    const a = ids('1'),
      b = ids('2');
    const shared = [...a].filter((x) => b.has(x)).length;
    // Independent 20% test folds share ~20% of their customers.
    expect(shared / a.size).toBeGreaterThan(0.08);
    expect(shared / a.size).toBeLessThan(0.35);
    const lines = readFileSync(join(dir, 'metrics.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    const g = (seed: string) => Number(lines.find((r) => r[1] === 'historical-rate' && r[2] === seed)![4]);
    expect(g('1')).not.toBe(g('2'));
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(m.protocol.intervals).toMatch(/Nadeau & Bengio/);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## How to read this');
    expect(md).toMatch(/Nadeau & Bengio \(2003\): var = \(1\/k \+ n_test\/n_train\)·s²/);
  });

  it('pairs every model with every baseline on the same seed, and the difference is the metrics.csv difference', () => {
    const gini = new Map<string, number>();
    for (const l of readFileSync(join(dir, 'metrics.csv'), 'utf8').trimEnd().split('\n').slice(1)) {
      const r = l.split(',');
      if (r[2] !== 'mean') gini.set(`${r[1]}/${r[2]}`, Number(r[4]));
    }
    const rows = readFileSync(join(dir, 'paired.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((r) => r[4] === 'normalized_gini' && r[3] !== 'mean');
    const baselines = MODELS.filter((m) => m !== 'oracle');
    const expected = MODELS.flatMap((m) => baselines.filter((b) => b !== m).map((b) => `${m} vs ${b}`)).sort();
    for (const seed of ['1', '2']) {
      expect(
        rows
          .filter((r) => r[3] === seed)
          .map((r) => `${r[1]} vs ${r[2]}`)
          .sort(),
      ).toEqual(expected);
    }
    for (const r of rows)
      expect(Number(r[7])).toBeCloseTo(gini.get(`${r[1]}/${r[3]}`)! - gini.get(`${r[2]}/${r[3]}`)!, 12);
  });

  it('names the plain twin of an ablation variant', () => {
    expect(ablationTwin('transformer+social')).toBe('transformer');
    expect(ablationTwin('gru+social+rfm')).toBe('gru+social');
    expect(ablationTwin('pareto-nbd-gg')).toBeNull();
    expect(ablationTwin('transformer:useRfm=false')).toBe('transformer');
    expect(ablationTwin('transformer+social:dModel=32')).toBe('transformer+social');
  });

  it('stores predictions in a Zarr v3 group that numpy decodes from the raw gzip chunks', () => {
    const py = `
import json, gzip, sys, os, csv
import numpy as np
root = sys.argv[1]
attrs = json.load(open(os.path.join(root, 'zarr.json')))['attributes']
want = {}
with open(sys.argv[2]) as f:
    for r in csv.DictReader(f):
        want[(r['model'], r['seed'], r['customer_id'])] = float(r['predicted_value'])
series_total, customers, bad = 0, 0, 0
for seed, info in attrs['datasets']['synthetic']['seeds'].items():
    base = os.path.join(root, *info['group'].split('/'), 'predicted_value')
    meta = json.load(open(os.path.join(base, 'zarr.json')))
    assert meta['zarr_format'] == 3 and meta['data_type'] == 'float64', meta
    shape = meta['shape']; chunk = meta['chunk_grid']['configuration']['chunk_shape']
    assert chunk[0] >= shape[0] and chunk[1] >= shape[1], (shape, chunk)
    raw = gzip.decompress(open(os.path.join(base, 'c', '0', '0'), 'rb').read())
    arr = np.frombuffer(raw, dtype='<f8').reshape(chunk)[:shape[0], :shape[1]]
    series = info['series']; ids = info['customer_ids']
    series_total += len(series); customers = len(ids)
    bad += sum(1 for s, name in enumerate(series) for j, cid in enumerate(ids) if arr[s, j] != want[(name, seed, cid)])
print(json.dumps({'series': series_total, 'customers': customers, 'mismatches': bad}))
`;
    const r = JSON.parse(
      execFileSync('python3', ['-c', py, join(dir, 'predictions.zarr'), join(dir, 'predictions.csv')], {
        encoding: 'utf8',
      }),
    );
    expect(r).toEqual({ series: 8, customers: expect.any(Number), mismatches: 0 });
    expect(r.customers).toBeGreaterThan(50);
  });

  it('regenerates the report from the record alone', async () => {
    rmSync(join(dir, 'report.html'));
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    rmSync(join(dir, 'report.md'));
    const r = await runCli(['report', dir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).charts).toBe(6); // leaderboard, deciles, gain, calibration, profit curves, Qini (the synthetic campaign)
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(md);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<table class="leaderboard">');
  });

  it('generates the README results table from the record, with the command that reproduces it (tools/readme-table.ts)', () => {
    const tool = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tools', 'readme-table.ts'), ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
    const printed = tool([dir]);
    expect(printed.status, printed.stderr).toBe(0);
    const table = printed.stdout.trimEnd();
    const command = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).command as string;
    const rows = table.split('\n').filter((l) => l.startsWith('| synthetic |'));
    expect(rows).toHaveLength(MODELS.length);
    const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    for (const model of MODELS) {
      const row = rows.find((r) => r.startsWith(`| synthetic | ${model} |`))!;
      const gini = Number(csv.find((r) => r[1] === model && r[2] === 'mean')![4]);
      expect(row).toContain(`| ${gini.toFixed(3)} [`);
    }
    expect(table).toContain(`Reproduce: \`${command}\``);
    const readme = join(dir, '..', 'README.md');
    writeFileSync(readme, 'intro\n<!-- results:start -->\nold table\n<!-- results:end -->\nrest\n');
    expect(tool([dir, '--write', readme]).status).toBe(0);
    expect(readFileSync(readme, 'utf8')).toBe(`intro\n<!-- results:start -->\n${table}\n<!-- results:end -->\nrest\n`);
    writeFileSync(readme, 'no markers\n');
    const bad = tool([dir, '--write', readme]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/expected the markers <!-- results:start --> \.\.\. <!-- results:end -->/);
  });

  it('fails with a one-line reason and exit code 2 on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['bench', '--seeds', '0'], /--seeds: expected a positive integer, got '0'/],
      [['bench', '--models', 'nope', '--customers', '200', '--out', join(dir, 'x')], /unknown model 'nope'/],
      [['bench', '--dataset', 'no-such-thing'], /unknown dataset 'no-such-thing'/],
      [['report', join(dir, 'missing')], /no such record directory/],
      [['perf', '--suite', 'bogus'], /--suite: expected one of ingest, graph, encoder, trees, scale, all; got 'bogus'/],
      [['bench', '--synth', 'seed'], /--synth: expected key=value pairs such as seed=1,socialBoost=0, got 'seed'/],
      [['bench', '--synth', 'seed=x'], /--synth: option 'seed' must be a number, got "x"/],
      [['bench', '--synth', 'socialBost=0'], /--synth: unknown option 'socialBost' \(expected one of customers, /],
    ];
    for (const [args, re] of cases) {
      const r = await runCli([...args, '--json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout).error).toMatch(re);
      expect(r.stderr.trim().split('\n').pop()).toMatch(re);
    }
  });
});
