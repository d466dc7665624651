// Bundled workers (src/bundle-worker.ts): a pool started with `bundle: true` runs a TypeScript
// worker without tsx (its threads' flags lose tsx's --import) and computes what the tsx-started
// pool computes; a bundle is built once and reused while its inputs are unchanged, and rebuilt
// when one changes, and starts whatever V8 flags the parent runs with; tsx's flags are the only
// ones withoutTsx drops.
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledEntry, withoutTsx } from '../src/bundle-worker.ts';
import { startWorker, WorkerPool } from '../src/node.ts';
import type { PoolTestApi } from './fixtures/pool-test-worker.ts';

const entry = new URL('./fixtures/pool-test-worker.ts', import.meta.url);

async function sums(bundle: boolean): Promise<{ sum: number; where: { argv: string[]; url: string }[] }> {
  const pool = new WorkerPool<PoolTestApi, number>({
    entry,
    size: 2,
    name: 'core-test/bundle',
    bundle,
    init: (api) => api.init(),
  });
  try {
    const out = new Float64Array(new SharedArrayBuffer(8));
    for (const [from, to] of [
      [0, 1000],
      [1000, 5000],
    ])
      await pool.submit((s) => s.api.add(from, to, out, 0), { worker: from === 0 ? 0 : 1 });
    const where = await Promise.all([0, 1].map((w) => pool.submit((s) => s.api.where(), { worker: w })));
    return { sum: out[0], where };
  } finally {
    await pool.close();
  }
}

/** The first message of a worker started from `url` with `bundle` (and `execArgv`). */
function firstMessage(url: URL, execArgv?: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = startWorker(url, { bundle: true, execArgv });
    w.once('message', (m: unknown) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('bundled workers', () => {
  it('run the TypeScript worker without tsx and compute what the tsx-started pool computes', async () => {
    const tsx = await sums(false),
      bundled = await sums(true);
    expect(bundled.sum).toBe(tsx.sum);
    expect(tsx.sum).toBeGreaterThan(2);
    for (const w of tsx.where) expect(w.url).toBe(entry.href);
    for (const w of bundled.where) {
      expect(w.url).toMatch(/\/clvlab-worker-bundles\/[0-9a-f]{20}\.mjs$/);
      expect(w.argv.join(' ')).not.toMatch(/tsx/);
    }
  });

  it('are built once, reused while their inputs are unchanged, and rebuilt when one changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-bundle-'));
    const value = join(dir, 'value.ts'),
      worker = join(dir, 'worker.ts');
    writeFileSync(value, 'export const value: number = 1;\n');
    writeFileSync(
      worker,
      "import { parentPort } from 'node:worker_threads';\nimport { value } from './value.ts';\nparentPort!.postMessage(value);\n",
    );
    const url = pathToFileURL(worker);
    const first = bundledEntry(url)!;
    expect(first).toBeDefined();
    const built = statSync(first).mtimeMs;
    expect(await firstMessage(url)).toBe(1);
    expect(bundledEntry(url)!.href).toBe(first.href);
    expect(statSync(first).mtimeMs).toBe(built); // reused, not written again
    writeFileSync(value, 'export const value: number = 2; // changed\n');
    expect(await firstMessage(url)).toBe(2);
    // A V8 flag a worker's execArgv refuses (ERR_WORKER_INVALID_EXEC_ARGV) is left out.
    expect(await firstMessage(url, ['--perf-basic-prof', '--import', 'tsx', '--conditions', 'x'])).toBe(2);
  });

  it('drop tsx flags only', () => {
    expect(
      withoutTsx([
        '--conditions=@clvlab/source',
        '--import',
        'tsx',
        '--import=tsx/esm',
        '--require',
        'tsx/cjs',
        '--import',
        'x',
        '--max-old-space-size=100',
      ]),
    ).toEqual(['--conditions=@clvlab/source', '--import', 'x', '--max-old-space-size=100']);
  });
});
