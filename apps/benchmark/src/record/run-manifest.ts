// manifest.json of a benchmark record (docs/architecture.md §Benchmark record, issue 6 §7): enough to say exactly what
// ran where — code (git commit, source hash, package versions), runtime (Node, tfjs backend
// and version), hardware (CPU model, cores, memory), datasets (id, source, hash, value
// target, split), resolved model configs, seeds, and per cell the wall time, CPU time and
// peak heap, plus the run's wall time and peak resident memory.
import { loadedPlugins, predictionsFiles } from '../models/plugin-models.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../datasets/repo-paths.ts';
import type { BenchRun } from '../runner/run-bench.ts';

const THIRD_PARTY = [
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
  'comlink',
  'zarrita',
  'vega',
  'vega-lite',
  'cli-progress',
];

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Versions of the workspace packages and of the third-party libraries that shape results. */
export function packageVersions(root: string = repoRoot()): Record<string, string> {
  const out: Record<string, string> = {};
  const rootPkg = readJson(join(root, 'package.json'));
  if (rootPkg) out.clvlab = String(rootPkg.version);
  for (const dir of ['packages', 'apps']) {
    if (!existsSync(join(root, dir))) continue;
    for (const name of readdirSync(join(root, dir)).sort()) {
      const pkg = readJson(join(root, dir, name, 'package.json'));
      if (pkg?.name) out[String(pkg.name)] = String(pkg.version);
    }
  }
  // Resolved the way the app's imports resolve (apps/benchmark/node_modules first, then the root).
  const require = createRequire(import.meta.url);
  for (const name of THIRD_PARTY) {
    let pkg: Record<string, unknown> | null = null;
    try {
      pkg = readJson(require.resolve(`${name}/package.json`));
    } catch {
      pkg = readJson(join(root, 'node_modules', name, 'package.json'));
    }
    if (pkg) out[name] = String(pkg.version);
  }
  return out;
}

/** Host facts: CPU model and cores, memory, OS, Node. */
export function hardware(): Record<string, unknown> {
  const c = cpus();
  return {
    cpu_model: c[0]?.model ?? 'unknown',
    cores: c.length,
    memory_bytes: totalmem(),
    platform: platform(),
    arch: arch(),
    os_release: release(),
    node: process.version,
  };
}

/** The manifest object for a finished run. */
export function runManifest(run: BenchRun, command: string, seeds: number): Record<string, unknown> {
  const backends = [...new Set(run.cells.map((c) => c.stored.backend))];
  return {
    created: new Date().toISOString(),
    command,
    code: {
      git_commit: run.code.gitCommit,
      git_dirty: run.code.gitDirty,
      source_hash: run.code.sourceHash,
      source_files: run.code.files,
    },
    packages: packageVersions(),
    runtime: {
      node: process.version,
      tfjs_backend: backends.length === 1 ? backends[0] : backends,
      tfjs_version: run.workers[0]?.tfjsVersion ?? packageVersions()['@tensorflow/tfjs'],
      workers: run.workerCount,
    },
    hardware: hardware(),
    datasets: run.datasets.map((d) => ({
      id: d.id,
      source: d.source,
      source_hash: d.sourceHash,
      value_target: d.valueTarget,
      ...d.facts,
    })),
    models: [
      ...new Map(
        run.cells
          .filter((c) => c.trial === 0)
          .map((c) => [
            c.model.name,
            {
              name: c.model.name,
              base: c.model.base,
              overrides: c.model.overrides,
              family: c.model.family,
              sequence: c.model.sequence,
              config: c.config,
              search_space: run.tune > 1 ? c.model.searchSpace : null,
            },
          ]),
      ).values(),
    ],
    plugins: loadedPlugins().map((f) => ({ path: f.path, sha256: f.sha256, models: f.models })),
    predictions: predictionsFiles().map((f) => ({
      model: f.name,
      path: f.path,
      sha256: f.sha256,
      rows: f.rows.length,
      seeded: f.seeded,
    })),
    seeds: Array.from({ length: seeds }, (_, i) => i + 1),
    protocol: {
      test_fold: 'sealed: models see events before the cutoff only and no test-fold label; only the runner scores',
      seeds:
        'seed s re-draws the train/valid/test partition (hash of the customer id salted by s) and the model randomness (dataset id + s)',
      tuning:
        run.tune > 1
          ? {
              trials: run.tune,
              halving: run.halving,
              method:
                "random search: the default config, then seeded draws from each family's search space; trained on train, chosen on the valid fold by normalized Gini, scored on test" +
                (run.halving > 1
                  ? `; successive halving: every trial on 1/${run.halving} of the train fold (and early-stops on 1/${run.halving} of the valid fold; every trial is scored on all of it), the best ${Math.ceil(run.tune / run.halving)} on all of it`
                  : ''),
            }
          : { trials: 1, halving: 1, method: 'none: every model runs its defaults' },
      selection:
        'the best baseline (best non-sequence model) and the primary comparison (best sequence vs best non-sequence model) are chosen by mean valid-fold normalized Gini',
      intervals:
        seeds > 1
          ? 'aggregate rows and paired differences: corrected resampled t-test of Nadeau & Bengio (2003) over the seeds, var = (1/k + n_test/n_train)·s², k − 1 df'
          : run.clusterBootstrap
            ? "one seed: 95% percentile cluster bootstrap over the synthetic generator's communities (1,000 resamples; real data: over test customers); not split or training variance"
            : 'one seed: 95% percentile bootstrap over test customers (1,000 resamples); covers customer sampling only, not split or training variance',
      multiplicity:
        'the primary comparison is tested alone at alpha 0.05; every other paired difference carries a Holm-adjusted p-value',
    },
    cells: run.cells.map((c) => ({
      key: c.stored.key,
      dataset: c.dataset,
      model: c.model.name,
      seed: c.seed,
      trial: c.trial,
      trial_config: c.trialConfig,
      train_fraction: c.trainFraction,
      chosen: c.chosen,
      valid_score: c.validScore,
      reused: c.reused,
      backend: c.stored.backend,
      wall_ms: c.stored.timing.wallMs,
      cpu_ms: c.stored.timing.cpuMs,
      cpu_scope: c.stored.timing.cpuScope,
      peak_heap_bytes: c.stored.timing.peakHeapBytes,
      worker: c.stored.timing.worker,
      finished_at: c.stored.timing.finishedAt,
      info: c.stored.info,
    })),
    failures: run.failures,
    run: {
      wall_ms: run.wallMs,
      cells_run: run.cells.filter((c) => !c.reused).length,
      cells_reused: run.cells.filter((c) => c.reused).length,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    },
  };
}
