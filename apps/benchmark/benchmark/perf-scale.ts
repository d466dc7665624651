// Scale suite (`clvlab perf --suite scale`, issue 16 §1; or
// `npx tsx apps/benchmark/benchmark/perf-scale.ts [--sizes 10000,30000] [--stages a,b] [--encoder-epochs 1] [--out FILE.json]`):
// the synthetic benchmark at 10k, 100k and 1M customers (≈ 0.6M, 6M, 60M events), each size
// in a fresh child process (perf-scale-child.ts) so sizes share no heap, every stage of the
// bench pipeline timed (wall and CPU) with its peak RSS (stage-meter.ts), then per stage the
// log-log slope of time against customers (least squares of log t on log n: 1 is linear,
// n log n reads as ~1.1 over these sizes, 2 quadratic) and a Markdown table for the README.
// Through the CLI the sizes come from CLVLAB_SCALE_SIZES=10000,30000 (and the stages from
// CLVLAB_SCALE_STAGES, the encoder's epochs from CLVLAB_SCALE_ENCODER_EPOCHS).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseInteger } from '@clvlab/core';
import {
  PREREQUISITE_STAGES,
  RESULT_PREFIX,
  SCALE_STAGES,
  type ScaleJob,
  type ScaleStage,
  type StageRow,
} from './scale-stages.ts';

export const DEFAULT_SCALE_PERF = Object.freeze({
  /** Synthetic customers per size (the issue's 10k, 100k and 1M). */
  sizes: [10_000, 100_000, 1_000_000] as readonly number[],
  /** Stages to time (generate, prepare and seal always run: every later stage reads them); null = all. */
  stages: null as readonly ScaleStage[] | null,
  /** Epochs of the one encoder (a full bench runs up to 20 with early stopping). */
  encoderEpochs: 1 as number,
  /** Sizes above this skip the encoder stage (the bench holds its token grid in memory). */
  encoderMaxCustomers: Number.POSITIVE_INFINITY,
  /** Progress lines (stderr in the CLI). */
  log: (_line: string): void => undefined,
});
export type ScalePerfOptions = Partial<typeof DEFAULT_SCALE_PERF>;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./perf-scale-child.ts', import.meta.url));

interface SizeResult {
  readonly customers: number;
  readonly rows: StageRow[];
  readonly facts: Record<string, unknown>;
}

/** Runs one size in its own process; a crash keeps the rows printed before it and names the rest. */
function runSize(job: ScaleJob, stages: readonly ScaleStage[], log: (line: string) => void): Promise<SizeResult> {
  // Heap limit well above V8's default: the 1M size holds ~60M events and the record's arrays.
  const heapMb = Math.max(4096, Math.floor((0.75 * totalmem()) / 2 ** 20));
  const args = [
    '--expose-gc',
    `--max-old-space-size=${heapMb}`,
    '--conditions=@clvlab/source',
    '--import',
    'tsx',
    CHILD,
    JSON.stringify(job),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const rows: StageRow[] = [];
  const facts: Record<string, unknown> = {};
  const stderrTail: string[] = [];
  const lines = (stream: NodeJS.ReadableStream, onLine: (line: string) => void): void => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      for (const p of parts) onLine(p);
    });
    stream.on('end', () => {
      if (rest) onLine(rest);
    });
  };
  lines(child.stdout, (line) => {
    if (!line.startsWith(RESULT_PREFIX)) return;
    const msg = JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, unknown>;
    if (typeof msg.stage === 'string') rows.push(msg as unknown as StageRow);
    else Object.assign(facts, msg);
  });
  lines(child.stderr, (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    if (line.startsWith('perf scale')) log(line);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 || facts.type !== 'done') {
        const why = `child process ended with ${signal ?? `exit code ${code}`} before this stage: ${stderrTail
          .filter((l) => !l.startsWith('perf scale'))
          .slice(-3)
          .join(' | ')}`;
        for (const s of stages) if (!rows.some((r) => r.stage === s)) rows.push({ stage: s, error: why });
      }
      delete facts.type;
      resolve({ customers: job.customers, rows, facts });
    });
  });
}

/** Least-squares slope of log y on log x over the points with y > 0 (null with fewer than two sizes). */
export function logLogSlope(points: readonly { x: number; y: number }[]): number | null {
  const p = points.filter((q) => q.x > 0 && q.y > 0 && Number.isFinite(q.y));
  if (new Set(p.map((q) => q.x)).size < 2) return null;
  const lx = p.map((q) => Math.log(q.x)),
    ly = p.map((q) => Math.log(q.y));
  const mx = lx.reduce((a, b) => a + b, 0) / p.length,
    my = ly.reduce((a, b) => a + b, 0) / p.length;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < p.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return Math.round((sxy / sxx) * 100) / 100;
}

const fmt = (x: number | undefined, digits: number): string => (x === undefined ? '' : x.toFixed(digits));
const countLabel = (n: number): string =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);

/** The README table: one row per stage, wall and CPU seconds and peak RSS per size, the slopes. */
export function scaleTable(
  sizes: readonly SizeResult[],
  slopes: Record<string, { wall: number | null; cpu: number | null }>,
): string {
  const head = [
    'stage',
    ...sizes.map((s) => `${countLabel(s.customers)}: wall s / CPU s / peak RSS MB`),
    'slope (wall)',
    'slope (CPU)',
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const stage of SCALE_STAGES) {
    if (!sizes.some((s) => s.rows.some((r) => r.stage === stage))) continue;
    const cells = sizes.map((s) => {
      const r = s.rows.find((x) => x.stage === stage);
      if (!r) return '';
      if (r.skipped) return `skipped (${r.skipped.split(' (')[0]})`;
      if (r.error) return 'failed';
      return `${fmt(r.wall_s, 2)} / ${fmt(r.cpu_s, 2)} / ${fmt(r.peak_rss_mb, 0)}`;
    });
    const sl = slopes[stage];
    lines.push(`| ${stage} | ${cells.join(' | ')} | ${sl?.wall ?? ''} | ${sl?.cpu ?? ''} |`);
  }
  return lines.join('\n');
}

const listOf = (text: string | undefined): string[] | undefined =>
  text
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Options from CLVLAB_SCALE_SIZES, CLVLAB_SCALE_STAGES, CLVLAB_SCALE_ENCODER_EPOCHS and CLVLAB_SCALE_ENCODER_MAX_CUSTOMERS (what `clvlab perf` cannot pass). */
export function scaleOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ScalePerfOptions {
  const sizes = listOf(env.CLVLAB_SCALE_SIZES),
    stages = listOf(env.CLVLAB_SCALE_STAGES);
  const { CLVLAB_SCALE_ENCODER_EPOCHS: epochs, CLVLAB_SCALE_ENCODER_MAX_CUSTOMERS: cap } = env;
  return {
    ...(sizes ? { sizes: sizes.map((s) => parseInteger(s, { min: 100, where: 'CLVLAB_SCALE_SIZES' })) } : {}),
    ...(stages ? { stages: stages as ScaleStage[] } : {}),
    ...(epochs ? { encoderEpochs: parseInteger(epochs, { min: 1, where: 'CLVLAB_SCALE_ENCODER_EPOCHS' }) } : {}),
    ...(cap ? { encoderMaxCustomers: parseInteger(cap, { min: 1, where: 'CLVLAB_SCALE_ENCODER_MAX_CUSTOMERS' }) } : {}),
  };
}

/** Runs every size and returns the figures, slopes, machine facts and the Markdown table (options over the CLVLAB_SCALE_* variables over the defaults). */
export async function runScalePerf(options: ScalePerfOptions = {}): Promise<Record<string, unknown>> {
  const o = { ...DEFAULT_SCALE_PERF, ...scaleOptionsFromEnv(), ...options };
  const stages = o.stages ?? SCALE_STAGES;
  for (const s of stages)
    if (!(SCALE_STAGES as readonly string[]).includes(s))
      throw new Error(`perf scale: unknown stage '${s}' (expected ${SCALE_STAGES.join(', ')})`);
  const reported = SCALE_STAGES.filter((s) => stages.includes(s) || PREREQUISITE_STAGES.includes(s));
  const loadStart = loadavg();
  const started = new Date().toISOString();
  const sizes: SizeResult[] = [];
  for (const customers of o.sizes) {
    o.log(`perf scale: ${customers.toLocaleString('en')} customers (own child process)`);
    const job: ScaleJob = {
      customers,
      stages: reported,
      encoderEpochs: o.encoderEpochs,
      encoderMaxCustomers: Number.isFinite(o.encoderMaxCustomers) ? o.encoderMaxCustomers : null,
      workDir: join(tmpdir(), `clvlab-perf-scale-${process.pid}-${customers}`),
    };
    sizes.push(await runSize(job, reported, o.log));
  }
  const slopes: Record<string, { wall: number | null; cpu: number | null }> = {};
  for (const stage of reported) {
    const rows = sizes
      .map((s) => ({ x: s.customers, r: s.rows.find((r) => r.stage === stage) }))
      .filter((p) => p.r?.wall_s !== undefined);
    slopes[stage] = {
      wall: logLogSlope(rows.map((p) => ({ x: p.x, y: p.r!.wall_s! }))),
      cpu: logLogSlope(rows.map((p) => ({ x: p.x, y: p.r!.cpu_s! }))),
    };
  }
  const c = cpus();
  return {
    suite: 'scale',
    started,
    machine: {
      cpu: c[0]?.model ?? 'unknown',
      cores: c.length,
      available_parallelism: availableParallelism(),
      memory_gb: Math.round(totalmem() / 2 ** 30),
      os: `${platform()} ${release()}`,
      node: process.version,
      load_average_at_start: loadStart,
      load_average_at_end: loadavg(),
    },
    setup: {
      sizes: o.sizes,
      stages: reported,
      encoder_epochs: o.encoderEpochs,
      encoder_max_customers: Number.isFinite(o.encoderMaxCustomers) ? o.encoderMaxCustomers : 'none',
      resamples: 1000,
    },
    sizes: sizes.map((s) => ({
      customers: s.customers,
      ...s.facts,
      stages: Object.fromEntries(s.rows.map(({ stage, ...rest }) => [stage, rest])),
    })),
    slopes,
    markdown: scaleTable(sizes, slopes),
    notes: [
      'each size runs in a fresh child process; within it the stages run in order, so peak_rss_mb includes what earlier stages still hold (rss_start_mb is that baseline, measured after a full GC)',
      'wall_s depends on other load on the machine (load_average_*); cpu_s (user + system of the process, worker threads included) is less distorted by it',
      'slope: least squares of log(time) on log(customers) over the sizes; 1 = linear, n log n ≈ 1.09 over 10k-1M, 2 = quadratic',
      'models run in this process on the sealed task of seed 1, as a bench cell does in a worker; metrics-bootstrap = each model’s bootstrap replicates (1,000 resamples) once, its interval and every pair (against each non-sequence model) from them, what computeResults does for one seed',
      "record-report = the app's writeRecord (which runs computeResults again: the same bootstraps, decisions, segments, embeddings) and buildReport",
      "graph-features: closeness and harmonic are exact below 20,000 nodes (O(n·m)) and use ⌈ln n / 0.01⌉ Eppstein–Wang pivots above, so that stage's slope across 20k is not one algorithm's",
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      stages: { type: 'string' },
      'encoder-epochs': { type: 'string' },
      'encoder-max-customers': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const result = await runScalePerf({
    ...scaleOptionsFromEnv({
      CLVLAB_SCALE_SIZES: values.sizes,
      CLVLAB_SCALE_STAGES: values.stages,
      CLVLAB_SCALE_ENCODER_EPOCHS: values['encoder-epochs'],
      CLVLAB_SCALE_ENCODER_MAX_CUSTOMERS: values['encoder-max-customers'],
    }),
    log: (line) => process.stderr.write(line + '\n'),
  });
  const text = JSON.stringify(result, null, 2) + '\n';
  if (values.out) writeFileSync(values.out, text);
  process.stdout.write(text);
}
