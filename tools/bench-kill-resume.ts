// Demonstrates resumability on a real bench (issue 6 §3): starts `clvlab bench ARGS --out A`,
// sends SIGKILL once K cells are stored, re-runs the same command (only the missing cells may
// run), runs the same bench uninterrupted into B, and compares A/metrics.csv with B/metrics.csv
// byte for byte. Prints one JSON line; exit 1 on any mismatch.
//   npx tsx tools/bench-kill-resume.ts [--after K] [--dir DIR] [-- bench args...]   (default: the default bench)
import { parseInteger } from '@clvlab/core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const MAIN = new URL('../apps/benchmark/src/main.ts', import.meta.url).pathname;
const { values, positionals } = parseArgs({
  options: { after: { type: 'string' }, dir: { type: 'string' } },
  allowPositionals: true,
});
const after = parseInteger(values.after ?? '3', { min: 1, where: '--after' });
const root = values.dir ?? mkdtempSync(join(tmpdir(), 'clvlab-kill-resume-'));
const args = positionals.length > 0 ? positionals : [];
// One code version for the three runs, even if someone edits the tree meanwhile.
const env = {
  ...process.env,
  CI: '1',
  CLVLAB_CODE_VERSION: process.env.CLVLAB_CODE_VERSION ?? `kill-resume-${process.pid}`,
};
const cli = (out: string): string[] => ['--import', 'tsx', MAIN, 'bench', ...args, '--out', out, '--json'];
const cells = (dir: string): number => {
  try {
    return readdirSync(join(dir, 'cells')).filter((f) => f.endsWith('.json')).length;
  } catch {
    return 0;
  }
};
const last = (stdout: string): Record<string, unknown> => JSON.parse(stdout.trim().split('\n').pop() ?? '{}');

const killed = join(root, 'killed'),
  clean = join(root, 'clean');
const t0 = performance.now();
const child = spawn(process.execPath, cli(killed), { env, stdio: 'ignore' });
const stored = await new Promise<number>((resolve, reject) => {
  const timer = setInterval(() => {
    const n = cells(killed);
    if (n >= after) {
      clearInterval(timer);
      child.kill('SIGKILL');
      resolve(n);
    }
  }, 25);
  child.on('exit', () => {
    clearInterval(timer);
    reject(new Error(`tools/bench-kill-resume: bench ended before ${after} cells were stored`));
  });
});
const killedAfter = (performance.now() - t0) / 1000;
const resumed = spawnSync(process.execPath, cli(killed), { env, encoding: 'utf8', maxBuffer: 1 << 26 });
const fresh = spawnSync(process.execPath, cli(clean), { env, encoding: 'utf8', maxBuffer: 1 << 26 });
const r = last(resumed.stdout),
  f = last(fresh.stdout);
const same = readFileSync(join(killed, 'metrics.csv'), 'utf8') === readFileSync(join(clean, 'metrics.csv'), 'utf8');
const result = {
  killed_after_s: killedAfter,
  cells_stored_at_kill: stored,
  resumed_exit: resumed.status,
  resumed_cells_run: r.cells_run,
  resumed_cells_reused: r.cells_reused,
  clean_cells_run: f.cells_run,
  metrics_csv_identical: same,
  dir: root,
};
process.stdout.write(JSON.stringify(result) + '\n');
process.exit(same && resumed.status === 0 && fresh.status === 0 && r.cells_reused === stored ? 0 : 1);
