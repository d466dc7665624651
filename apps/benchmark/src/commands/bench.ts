// `clvlab bench`: datasets × models × seeds (× tuning trials) on a worker pool, resumable,
// writing the full benchmark record (docs/architecture.md) and its report. Seeds re-draw the
// split; `--tune N` gives every tunable family N valid-fold trials. Re-running the same command
// reuses finished cells; after an interruption it runs only the missing ones.
import { isBuiltInModel } from '../models/model-registry.ts';
import { loadPlugins, registerPredictions } from '../models/plugin-models.ts';
import { PredictionsError, readPredictionsFile } from '../models/predictions-file.ts';
import { resolve } from 'node:path';
import { resolveOptions } from '@clvlab/core';
import { SYNTH_DEFAULTS } from '@clvlab/synth';
import { durationOption, intOption } from '../cli-input.ts';
import { CliError, type Command, type OptionValues } from '../command.ts';
import { writeRecord } from '../record/write-record.ts';
import { buildReport } from '../report/build-report.ts';
import { runBench } from '../runner/run-bench.ts';

export const DEFAULT_BENCH = Object.freeze({
  /** The synthetic dataset: ground truth (oracle row), a graph, and it runs anywhere without downloads. */
  dataset: 'synthetic',
  /** One seed keeps `npm run bench` within its 3-minute budget on 2 cores (a "quick look"); seeds re-draw the split, so --seeds 5 gives split-and-training intervals. */
  seeds: 1,
  /** No tuning by default: every model runs its defaults; --tune N gives each tunable family N valid-fold trials. */
  tune: 1,
  /** Plain random search by default; --halving η trains rung 0 on 1/η of the train (and early-stopping valid) fold and the best ⌈N/η⌉ trials on all of it. */
  halving: 1,
  /** Where `npm run bench` writes; re-runs reuse its finished cells. */
  out: 'results/default',
  /** Seconds one cell may run before it is failed and its worker replaced: a hung fit must not stall the run. */
  cellTimeoutSeconds: 900,
});

function list(values: OptionValues, name: string): string[] | null {
  const raw = values[name];
  if (raw === undefined) return null;
  const items = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new CliError(`--${name}: expected a comma-separated list, got '${String(raw)}'`);
  return items;
}

/** `--synth seed=1,socialBoost=0`: generator overrides for the synthetic dataset, checked and coerced against SYNTH_DEFAULTS. */
function synthOverrides(values: OptionValues): Record<string, number> | undefined {
  const items = list(values, 'synth');
  if (items === null) return undefined;
  const given: Record<string, string> = {};
  for (const item of items) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(item);
    if (!m) throw new CliError(`--synth: expected key=value pairs such as seed=1,socialBoost=0, got '${item}'`);
    given[m[1]] = m[2];
  }
  let resolved: Readonly<Record<string, number>>;
  try {
    resolved = resolveOptions('--synth', SYNTH_DEFAULTS, given, { coerce: true });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  return Object.fromEntries(Object.keys(given).map((k) => [k, resolved[k]]));
}

export const command: Command = {
  name: 'bench',
  summary: `Run datasets × models × seeds on a worker pool and write the record + report (defaults: --dataset ${DEFAULT_BENCH.dataset}, every model, --seeds ${DEFAULT_BENCH.seeds}).`,
  usage:
    'bench [--dataset synthetic|cdnow|online-retail|taobao|ciao|DS.zarr|FILE[,..]] [--models a,b:key=value,..] [--seeds N] [--tune N] [--halving η] [--period 1w] [--workers N (0 = one per core)] [--customers N] [--synth key=value,..] [--allow-undated-graph] [--cluster-bootstrap] [--cell-timeout S] [--plugin FILE.mjs|.ts]… [--predictions NAME=FILE.csv]… [--margin M] [--contact-cost SHARE] [--out results/RUN]',
  options: {
    dataset: { type: 'string' },
    models: { type: 'string' },
    seeds: { type: 'string' },
    tune: { type: 'string' },
    halving: { type: 'string' },
    period: { type: 'string' },
    'cluster-bootstrap': { type: 'boolean' },
    'allow-undated-graph': { type: 'boolean' },
    workers: { type: 'string' },
    customers: { type: 'string' },
    synth: { type: 'string' },
    'cell-timeout': { type: 'string' },
    plugin: { type: 'string', multiple: true },
    margin: { type: 'string' },
    'contact-cost': { type: 'string' },
    predictions: { type: 'string', multiple: true },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const datasets = list(values, 'dataset') ?? [DEFAULT_BENCH.dataset];
    const models = list(values, 'models');
    const seeds = intOption(values, 'seeds', { min: 1 }) ?? DEFAULT_BENCH.seeds;
    const tune = intOption(values, 'tune', { min: 1 }) ?? DEFAULT_BENCH.tune;
    const halving = intOption(values, 'halving', { min: 1 }) ?? DEFAULT_BENCH.halving;
    // The period discrete-time models (bg-bb-gg) discretise every dataset into; models that set
    // their own (`bg-bb-gg:period=1d`) keep it.
    const period = durationOption(values, 'period');
    const allowUndatedGraph = values['allow-undated-graph'] === true;
    const clusterBootstrap = values['cluster-bootstrap'] === true;
    const workers = intOption(values, 'workers', { min: 0 }) ?? 0; // 0 = one per core
    const customers = intOption(values, 'customers', { min: 1 });
    const synth = synthOverrides(values);
    const cellTimeout = intOption(values, 'cell-timeout', { min: 1 }) ?? DEFAULT_BENCH.cellTimeoutSeconds;
    const plugins = (values.plugin as string[] | undefined) ?? [];
    const predictions = (values.predictions as string[] | undefined) ?? [];
    try {
      // Plugins and predictions files join the registry before anything resolves a model name.
      await loadPlugins(plugins, isBuiltInModel);
      for (const spec of predictions) registerPredictions(readPredictionsFile(spec), isBuiltInModel);
    } catch (err) {
      throw new CliError((err as Error).message.split('\n')[0]);
    }
    // Decision metrics (decision-results.ts): margin on holdout value, and the contact cost as a
    // share of the train fold's mean holdout value (`--contact-cost 0.5` = half of it).
    const share = (name: string): number | undefined => {
      const v = values[name];
      if (v === undefined) return undefined;
      const n = Number(v);
      if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || n < 0)
        throw new CliError(`--${name}: expected a number ≥ 0, got '${String(v)}'`);
      return n;
    };
    const decisions = { margin: share('margin'), contactCostShare: share('contact-cost') };
    const outArg = String(values.out ?? DEFAULT_BENCH.out);
    const out = resolve(outArg);
    const reproduce = ['npm run -s clvlab -- bench', `--dataset ${datasets.join(',')}`];
    if (models) reproduce.push(`--models ${models.join(',')}`);
    reproduce.push(`--seeds ${seeds}`);
    if (tune > 1) reproduce.push(`--tune ${tune}`);
    if (halving > 1) reproduce.push(`--halving ${halving}`);
    if (period !== undefined) reproduce.push(`--period ${String(values.period)}`);
    if (allowUndatedGraph) reproduce.push('--allow-undated-graph');
    if (clusterBootstrap) reproduce.push('--cluster-bootstrap');
    if (customers) reproduce.push(`--customers ${customers}`);
    if (synth) reproduce.push(`--synth ${String(values.synth)}`);
    for (const p of plugins) reproduce.push(`--plugin ${p}`);
    if (decisions.margin !== undefined) reproduce.push(`--margin ${decisions.margin}`);
    if (decisions.contactCostShare !== undefined) reproduce.push(`--contact-cost ${decisions.contactCostShare}`);
    for (const p of predictions) reproduce.push(`--predictions ${p}`);
    reproduce.push(`--out ${outArg}`);
    const commandLine = reproduce.join(' ');
    if (seeds === DEFAULT_BENCH.seeds && values.seeds === undefined)
      ctx.log(`bench: 1 seed (the fast default); pass --seeds N for seed-averaged rows`);
    let run;
    try {
      run = await runBench({
        datasets,
        models,
        seeds,
        tune,
        halving,
        ...(period !== undefined ? { modelDefaults: { period: String(values.period) } } : {}),
        clusterBootstrap,
        workers,
        cellTimeoutMs: cellTimeout * 1000,
        out,
        datasetOptions: { customers, synth, ...(allowUndatedGraph ? { allowUndatedGraph } : {}) },
        interactive: ctx.interactive && !ctx.json,
        log: ctx.log,
      });
    } catch (err) {
      const m = (err as Error).message ?? String(err);
      if (err instanceof PredictionsError || /^(benchmark\/(bench|models|datasets)|synth\/generate-synthetic)/.test(m))
        throw new CliError(m.split('\n')[0]);
      throw err;
    }
    const record = await writeRecord(out, run, commandLine, seeds, { decisions, log: ctx.log });
    const report = await buildReport(out);
    const leaderboard = record.results.rows
      .filter((r) => r.seed === 'mean')
      .map((r) => ({
        dataset: r.dataset,
        model: r.model,
        normalized_gini: r.metrics.normalized_gini,
        normalized_gini_lo: r.lower?.normalized_gini,
        normalized_gini_hi: r.upper?.normalized_gini,
      }));
    const summary = {
      out,
      command: commandLine,
      cells: run.cells.length,
      cells_run: run.cells.filter((c) => !c.reused).length,
      cells_reused: run.cells.filter((c) => c.reused).length,
      failed: run.failures,
      tune,
      primary: record.results.primary,
      workers: run.workerCount,
      wall_s: run.wallMs / 1000,
      best_baseline: record.results.bestBaseline,
      leaderboard,
      files: [...record.files, 'report.md', 'report.html'],
      report: report.html,
    };
    if (!ctx.json) {
      for (const r of leaderboard.sort((a, b) => b.normalized_gini - a.normalized_gini)) {
        ctx.log(
          `  ${r.dataset.padEnd(14)} ${r.model.padEnd(24)} gini ${r.normalized_gini.toFixed(4)} [${r.normalized_gini_lo?.toFixed(4)}, ${r.normalized_gini_hi?.toFixed(4)}]`,
        );
      }
      ctx.log(
        `bench: ${summary.cells_run} cells run, ${summary.cells_reused} reused in ${summary.wall_s.toFixed(1)} s; record and report in ${out}`,
      );
    }
    if (run.failures.length > 0) {
      throw new Error(
        `${run.failures.length} cell(s) failed (record written without them): ${run.failures.map((f) => `${f.dataset}/${f.model}/seed${f.seed}${f.trial > 0 ? `/trial${f.trial}` : ''}: ${f.error}`).join('; ')}`,
      );
    }
    return summary;
  },
};
