// Trees performance suite (`clvlab perf --suite trees`, once the CLI lists it; or
// `npx tsx packages/trees/benchmark/gbdt-vs-xgboost.ts [--customers N] [--rounds R] [--features P]`):
// GBDT training time on seeded synthetic zero-heavy customers (default 100k customers × 60
// features, 200 rounds, depth 6, Tweedie) against XGBoost 1.7.4 (hist, nthread 2) in the same
// run, on the same float32 matrix written to a temp file, with the agreement of the two models'
// predictions on held-out synthetic rows (Spearman, normalized Gini). Ours is timed from raw columns (binning
// included) with `workers` histogram threads (fitGbdtAsync; 2 by default, as XGBoost's nthread, the
// worker's start included); XGBoost's time is its xgb.train call (quantile sketch and binning
// included), its DMatrix construction reported apart.
// The goal: ours ≥ 0.5× XGBoost's speed (speed_ratio = xgboost_train_s / ours_total_s).
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { binMatrix, type GbdtObjective } from '../src/index.ts';
import { fitGbdtAsync } from '../src/node.ts';
import { normalizedGini, spearman } from '../tests/rank-metrics.ts';
import { sliceRows, syntheticCustomers } from '../tests/synthetic-customers.ts';
import { xgboost } from '../tests/xgboost.ts';

export const DEFAULT_TREES_PERF = Object.freeze({
  /** Training customers (the 100k) and the held-out test customers scored for agreement. */
  customers: 100_000 as number,
  testCustomers: 20_000 as number,
  /** The full feature set is ~60 columns. */
  features: 60 as number,
  rounds: 200 as number,
  maxDepth: 6 as number,
  learningRate: 0.1 as number,
  objective: 'tweedie' as GbdtObjective,
  /** XGBoost threads (the nthread=2). */
  xgboostThreads: 2 as number,
  /** Our histogram threads, the calling one included (fitGbdtAsync's workers): the same 2 cores as XGBoost. */
  workers: 2 as number,
  /** Also time XGBoost on one thread: the like-for-like figure for ours at workers 1, and less hurt by a busy machine. */
  xgboostSingleThread: true as boolean,
  seed: 1 as number,
});
export type TreesPerfOptions = Partial<typeof DEFAULT_TREES_PERF> & { log?: (line: string) => void };

const XGB_OBJECTIVE: Record<GbdtObjective, string> = {
  'log1p-squared': 'reg:squarederror',
  tweedie: 'reg:tweedie',
  logistic: 'binary:logistic',
};

/** Runs the comparison once and returns both times, their ratio and the agreement of the two models. */
export async function runTreesPerf(options: TreesPerfOptions = {}): Promise<Record<string, unknown>> {
  const { log = () => {}, ...rest } = options;
  const o = { ...DEFAULT_TREES_PERF, ...rest };
  const loadStart = loadavg();
  log(`trees perf: generating ${o.customers} + ${o.testCustomers} customers × ${o.features} features`);
  const data = syntheticCustomers(o.customers + o.testCustomers, o.features, o.seed);
  const train = sliceRows(data.columns, 0, o.customers),
    test = sliceRows(data.columns, o.customers, o.customers + o.testCustomers);
  const label = o.objective === 'logistic' ? data.repurchase : data.value;
  const y = label.slice(0, o.customers),
    actual = label.slice(o.customers);
  // one base margin for both (XGBoost 1.7 does not fit it): the link of the training mean
  const mean = (o.objective === 'log1p-squared' ? y.map(Math.log1p) : y).reduce((s, v) => s + v, 0) / y.length;
  const baseMargin =
    o.objective === 'tweedie' ? Math.log(mean) : o.objective === 'logistic' ? Math.log(mean / (1 - mean)) : mean;

  log(`trees perf: XGBoost ${o.rounds} rounds, depth ${o.maxDepth}, nthread ${o.xgboostThreads}`);
  const params = {
    tree_method: 'hist',
    max_depth: o.maxDepth,
    eta: o.learningRate,
    lambda: 1,
    min_child_weight: 1,
    max_bin: 255,
    objective: XGB_OBJECTIVE[o.objective],
    base_score: mean,
    nthread: o.xgboostThreads,
    ...(o.objective === 'tweedie' ? { tweedie_variance_power: 1.5 } : {}),
  };
  const xgbLabel = o.objective === 'log1p-squared' ? y.map(Math.log1p) : y;
  const ref = xgboost(train, test, [
    { name: 'gbdt', params, rounds: o.rounds, label: xgbLabel },
    ...(o.xgboostSingleThread && o.xgboostThreads !== 1
      ? [{ name: 'gbdt-1', params: { ...params, nthread: 1 }, rounds: o.rounds, label: xgbLabel }]
      : []),
  ]);
  const xgb = ref.runs.gbdt,
    xgb1 = ref.runs['gbdt-1'];

  log(`trees perf: ours (${o.workers} histogram threads)`);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const binned = binMatrix(train, data.names);
  const t1 = performance.now();
  const model = await fitGbdtAsync(binned, y, {
    objective: o.objective,
    rounds: o.rounds,
    maxDepth: o.maxDepth,
    learningRate: o.learningRate,
    lambda: 1,
    minChildWeight: 1,
    baseMargin,
    earlyStoppingRounds: 0,
    workers: o.workers,
  });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const ours = model.predictMargin(test);
  const oursTotal = (t2 - t0) / 1000;
  return {
    suite: 'trees',
    machine: {
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      load_average_at_start: loadStart,
      load_average_at_end: loadavg(),
    },
    setup: { ...o, xgboost: ref.version, xgboost_params: params },
    ours: {
      binning_s: (t1 - t0) / 1000,
      training_s: (t2 - t1) / 1000,
      total_s: oursTotal,
      cpu_s: (cpu.user + cpu.system) / 1e6,
      threads: o.workers,
    },
    xgboost: {
      train_s: xgb.trainSeconds,
      train_cpu_s: xgb.trainCpuSeconds,
      dmatrix_s: xgb.dmatrixSeconds,
      threads: o.xgboostThreads,
    },
    xgboost_1_thread: xgb1 ? { train_s: xgb1.trainSeconds, train_cpu_s: xgb1.trainCpuSeconds } : null,
    speed_ratio: xgb.trainSeconds / oursTotal,
    speed_ratio_1_thread: xgb1 ? xgb1.trainSeconds / oursTotal : null,
    cpu_ratio_1_thread: xgb1 ? xgb1.trainCpuSeconds / ((cpu.user + cpu.system) / 1e6) : null,
    goal_speed_ratio: 0.5,
    agreement: {
      test_customers: o.testCustomers,
      spearman: spearman(ours, xgb.margin),
      gini_ours: normalizedGini(actual, ours),
      gini_xgboost: normalizedGini(actual, xgb.margin),
    },
    notes: [
      'speed_ratio = xgboost train_s / ours total_s (binning + training); ≥ 0.5 meets the goal',
      'ours builds histograms on workers threads; XGBoost runs on xgboostThreads threads (and on one, xgboost_1_thread)',
      'cpu_ratio_1_thread compares the CPU seconds of XGBoost on one thread with ours (all our threads, the worker start included): the figure least distorted by other load',
      'wall-clock figures depend on other load on the machine (load_average_*)',
    ],
  };
}

function argValue(name: string): number | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k > 0 ? Number(process.argv[k + 1]) : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const overrides: Record<string, number> = {};
  for (const key of [
    'customers',
    'testCustomers',
    'features',
    'rounds',
    'maxDepth',
    'xgboostThreads',
    'workers',
    'seed',
  ] as const) {
    const v = argValue(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    if (v !== undefined) overrides[key] = v;
  }
  runTreesPerf({ ...overrides, log: (line) => process.stderr.write(line + '\n') }).then((r) =>
    process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
  );
}
