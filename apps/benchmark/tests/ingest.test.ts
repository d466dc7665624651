// `clvlab ingest` and `clvlab sessions` through the real CLI (a child process, as a user runs
// them), on the real CDNOW master file: the must-show numbers (69,659 rows read,
// 23,570 customers, nothing rejected), the stored dataset read back, and one-line errors.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const master = '../shared/data/cdnow/CDNOW_master.txt.gz';

function clvlab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'apps/benchmark/src/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, asynchronous, so independent runs overlap. */
function clvlabAsync(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(
      'npx',
      ['tsx', 'apps/benchmark/src/main.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
      (err, _stdout, stderr) => {
        done({ status: err ? ((err as { code?: number }).code ?? null) : 0, stderr });
      },
    );
  });
}

/** An --json run's parsed stdout (the run must succeed). */
function clvlabJson(...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    execFile(
      'npx',
      ['tsx', 'apps/benchmark/src/main.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
      (err, stdout, stderr) =>
        err ? fail(new Error(`${args.join(' ')}: ${stderr}`)) : done(JSON.parse(stdout) as Record<string, unknown>),
    );
  });
}

describe('clvlab ingest / sessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-ingest-'));

  it('ingests CDNOW master: 69,659 rows read, 23,570 customers, nothing rejected', async () => {
    const out = join(dir, 'cdnow.zarr');
    const r = clvlab('ingest', '--format', 'cdnow', '--input', master, '--out', out, '--json');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('clvlab'))).toEqual([]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(result.rows_read).toBe(69_659);
    expect(result.rows_kept).toBe(69_659);
    expect(result.rejected).toEqual({});
    expect(result.customers).toBe(23_570);
    expect(result.events).toBe(69_659);
    expect(result.purchases).toBe(69_659);
    expect(result.cohort).toBe(23_570);
    expect(result.value_target).toBe('revenue');
    expect(result.cutoff).toBe('1997-10-01T00:00:00.000Z');
    expect(result.horizon).toBe('39w');
    // the stored group reads back with the same counts
    const ds = await readPreparedDataset(out);
    expect(ds.log.length).toBe(69_659);
    expect(ds.log.customerIds.length).toBe(23_570);
    expect(ds.split.customers.length).toBe(23_570);
    expect(ds.sessionCount).toBe(result.sessions);
    expect(ds.attributes.source_hash).toBe('sha256:ce9d3785b68a7d9d27120947dd510aec663c667b96ac0314988cbecbf2459436');
  });

  it('writes sessions.csv with one row per session', () => {
    const out = join(dir, 'sessions.csv');
    const r = clvlab('sessions', '--format', 'cdnow', '--input', master, '--gap', '1h', '--out', out, '--json');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { sessions: number; gap_ms: number };
    expect(result.gap_ms).toBe(3_600_000);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('customer_id,session,start,end,events,purchases,revenue');
    expect(lines.length - 1).toBe(result.sessions);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--workers 3 parses the plain file in byte ranges on three threads: the same stored dataset as one thread', async () => {
    const plain = join(dir, 'CDNOW_master.txt');
    writeFileSync(plain, gunzipSync(readFileSync(master)));
    const outs = [join(dir, 'w1.zarr'), join(dir, 'w3.zarr')];
    const runs = await Promise.all(
      ['1', '3'].map((w, k) =>
        clvlabJson('ingest', '--format', 'cdnow', '--input', plain, '--workers', w, '--out', outs[k], '--json'),
      ),
    );
    for (const r of runs) expect(r.rows_kept).toBe(69_659);
    const strip = ({ out: _o, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;
    expect(strip(runs[1])).toEqual(strip(runs[0]));
    const [one, three] = await Promise.all(outs.map((o) => readPreparedDataset(o)));
    expect(three.log.customerIds).toEqual(one.log.customerIds);
    for (const col of ['customer', 't', 'type', 'amount', 'quantity'] as const)
      expect(Buffer.from(three.log[col].buffer).equals(Buffer.from(one.log[col].buffer))).toBe(true);
    expect(three.attributes.source_hash).toBe(one.attributes.source_hash);
    expect(Array.from(three.split.customers)).toEqual(Array.from(one.split.customers));
  });

  it('fails with one-line reasons and exit code 2 on bad input', async () => {
    const bad = [
      ['ingest', '--format', 'cdnow', '--input', master, '--gap', '30', '--out', join(dir, 'x.zarr')],
      ['ingest', '--format', 'cdnow', '--input', master, '--cutoff', '2030-01-01', '--out', join(dir, 'y.zarr')],
      ['ingest', '--format', 'nope', '--input', master, '--out', join(dir, 'z.zarr')],
      ['sessions', '--format', 'cdnow', '--input', join(dir, 'missing.txt'), '--out', join(dir, 's.csv')],
      ['ingest', '--format', 'cdnow', '--input', master, '--workers', 'two', '--out', join(dir, 'x.zarr')],
    ];
    const expected = [
      /--gap: .*got '30'/,
      /cutoff 2030-01-01.* outside the data/,
      /--format: expected one of/,
      /missing\.txt: no such file/,
      /--workers: .*got 'two'/,
    ];
    const results = await Promise.all(bad.map((args) => clvlabAsync(...args)));
    results.forEach((r, k) => {
      expect(r.status).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('clvlab '));
      expect(lines.length).toBe(1);
      expect(lines[0]).toMatch(expected[k]);
    });
    expect(readdirSync(dir).filter((f) => /^[xyz]\.zarr$/.test(f))).toEqual([]);
  });
});
