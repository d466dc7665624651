// One size of the scale suite (perf-scale.ts) in a process of its own, so that sizes share no
// heap: generates the synthetic dataset, runs every stage in order through the same calls as
// `clvlab bench` (loadBenchDataset's synthetic branch, the sealed task, the model registry,
// the record and the report), and prints each stage's figures as one `@clvlab-scale {json}`
// line on stdout as soon as the stage ends (a crash late in a big size keeps the earlier rows).
// Progress goes to stderr.
//   node --expose-gc --import tsx perf-scale-child.ts '{"customers":10000,...}'
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stableStringify } from '@clvlab/core';
import { readEventLog } from '@clvlab/events/node';
import { engineeredFeatures } from '@clvlab/features';
import { intervalsFromReplicates, DEFAULT_BOOTSTRAP, pairedFromReplicates } from '@clvlab/metrics';
import { evaluationFolds, prepareDataset, type ModelOutput } from '@clvlab/sessions';
import { SYNTH_DEFAULTS } from '@clvlab/synth';
import { generateSyntheticParallel, writeSynthetic } from '@clvlab/synth/node';
import { generatorGraphFeatures } from '../src/datasets/graph-features.ts';
import { splitSummary, type BenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { createModel, modelEntry } from '../src/models/model-registry.ts';
import { initTfjsBackend } from '../src/models/tfjs-backend.ts';
import { cellReplicates } from '../src/record/cell-replicates.ts';
import { testView } from '../src/record/test-view.ts';
import { writeRecord } from '../src/record/write-record.ts';
import { buildReport } from '../src/report/build-report.ts';
import type { DatasetPayload } from '../src/runner/cell-protocol.ts';
import { encodeEmbedding } from '../src/runner/cell-store.ts';
import { codeVersion } from '../src/runner/code-version.ts';
import type { BenchCell, BenchRun } from '../src/runner/run-bench.ts';
import { recordDataset } from '../src/runner/record-dataset.ts';
import { sealedSplit, sealedTask, sealPayload } from '../src/runner/sealed-task.ts';
import {
  PREREQUISITE_STAGES,
  RESULT_PREFIX,
  SCALE_BASELINES,
  SCALE_ENCODER,
  type ScaleJob,
  type ScaleStage,
  type StageRow,
} from './scale-stages.ts';
import { StageMeter } from './stage-meter.ts';

const job = JSON.parse(process.argv[2] ?? '{}') as ScaleJob;
const n = job.customers;
const wanted = new Set<ScaleStage>([...PREREQUISITE_STAGES, ...job.stages]);
const log = (line: string): void => {
  process.stderr.write(`perf scale ${n}: ${line}\n`);
};
const emit = (row: StageRow | Record<string, unknown>): void => {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(row)}\n`);
};
const meter = new StageMeter(50);

/** Runs `fn` as `stage` when it is wanted, prints its row, and returns its value (undefined when not run). */
async function stage<T>(
  name: ScaleStage,
  fn: () => Promise<T> | T,
  detail: (value: T) => Record<string, unknown> = () => ({}),
): Promise<T | undefined> {
  if (!wanted.has(name)) return undefined;
  log(`${name}…`);
  const { figures, value } = await meter.measure(fn);
  emit({ stage: name, ...figures, detail: detail(value) });
  log(`${name}: ${figures.wall_s} s, peak RSS ${figures.peak_rss_mb} MB`);
  return value;
}
const skip = (name: ScaleStage, why: string): void => {
  if (wanted.has(name)) emit({ stage: name, skipped: why });
};
const seconds = (t0: number): number => Math.round(performance.now() - t0) / 1000;

emit({
  type: 'start',
  customers: n,
  rss_mb: Math.round(process.memoryUsage.rss() / 1e5) / 10,
  rss_method: meter.method,
});
mkdirSync(job.workDir, { recursive: true });

// generate: what loadBenchDataset('synthetic', { customers }) draws (SYNTH_DEFAULTS, oracle included, its re-simulations on every core).
const synthOptions = { ...SYNTH_DEFAULTS, customers: n };
const data = (await stage(
  'generate',
  () => generateSyntheticParallel(synthOptions),
  (d) => ({ events: d.log.length, edges: d.edges.src.length }),
))!;

// ingest: the generated log written as a generic events CSV and read back by the events reader.
await stage(
  'ingest',
  async () => {
    const dir = join(job.workDir, 'ingest');
    const t0 = performance.now();
    await writeSynthetic(dir, data);
    const write = seconds(t0);
    const file = join(dir, 'events.csv');
    const bytes = statSync(file).size;
    const t1 = performance.now();
    const { log: read, report } = await readEventLog(file, { format: 'events' });
    const out = {
      write_s: write,
      read_s: seconds(t1),
      events_csv_mb: Math.round(bytes / 1e5) / 10,
      rows_kept: report.rowsKept,
      rejected: report.rejected,
      same_events: read.length === data.log.length && read.customerIds.length === data.log.customerIds.length,
      note: 'write = writeSynthetic (events.csv plus the small edges.csv and truth.csv); read = readEventLog(events.csv, {format: events}); later stages use the generated log, as bench does',
    };
    rmSync(dir, { recursive: true, force: true });
    return out;
  },
  (r) => r,
);

const prepared = (await stage(
  'prepare',
  () =>
    prepareDataset(data.log, { dataset: 'synthetic', start: data.start, cutoff: data.cutoff, horizon: data.horizon }),
  (p) => ({ sessions: p.sessionCount, cohort: p.split.customers.length }),
))!;
const { split } = prepared;

await stage(
  'features',
  () =>
    engineeredFeatures(
      { log: data.log, offsets: prepared.offsets, session: prepared.session, split },
      split.score.featureEnd,
    ),
  (f) => ({ columns: f.names.length, rows: split.customers.length }),
);

const graph = await stage(
  'graph-features',
  () => generatorGraphFeatures(data.edges, data.log, split),
  (g) => ({ columns: g.features.graph.names.length, edges: g.facts.edges }),
);

const payload: DatasetPayload = {
  id: 'synthetic',
  log: data.log,
  session: prepared.session,
  offsets: prepared.offsets,
  split,
  ...graph?.features,
};
const fold = evaluationFolds(data.log.customerIds, split.customers, 1);
const { sealed, task } = (await stage(
  'seal',
  () => {
    const s = sealPayload(payload);
    return { sealed: s, task: sealedTask(s, sealedSplit(split, fold), 1) };
  },
  ({ sealed: s }) => ({ events_before_cutoff: s.log.length }),
))!;

// The models, each on the sealed task of seed 1, as a bench cell runs it (here in this thread).
interface Ran {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly out: ModelOutput;
  readonly wallMs: number;
  readonly backend: string;
}
const ran: Ran[] = [];
async function runModel(
  name: ScaleStage,
  config: Readonly<Record<string, unknown>> = {},
  backend = 'none',
): Promise<void> {
  const model = createModel(name, sealed, config);
  const t0 = performance.now();
  const out = await stage(
    name,
    () => model.run(task),
    (o) => ({ customers: o.value.length, ...(o.embedding ? { embedding_dim: o.embedding.dim } : {}) }),
  );
  if (out) ran.push({ name, config: model.config, out, wallMs: performance.now() - t0, backend });
}
for (const name of [...SCALE_BASELINES, 'gbdt'] as const) await runModel(name);
if (job.encoderMaxCustomers !== null && n > job.encoderMaxCustomers)
  skip(
    SCALE_ENCODER,
    `${n} customers > encoderMaxCustomers ${job.encoderMaxCustomers} (the bench trains encoders from an in-memory token grid, ~1.5 kB per cohort customer per window)`,
  );
else if (wanted.has(SCALE_ENCODER)) {
  const backend = await initTfjsBackend();
  await runModel(SCALE_ENCODER, { epochs: job.encoderEpochs }, backend.backend);
}

// The one-seed run of these cells, as runBench would return it: what the record reads.
function oneSeedRun(): BenchRun {
  const sourceHash = `sha256:${createHash('sha256').update(stableStringify(synthOptions)).digest('hex')}`;
  const dataset: BenchDataset = {
    id: 'synthetic',
    source: `generateSynthetic(${stableStringify(synthOptions)})`,
    sourceHash,
    valueTarget: data.log.valueTarget,
    payload,
    facts: {
      generator: synthOptions,
      edges: data.edges.src.length,
      split: splitSummary(payload),
      ...(graph ? { graph: graph.facts } : {}),
    },
  };
  const code = codeVersion();
  const cells: BenchCell[] = ran.map((r) => {
    const identity = {
      dataset: 'synthetic',
      datasetHash: sourceHash,
      model: r.name,
      config: r.config,
      seed: 1,
      codeVersion: code.sourceHash,
    };
    const info = JSON.parse(
      JSON.stringify(r.out.info ?? {}, (_k, v: unknown) =>
        ArrayBuffer.isView(v) ? `[${(v as unknown as ArrayLike<number>).length} values omitted]` : v,
      ),
    ) as Record<string, unknown>;
    return {
      dataset: 'synthetic',
      model: modelEntry(r.name),
      seed: 1,
      trial: 0,
      trialConfig: {},
      config: r.config,
      trainFraction: 1,
      reused: false,
      chosen: true,
      stored: {
        key: createHash('sha256').update(stableStringify(identity)).digest('hex').slice(0, 32),
        identity,
        value: Array.from(r.out.value),
        repurchase: Array.from(r.out.repurchase),
        info,
        embedding: r.out.embedding
          ? { dim: r.out.embedding.dim, base64: encodeEmbedding(r.out.embedding.data) }
          : undefined,
        timing: {
          wallMs: r.wallMs,
          cpuMs: 0,
          cpuScope: 'process',
          peakHeapBytes: 0,
          worker: 0,
          finishedAt: new Date().toISOString(),
        },
        backend: r.backend,
      },
    };
  });
  const run: BenchRun = {
    datasets: [recordDataset(dataset, sealed)],
    cells,
    failures: [],
    folds: { synthetic: [fold] },
    tune: 1,
    halving: 1,
    clusterBootstrap: false,
    workers: [],
    workerCount: 1,
    wallMs: 0,
    code,
  };
  return run;
}

// metrics + bootstrap: what the record computes for one seed: each chosen cell's replicates
// once (cellReplicates: on worker threads at this size, as writeRecord runs them), then each
// model's interval and every pair (model vs each non-sequence model, computeResults'
// references) derived from them.
const run = ran.length > 0 ? oneSeedRun() : null;
if (run === null) skip('metrics-bootstrap', 'no model ran');
else {
  await stage(
    'metrics-bootstrap',
    async () => {
      const t0 = performance.now();
      const replicates = await cellReplicates(run.datasets, run.cells, run.folds);
      const replicatesS = seconds(t0);
      const t1 = performance.now();
      for (const c of run.cells) intervalsFromReplicates(replicates.get(c)!);
      const references = run.cells.filter((c) => !c.model.sequence);
      let pairs = 0;
      for (const a of run.cells) {
        for (const b of references) {
          if (a === b) continue;
          pairedFromReplicates(replicates.get(a)!, replicates.get(b)!);
          pairs++;
        }
      }
      return {
        test_customers: testView(payload, fold).rows.length,
        models: run.cells.length,
        replicates_s: replicatesS,
        pairs,
        intervals_and_pairs_s: seconds(t1),
        resamples: DEFAULT_BOOTSTRAP.resamples,
      };
    },
    (r) => r,
  );
}

// record + report: the app's writeRecord (computeResults: metrics, the same bootstraps again,
// decisions, segments, embeddings; then every file) and buildReport, on a one-seed run of these cells.
if (run === null) skip('record-report', 'no model ran');
else {
  await stage(
    'record-report',
    async () => {
      const dir = join(job.workDir, 'record');
      const t0 = performance.now();
      const record = await writeRecord(dir, run, `clvlab perf --suite scale (synthetic, ${n} customers)`, 1);
      const recordS = seconds(t0);
      const t1 = performance.now();
      const report = await buildReport(dir);
      const out = {
        record_s: recordS,
        report_s: seconds(t1),
        files: record.files.length,
        charts: report.charts,
        paired_rows: record.results.paired.length,
      };
      rmSync(dir, { recursive: true, force: true });
      return out;
    },
    (r) => r,
  );
}

await meter.close();
rmSync(job.workDir, { recursive: true, force: true });
emit({ type: 'done', peak_rss_mb_process: Math.round((process.resourceUsage().maxRSS * 1024) / 1e5) / 10 });
// Graph and tfjs worker pools may still be open; the results are out, so end here.
process.exit(0);
