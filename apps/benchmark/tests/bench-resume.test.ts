// Resumability (issue 6 §3): `kill -9` of a running `clvlab bench`, then the same command
// again, runs only the missing cells, and the final metrics.csv and predictions.csv are
// byte-identical to those of an uninterrupted run. One worker and LPT order make the kill
// land deterministically: the expensive gru cells run first, and the process is killed as
// soon as the first of them is stored, while the second is still training.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZarrGroup } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from './run-cli.ts';

// Pinned code version: other sessions may edit the working tree while this test runs, and a
// changed source hash would (correctly) invalidate every stored cell between the runs.
const ENV = { CLVLAB_CODE_VERSION: `resume-test-${process.pid}` };
const ARGS = [
  '--customers',
  '300',
  '--models',
  'gru,calibration-frequency,historical-rate,oracle',
  '--seeds',
  '2',
  '--workers',
  '1',
  '--json',
];

function cellFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'cells')).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

describe('bench resume after kill -9', () => {
  it('finishes only the missing cells and reproduces metrics.csv byte for byte', async () => {
    const root = mkdtempSync(join(tmpdir(), 'clvlab-resume-'));
    const killed = join(root, 'killed');
    const clean = join(root, 'clean');

    const first = startCli(['bench', ...ARGS, '--out', killed], ENV);
    let stored = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        stored = cellFiles(killed).length;
        if (stored >= 1) {
          clearInterval(timer);
          first.child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      first.done.then((r) => {
        clearInterval(timer);
        reject(new Error(`bench ended before any cell was stored: ${r.stderr}`));
      }, reject);
    });
    const r1 = await first.done;
    expect(r1.signal).toBe('SIGKILL');
    const survived = cellFiles(killed);
    expect(survived.length).toBeGreaterThanOrEqual(1);
    expect(survived.length).toBeLessThan(8);
    // Nothing half-written: no temp files count as cells, and no record files exist yet.
    expect(readdirSync(killed).filter((f) => f.endsWith('.csv'))).toEqual([]);

    const second = await runCli(['bench', ...ARGS, '--out', killed], ENV);
    expect(second.code, second.stderr).toBe(0);
    const s2 = JSON.parse(second.stdout.trim().split('\n').pop()!);
    expect(s2.cells).toBe(8);
    expect(s2.cells_reused).toBe(survived.length);
    expect(s2.cells_run).toBe(8 - survived.length);

    const third = await runCli(['bench', ...ARGS, '--out', clean], ENV);
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout.trim().split('\n').pop()!).cells_run).toBe(8);

    expect(readFileSync(join(killed, 'metrics.csv'), 'utf8')).toBe(readFileSync(join(clean, 'metrics.csv'), 'utf8'));
    expect(readFileSync(join(killed, 'predictions.csv'), 'utf8')).toBe(
      readFileSync(join(clean, 'predictions.csv'), 'utf8'),
    );
    expect(readFileSync(join(killed, 'paired.csv'), 'utf8')).toBe(readFileSync(join(clean, 'paired.csv'), 'utf8'));

    // A third run of the same command reuses everything.
    const again = await runCli(['bench', ...ARGS, '--out', clean], ENV);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!).cells_reused).toBe(8);
    expect(readFileSync(join(clean, 'metrics.csv'), 'utf8')).toBe(readFileSync(join(killed, 'metrics.csv'), 'utf8'));

    // The encoder's customer embeddings reach predictions.zarr, identical after the resume.
    const embeddings = async (dir: string) => {
      const g = await readZarrGroup(join(dir, 'predictions.zarr'));
      return Object.keys(g.arrays)
        .filter((k) => k.includes('/embeddings/'))
        .sort()
        .map((k) => [k, g.arrays[k]] as const);
    };
    const [fromKilled, fromClean] = [await embeddings(killed), await embeddings(clean)];
    expect(fromClean.map(([k]) => k)).toEqual(['synthetic/seed1/embeddings/gru', 'synthetic/seed2/embeddings/gru']);
    // Each seed re-draws the split, so each seed has its own test customers.
    const testCustomers = (seed: number) =>
      readFileSync(join(clean, 'predictions.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => l.includes(`,gru,${seed},`)).length;
    for (const [i, [, a]] of fromClean.entries()) {
      expect(a.shape[0]).toBe(testCustomers(i + 1));
      expect(a.shape[1]).toBeGreaterThan(0);
      expect(Array.from(fromKilled[i][1].data)).toEqual(Array.from(a.data));
    }
  }, 300_000);
});
