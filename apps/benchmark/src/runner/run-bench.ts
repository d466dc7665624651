// The benchmark run: datasets × models × seeds (× tuning trials) cells, run on the worker pool,
// each finished cell stored atomically, reused on a re-run. The main thread prepares every
// dataset once and keeps it (it alone scores); workers get the SEALED dataset (sealed-task.ts:
// events before the cutoff) through SharedArrayBuffer, and per cell the sealed split of its
// seed: seed s re-draws the train/valid/test partition (sessions evaluationFolds, salt s).
// With `tune` > 1 every tunable model runs its trials (tuning-trials.ts) and the one with the
// best valid-fold score is that seed's row (select-trials.ts). Cells are scheduled most
// expensive first (LPT), which keeps both cores busy to the end when one model dominates.
import { poolSize, proxy } from '@clvlab/core/node';
import type { LoadDatasetOptions } from '../datasets/load-bench-dataset.ts';
import { loadBenchDataset } from '../datasets/load-bench-dataset.ts';
import type { ModelEntry } from '../models/model-registry.ts';
import { createModel, modelCatalog, modelEntry } from '../models/model-registry.ts';
import { BenchProgress } from './bench-progress.ts';
import type { WorkerInfo } from './cell-protocol.ts';
import type { StoredCell } from './cell-store.ts';
import { CellStore, cellKey, encodeEmbedding } from './cell-store.ts';
import { codeVersion, type CodeVersion } from './code-version.ts';
import { evaluationFolds, type Split } from '@clvlab/sessions';
import { loadedPlugins, pluginOf, predictionsOf } from '../models/plugin-models.ts';
import { predictionsFor } from '../models/predictions-file.ts';
import type { RecordPayload } from './cell-protocol.ts';
import { recordDataset, type RecordDataset } from './record-dataset.ts';
import { sealedSplit, subsampleFit } from './sealed-task.ts';
import { selectTrials, validScore } from '../record/select-trials.ts';
import { shareArrays } from './shared-dataset.ts';
import { tuningTrials } from './tuning-trials.ts';
import { createCellPool } from './cell-pool.ts';

export interface BenchOptions {
  readonly datasets: readonly string[];
  /** Model names, or null for every model that applies to each dataset. */
  readonly models: readonly string[] | null;
  readonly seeds: number;
  /** Trials per tunable model and seed (1 = defaults only, no tuning). */
  readonly tune: number;
  /** Successive-halving rate η for tuned models (rung 0 on 1/η of the train and valid folds, scored on the whole valid fold; the best ⌈N/η⌉ on all of it); ≤ 1 = plain random search. */
  readonly halving?: number;
  /**
   * Run-wide config values (`bench --period 1w`): each applies to every model whose config has
   * the key and whose spec does not set it; a key no model of the run takes is an error.
   */
  readonly modelDefaults?: Readonly<Record<string, string>>;
  /** One-seed intervals resample the synthetic generator's communities instead of customers. */
  readonly clusterBootstrap?: boolean;
  readonly workers: number;
  /** Per-cell time limit in ms (0 = none): a cell over it fails and its worker is replaced. */
  readonly cellTimeoutMs: number;
  readonly out: string;
  readonly datasetOptions: LoadDatasetOptions;
  readonly interactive: boolean;
  readonly log: (line: string) => void;
}

export interface BenchCell {
  readonly dataset: string;
  readonly model: ModelEntry;
  readonly seed: number;
  /** Tuning trial (0 = the spec's own config) and the config it set over the spec. */
  readonly trial: number;
  readonly trialConfig: Readonly<Record<string, unknown>>;
  /** The model's fully resolved config. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Share of the train fold it trained on (< 1: a low successive-halving rung, never a row). */
  readonly trainFraction: number;
  readonly stored: StoredCell;
  readonly reused: boolean;
  /** This cell is its (dataset, model, seed)'s row: the only trial, or the one chosen on the valid fold. */
  readonly chosen: boolean;
  /** Valid-fold selection score (normalized Gini), when the model was tuned. */
  readonly validScore?: number;
}

export interface BenchRun {
  /** The datasets as the runner keeps them once sealed (record-dataset.ts). */
  readonly datasets: readonly RecordDataset[];
  readonly cells: readonly BenchCell[];
  readonly failures: readonly { dataset: string; model: string; seed: number; trial: number; error: string }[];
  /** Folds per dataset id and seed (index seed − 1), aligned with split.customers. */
  readonly folds: Readonly<Record<string, readonly Uint8Array[]>>;
  readonly tune: number;
  /** Successive-halving rate η used (1 = none). */
  readonly halving: number;
  readonly clusterBootstrap: boolean;
  readonly workers: readonly WorkerInfo[];
  readonly workerCount: number;
  readonly wallMs: number;
  readonly code: CodeVersion;
}

/**
 * Models to run on a dataset: every applicable one, or the requested ones that apply (a
 * `+social` model needs a graph, a `+cov` model customer attributes, `oracle` needs ground truth); `skipped` says why others are left out.
 */
export function modelsFor(
  dataset: { readonly id: string; readonly payload: RecordPayload },
  requested: readonly string[] | null,
): { models: ModelEntry[]; skipped: string[] } {
  const p = dataset.payload;
  const entries = requested ? requested.map(modelEntry) : [...modelCatalog()];
  const models: ModelEntry[] = [],
    skipped: string[] = [];
  for (const m of entries) {
    if (m.needsGraph && !p.graph) skipped.push(`${m.name} (dataset '${dataset.id}' has no social graph)`);
    else if (m.needsCovariates && !p.covariates)
      skipped.push(
        `${m.name} (dataset '${dataset.id}' has no customer attributes; ingest --customers FILE adds them, the named dataset apparel has them)`,
      );
    else if (m.needsTruth && !p.oracle)
      skipped.push(`${m.name} (dataset '${dataset.id}' has no ground truth; only synthetic data does)`);
    else models.push(m);
  }
  return { models, skipped: requested ? skipped : [] };
}

/** Runs (or reuses) every cell and returns them in dataset, model, seed order. */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const t0 = performance.now();
  const code = codeVersion();
  const store = new CellStore(options.out);
  for (const name of options.models ?? []) modelEntry(name); // unknown names fail before any work
  const workerCount = poolSize(options.workers);
  // Started before the datasets are prepared so that worker start-up (tsx, tfjs backend)
  // overlaps with the main thread's parsing; closed at once if every cell is reused.
  const pool = createCellPool(workerCount);
  const progress = new BenchProgress(options.interactive, options.log);
  const datasets: RecordDataset[] = [];
  type Planned = {
    dataset: RecordDataset;
    model: ModelEntry;
    seed: number;
    trial: number;
    trialConfig: Readonly<Record<string, unknown>>;
    config: Readonly<Record<string, unknown>>;
    key: string;
    trainFraction: number;
  };
  const folds: Record<string, Uint8Array[]> = {};
  const planned: Planned[] = [];
  const halving = options.halving ?? 1;
  const tuned = (m: ModelEntry): boolean => options.tune > 1 && m.searchSpace !== null;
  /** Successive halving applies to tuned models when η > 1 and there are more trials than survivors. */
  const halved = (m: ModelEntry): boolean =>
    tuned(m) && halving > 1 && Math.ceil(options.tune / halving) < options.tune;
  const usedDefaults = new Set<string>();
  /** The run-wide config values (options.modelDefaults) that `model` takes and its spec leaves open. */
  const runWide = (ds: RecordDataset, model: ModelEntry): Record<string, string> => {
    const given = options.modelDefaults ?? {};
    if (Object.keys(given).length === 0) return {};
    const config = createModel(model.name, ds.payload).config;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(given))
      if (Object.hasOwn(config, k) && !Object.hasOwn(model.overrides, k)) {
        out[k] = v;
        usedDefaults.add(k);
      }
    return out;
  };
  const plan = (
    ds: RecordDataset,
    model: ModelEntry,
    seed: number,
    trial: number,
    trialConfig: Readonly<Record<string, unknown>>,
    trainFraction: number,
  ): Planned => {
    let config: Readonly<Record<string, unknown>>;
    try {
      config = createModel(model.name, ds.payload, trialConfig).config;
    } catch (err) {
      const m = (err as Error).message;
      throw new Error(m.startsWith('benchmark/') ? m : `benchmark/models: '${model.name}': ${m}`);
    }
    const key = cellKey({
      dataset: ds.id,
      datasetHash: ds.sourceHash,
      model: model.name,
      config,
      seed,
      codeVersion: code.sourceHash,
      trainFraction: trainFraction < 1 ? trainFraction : undefined,
      // a plugin's cells are keyed by its file's content too (a predictions file's sha256 is in its config)
      plugin: model.family === 'plugin' ? pluginOf(model.base)!.file.sha256 : undefined,
    });
    return { dataset: ds, model, seed, trial, trialConfig, config, key, trainFraction };
  };
  try {
    for (const spec of options.datasets) {
      options.log(`bench: preparing dataset ${spec}`);
      const tLoad = performance.now();
      // Sealed at once, and only the record's log columns kept (record-dataset.ts): the full
      // payload is garbage from here on.
      const ds = recordDataset(await loadBenchDataset(spec, options.datasetOptions));
      datasets.push(ds);
      const sp = ds.payload.split;
      options.log(
        `bench: ${ds.id} ready in ${((performance.now() - tLoad) / 1000).toFixed(1)} s: ${ds.payload.log.length} events, cohort ${sp.customers.length}, value target ${ds.valueTarget}${ds.payload.graph ? ', with graph features' : ''}${ds.payload.covariates ? `, with customer attributes (${ds.payload.covariates.names.join(', ')})` : ''}`,
      );
      const { models, skipped } = modelsFor(ds, options.models);
      for (const why of skipped) options.log(`bench: skipping ${why}`);
      folds[ds.id] = Array.from({ length: options.seeds }, (_, i) =>
        evaluationFolds(ds.payload.log.customerIds, sp.customers, i + 1),
      );
      for (const model of models) {
        const wide = runWide(ds, model);
        // Rung 0 of successive halving trains every trial on 1/η of the train fold (early stopping
        // on 1/η of the valid fold, sealed-task.ts subsampleFit); plain
        // random search (or no tuning) trains every trial on all of it.
        const fraction = halved(model) ? 1 / halving : 1;
        for (const t of tuningTrials(tuned(model) ? model.searchSpace : null, options.tune, ds.id, model.name)) {
          for (let seed = 1; seed <= options.seeds; seed++)
            planned.push(plan(ds, model, seed, t.trial, { ...wide, ...t.config }, fraction));
        }
      }
    }
    for (const key of Object.keys(options.modelDefaults ?? {}))
      if (!usedDefaults.has(key))
        throw new Error(
          `benchmark/bench: no model of this run takes '${key}' (${options.datasets.join(', ')}: ${[...new Set(planned.map((p) => p.model.name))].join(', ')})`,
        );
    const unused = (options.models ?? []).filter((name) => !planned.some((p) => p.model.name === name));
    if (unused.length > 0)
      throw new Error(
        `benchmark/bench: ${unused.join(', ')} cannot run on any of the datasets (${options.datasets.join(', ')})`,
      );
  } catch (err) {
    await pool.close();
    throw err;
  }
  const results = new Map<string, { stored: StoredCell; reused: boolean }>();
  const failures: BenchRun['failures'][number][] = [];
  let workers: WorkerInfo[] = [];
  // Workers get the sealed dataset once and, per cell, the sealed split of the cell's seed (and rung).
  const splits = new Map<string, Split>();
  const splitOf = (p: Planned): Split => {
    const k = `${p.dataset.id}\u0000${p.seed}\u0000${p.trainFraction}`;
    let s = splits.get(k);
    if (!s) {
      const sp = p.dataset.payload.split;
      const fold = subsampleFit(
        folds[p.dataset.id][p.seed - 1],
        p.dataset.payload.log.customerIds,
        sp.customers,
        p.seed,
        p.trainFraction,
      );
      s = shareArrays(sealedSplit(sp, fold));
      splits.set(k, s);
    }
    return s;
  };
  const pluginPaths = loadedPlugins().map((f) => f.path);
  /** A predictions file's cell, built in this thread from the file (predictions-file.ts); nothing runs. */
  const externalCell = (p: Planned): void => {
    const file = predictionsOf(p.model.base)!;
    const { value, repurchase } = predictionsFor(
      file,
      p.dataset.payload.log.customerIds,
      p.dataset.payload.split.customers,
      folds[p.dataset.id],
      p.seed,
    );
    const stored: StoredCell = {
      key: p.key,
      identity: {
        dataset: p.dataset.id,
        datasetHash: p.dataset.sourceHash,
        model: p.model.name,
        config: p.config,
        seed: p.seed,
        codeVersion: code.sourceHash,
      },
      value: Array.from(value),
      repurchase: Array.from(repurchase),
      info: { predictions: file.path, sha256: file.sha256 },
      timing: {
        wallMs: 0,
        cpuMs: 0,
        cpuScope: 'process',
        peakHeapBytes: 0,
        worker: -1,
        finishedAt: new Date().toISOString(),
      },
      backend: 'none',
    };
    results.set(p.key, { stored, reused: false });
  };
  /** Runs the cells of `list` that are not stored yet (stored ones were read by readStored). */
  const runCells = async (list: readonly Planned[]): Promise<void> => {
    for (const p of list) if (p.model.family === 'external' && !results.has(p.key)) externalCell(p);
    const missing = list.filter((p) => !results.has(p.key));
    if (missing.length === 0) return;
    // LPT order: longest cells first; ties keep the plan order (dataset, model, seed).
    const order = missing
      .map((p, i) => ({ p, i }))
      .sort((a, b) => b.p.model.cost * b.p.trainFraction - a.p.model.cost * a.p.trainFraction || a.i - b.i)
      .map((x) => x.p);
    await Promise.all(
      order.map((p) => {
        const label = `${p.dataset.id}/${p.model.name}/seed${p.seed}${p.trial > 0 ? `/trial${p.trial}` : ''}${p.trainFraction < 1 ? `@${p.trainFraction.toFixed(2)}` : ''}`;
        return pool
          .submit(
            async (slot) => {
              progress.cellStarted(label);
              if (!slot.sent.has(p.dataset.id)) {
                slot.sent.add(p.dataset.id);
                await slot.api.loadDataset(p.dataset.sealed);
              }
              const r = await slot.api.runCell(
                {
                  datasetId: p.dataset.id,
                  model: p.model.name,
                  seed: p.seed,
                  split: splitOf(p),
                  config: p.trialConfig,
                  plugins: pluginPaths,
                },
                proxy((f: number, m: string) => progress.cellProgress(label, f, m)),
              );
              const stored: StoredCell = {
                key: p.key,
                identity: {
                  dataset: p.dataset.id,
                  datasetHash: p.dataset.sourceHash,
                  model: p.model.name,
                  config: p.config,
                  seed: p.seed,
                  codeVersion: code.sourceHash,
                  ...(p.trainFraction < 1 ? { trainFraction: p.trainFraction } : {}),
                },
                value: Array.from(r.value),
                repurchase: Array.from(r.repurchase),
                info: r.info,
                embedding: r.embedding
                  ? { dim: r.embedding.dim, base64: encodeEmbedding(r.embedding.data) }
                  : undefined,
                timing: {
                  wallMs: r.wallMs,
                  cpuMs: r.cpuMs,
                  cpuScope: r.cpuScope,
                  peakHeapBytes: r.peakHeapBytes,
                  worker: slot.index,
                  finishedAt: new Date().toISOString(),
                },
                backend: r.backend,
              };
              store.write(stored);
              results.set(p.key, { stored, reused: false });
              progress.cellDone(label, r.wallMs);
            },
            { timeoutMs: options.cellTimeoutMs },
          )
          .catch((err: unknown) => {
            // A failed cell (model error, crashed or timed-out worker) is recorded, never fatal to the run.
            const message = (err as Error).message?.split('\n')[0] ?? String(err);
            failures.push({ dataset: p.dataset.id, model: p.model.name, seed: p.seed, trial: p.trial, error: message });
            progress.cellDone(label, 0, true);
            options.log(`bench: ${label} FAILED: ${message}`);
          });
      }),
    );
  };
  const readStored = (list: readonly Planned[]): number => {
    let reused = 0;
    for (const p of list) {
      if (results.has(p.key)) continue;
      const stored = store.read(p.key);
      if (stored) {
        results.set(p.key, { stored, reused: true });
        reused++;
      }
    }
    return reused;
  };
  progress.start(planned.length, readStored(planned));
  try {
    await runCells(planned);
    // Rung 1 of successive halving (Jamieson & Talwalkar 2016): per dataset, model and seed,
    // the ⌈N/η⌉ trials with the best valid-fold score on the small budget train on the whole
    // train fold; the row is chosen among those.
    const rung1: Planned[] = [];
    const groups = new Map<string, Planned[]>();
    for (const p of planned) {
      if (p.trainFraction >= 1) continue;
      const k = `${p.dataset.id}\u0000${p.model.name}\u0000${p.seed}`;
      const g = groups.get(k);
      if (g) g.push(p);
      else groups.set(k, [p]);
    }
    for (const g of groups.values()) {
      const scored = g
        .filter((p) => results.has(p.key))
        .map((p) => ({
          p,
          score: validScore(p.dataset, folds[p.dataset.id][p.seed - 1], results.get(p.key)!.stored.value),
        }))
        .sort(
          (a, b) =>
            (Number.isNaN(a.score) ? 1 : Number.isNaN(b.score) ? -1 : b.score - a.score) || a.p.trial - b.p.trial,
        );
      for (const { p } of scored.slice(0, Math.ceil(options.tune / halving)))
        rung1.push(plan(p.dataset, p.model, p.seed, p.trial, p.trialConfig, 1));
    }
    if (rung1.length > 0) {
      planned.push(...rung1);
      progress.extend(rung1.length, readStored(rung1));
      await runCells(rung1);
    }
    if (results.size > 0) workers = await pool.workers().catch(() => []);
  } finally {
    progress.stop();
    await pool.close();
  }
  const finished: Omit<BenchCell, 'chosen' | 'validScore'>[] = [];
  for (const p of planned) {
    const r = results.get(p.key);
    if (r)
      finished.push({
        dataset: p.dataset.id,
        model: p.model,
        seed: p.seed,
        trial: p.trial,
        trialConfig: p.trialConfig,
        config: p.config,
        stored: r.stored,
        reused: r.reused,
        trainFraction: p.trainFraction,
      });
  }
  const cells = selectTrials(datasets, finished, folds);
  return {
    datasets,
    cells,
    failures,
    workers,
    workerCount,
    wallMs: performance.now() - t0,
    code,
    folds,
    tune: options.tune,
    halving,
    clusterBootstrap: options.clusterBootstrap ?? false,
  };
}
