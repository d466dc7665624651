// Packages people can install (issue 13 §3): build every package through Nx (`npm run build`:
// ESM JavaScript + .d.ts in dist/), `npm pack` each one, install the tarballs into a fresh
// project outside the repository and run tests/pack-install-consumer.mjs there with plain
// `node` — no tsx, no TypeScript, none of the repository's environment (NODE_OPTIONS carries the
// `@clvlab/source` condition in development, docs/architecture.md §Runtime; it is removed). Also
// type-checks a TypeScript consumer against the shipped .d.ts files. Third-party dependencies
// (zarrita, hyparquet, TensorFlow.js, …) come from the registry through npm's cache
// (--prefer-offline). The tarball sizes and timings go to results/pack-install/summary.json.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.ts';

const CDNOW_SUMMARY = join(REPO_ROOT, '..', 'shared', 'data', 'cdnow', 'cdnow_customers_summary.csv');
const PACKAGES = readdirSync(join(REPO_ROOT, 'packages')).sort();
const TMP = mkdtempSync(join(tmpdir(), 'clvlab-pack-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/**
 * The environment of a user's shell: no NODE_OPTIONS, none of the npm script, Nx task or vitest
 * variables (npm's own settings — cache, registry, CA file — stay).
 */
function userEnv(): NodeJS.ProcessEnv {
  const drop =
    /^(NODE_OPTIONS|NODE_ENV|npm_config_(node_options|local_prefix|call|user_agent)|npm_package_.*|npm_lifecycle_.*|npm_command|INIT_CWD|NX_.*|VITEST.*|TEST)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop.test(k)));
}

function run(cmd: string, args: readonly string[], options: SpawnSyncOptions): { stdout: string; seconds: number } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...options });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0)
    throw new Error(
      `${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${String(r.stderr).slice(-4000)}\n${String(r.stdout).slice(-2000)}`,
    );
  return { stdout: String(r.stdout), seconds };
}

/** Kaggle's normalized Gini (no ties): Σ_k G(k)/n − (n+1)/(2n), over the ideal ordering's. */
function kaggleNormalizedGini(actual: readonly number[], predicted: readonly number[]): number {
  const gini = (score: readonly number[]): number => {
    const order = actual.map((_, i) => i).sort((i, j) => score[j] - score[i]);
    const total = actual.reduce((s, v) => s + v, 0);
    let cum = 0,
      sum = 0;
    for (const i of order) {
      cum += actual[i];
      sum += cum / total;
    }
    return sum / actual.length - (actual.length + 1) / (2 * actual.length);
  };
  return gini(predicted) / gini(actual);
}

interface PackEntry {
  name: string;
  version: string;
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

describe('pack, install, run with plain node', () => {
  it('every package installs from its tarball and works without the repository', () => {
    const env = userEnv();
    const build = run('npm', ['run', 'build', '--', '--output-style=static'], { cwd: REPO_ROOT, env });

    const tarballs = join(TMP, 'tarballs');
    mkdirSync(tarballs);
    const pack = run(
      'npm',
      ['pack', '--json', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])],
      { cwd: REPO_ROOT, env },
    );
    const packed = JSON.parse(pack.stdout) as PackEntry[];
    expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@clvlab/${p}`).sort());
    const versions = new Set(packed.map((p) => p.version));
    expect(versions.size).toBe(1); // versions move together (tools/version.ts)
    for (const p of packed) {
      // `files`: the build and the README only — no src/, tests/, benchmark/, tsconfig.
      for (const f of p.files)
        expect(f.path, `${p.name}: ${f.path}`).toMatch(/^(package\.json|README\.md|dist\/.+\.(js|d\.ts))$/);
      expect(
        p.files.some((f) => f.path === 'dist/index.js') && p.files.some((f) => f.path === 'dist/index.d.ts'),
        p.name,
      ).toBe(true);
      const manifest = JSON.parse(
        readFileSync(join(REPO_ROOT, 'packages', p.name.slice('@clvlab/'.length), 'package.json'), 'utf8'),
      ) as { private?: boolean; dependencies?: Record<string, string> };
      expect(manifest.private, p.name).toBeUndefined();
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {}))
        if (dep.startsWith('@clvlab/')) expect(range, `${p.name} → ${dep}`).toBe(p.version);
    }

    // A fresh project, outside the repository, that depends on every tarball.
    const app = join(TMP, 'app');
    mkdirSync(app);
    const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${join(tarballs, p.filename)}`]));
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify({ name: 'clvlab-consumer', private: true, type: 'module', dependencies }, null, 2)}\n`,
    );
    const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: app,
      env,
    });
    const installed = readdirSync(join(app, 'node_modules', '@clvlab')).sort();
    expect(installed).toEqual(PACKAGES);

    copyFileSync(join(REPO_ROOT, 'apps', 'benchmark', 'tests', 'pack-install-consumer.mjs'), join(app, 'consumer.mjs'));
    const consumer = run(process.execPath, ['consumer.mjs', CDNOW_SUMMARY], { cwd: app, env });
    const out = JSON.parse(consumer.stdout.trim().split('\n').at(-1)!) as {
      bgnbd: {
        params: Record<'r' | 'alpha' | 'a' | 'b', number>;
        logLikelihood: number;
        customers: number;
        converged: boolean;
      };
      gini: number;
      pagerank: { values: number[]; iterations: number };
      encoder: {
        backend: { name: string; version: string };
        rows: number;
        testCustomers: number;
        gini: number;
        first: number[];
      };
      resolved: Record<string, string>;
      execArgv: string[];
      nodeOptions: string | null;
    };

    // Plain node, and every @clvlab module from the installed dist/.
    expect(out.execArgv).toEqual([]);
    expect(out.nodeOptions).toBeNull();
    for (const [name, url] of Object.entries(out.resolved)) {
      const dist = pathToFileURL(join(realpathSync(app), 'node_modules', ...name.split('/').slice(0, 2), 'dist')).href;
      expect(url, name).toBe(`${dist}/${name.endsWith('/node') ? 'node' : 'index'}.js`);
    }
    // BG/NBD: the published CDNOW parameters within 0.5%.
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(out.bgnbd.customers).toBe(2357);
    expect(out.bgnbd.converged).toBe(true);
    for (const [k, v] of Object.entries(published))
      expect(Math.abs(out.bgnbd.params[k as keyof typeof published] / v - 1), k).toBeLessThan(0.005);
    // Normalized Gini: Kaggle's formula (equal to clvlab's when there are no ties).
    expect(out.gini).toBeCloseTo(
      kaggleNormalizedGini([0, 0, 3, 1, 0, 5, 2, 0, 0, 4], [0.1, 0.4, 2.5, 0.3, 0.2, 3.0, 1.1, 0.05, 0.6, 1.5]),
      12,
    );
    // PageRank: networkx 3.6.1 nx.pagerank of the same graph (damping 0.85, tol 1e-6).
    const networkx = [0.3590618522, 0.1887467166, 0.3799022746, 0.0361445783, 0.0361445783];
    out.pagerank.values.forEach((v, i) => expect(v, `node ${i}`).toBeCloseTo(networkx[i], 6));
    // The tiny encoder trained on wasm (binaries found inside the installed tfjs-backend-wasm).
    expect(out.encoder.backend.name).toBe('wasm');
    expect(out.encoder.testCustomers).toBeGreaterThan(50);
    expect(out.encoder.rows).toBeGreaterThan(out.encoder.testCustomers);
    expect(out.encoder.gini).toBeGreaterThan(0.1);
    for (const v of out.encoder.first) expect(Number.isFinite(v) && v >= 0).toBe(true);

    // The `types` condition: a TypeScript consumer type-checks against the shipped .d.ts
    // (the repository's tsc; @ts-expect-error fails if any import came back untyped).
    writeFileSync(
      join(app, 'types.ts'),
      [
        "import { fitBgNbd } from '@clvlab/baselines';",
        "import { WorkerPool } from '@clvlab/core/node';",
        "import { readEventLog } from '@clvlab/events/node';",
        "import { normalizedGini } from '@clvlab/metrics';",
        "import { pagerank, type Graph } from '@clvlab/social-graph';",
        "import { ENCODER_PRESETS } from '@clvlab/behavior-encoder';",
        'const fit = fitBgNbd({ frequency: [1], recency: [1], T: [2] });',
        'const r: number = fit.params.r;',
        '// @ts-expect-error r is a number',
        'const s: string = fit.params.r;',
        '// @ts-expect-error actual values are numbers',
        "normalizedGini(['a'], [1]);",
        'export const check = (g: Graph) => [r, s, pagerank(g).values.length, ENCODER_PRESETS.tiny.dModel, WorkerPool.name, readEventLog.name];',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
        },
        files: ['types.ts'],
      }),
    );
    const tsc = run(
      process.execPath,
      [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      { cwd: app, env },
    );

    const summary = {
      tarballs: packed.map((p) => ({
        name: p.name,
        file: p.filename,
        bytes: p.size,
        unpackedBytes: p.unpackedSize,
        files: p.entryCount,
      })),
      totalBytes: packed.reduce((s, p) => s + p.size, 0),
      seconds: {
        build: build.seconds,
        pack: pack.seconds,
        install: install.seconds,
        consumer: consumer.seconds,
        tsc: tsc.seconds,
      },
      consumer: out,
    };
    mkdirSync(join(REPO_ROOT, 'results', 'pack-install'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'results', 'pack-install', 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(JSON.stringify(summary.seconds), summary.totalBytes);
  }, 900_000);
});
