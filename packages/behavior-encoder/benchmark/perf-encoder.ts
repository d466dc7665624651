// Encoder training throughput (issue 5 §8): trains the default `transformer` on a fixed,
// seeded synthetic batch stream on each available backend and reports tokens/s, sustained
// GFLOP/s (analytic forward + backward FLOPs = 3 × forward, over wall time) and ms per step,
// plus the backend's best plain matMul at the model's own dense shapes. Non-cpu backends are
// also timed with 2 data-parallel gradient threads (parallel-gradients.ts); `summary` names the
// fastest of them and its tokens/s over cpu's. Each entry records the load average when its
// timing began: on a shared 2-core machine the 2-thread figure depends on a core being free.
// Per-kernel breakdown of one step: profile-step.ts.
// Run: npx tsx packages/behavior-encoder/benchmark/perf-encoder.ts [--steps N] [--backends wasm,cpu]
import { availableParallelism, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@clvlab/core';
import {
  AdamOptimizer,
  encoderParamShapes,
  initBackend,
  initEncoderWeights,
  ParallelGradients,
  resolveEncoderConfig,
  tokenFieldSizes,
  tokenGridLength,
  transformerForwardFlops,
  type BackendName,
  type EncoderConfig,
} from '../src/internal.ts';

export interface EncoderPerfOptions {
  readonly backends: readonly BackendName[];
  /** Timed steps per backend, after the warm-up (cpu gets max(2, steps/10): it is ~50× slower). 100 wasm steps (~7–12 s) measure sustained training, not a burst. */
  readonly steps: number;
  readonly warmupSteps: number;
  readonly config: Readonly<Record<string, unknown>>;
  /** Extra data-parallel worker counts timed on non-cpu backends (besides 1). */
  readonly extraWorkers: readonly number[];
  /** Progress lines (the CLI passes its logger). */
  readonly log?: (line: string) => void;
}

const DEFAULTS: EncoderPerfOptions = Object.freeze({
  backends: ['wasm', 'cpu'] as BackendName[],
  steps: 100,
  warmupSteps: 3,
  config: {},
  extraWorkers: [2],
});

function batchStream(
  seed: number,
  rows: number,
  T: number,
  sizes: number[],
  count: number,
): { tok: Int32Array; amt: Float32Array; y: Float32Array }[] {
  const rng = createRng(seed);
  const base: number[] = [];
  sizes.reduce((a, s) => {
    base.push(a);
    return a + s;
  }, 0);
  return Array.from({ length: count }, () => {
    const tok = new Int32Array(rows * T * sizes.length),
      amt = new Float32Array(rows * T),
      y = new Float32Array(rows);
    for (let i = 0; i < rows * T; i++) {
      for (let f = 0; f < sizes.length; f++) tok[i * sizes.length + f] = base[f] + rng.int(sizes[f]);
      amt[i] = rng.next() < 0.2 ? rng.next() * 5 : 0;
    }
    for (let r = 0; r < rows; r++) y[r] = rng.next() < 0.4 ? Math.exp(3 + rng.normal()) : 0;
    return { tok, amt, y };
  });
}

function matmulPeak(shapes: [number, number, number][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [m, k, n] of shapes) {
    const a = tf.randomNormal([m, k], 0, 1, 'float32', 1),
      b = tf.randomNormal([k, n], 0, 1, 'float32', 2);
    tf.matMul(a, b).dispose();
    let best = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
      best = Math.min(best, performance.now() - t0);
    }
    out[`${m}x${k}x${n}`] = Math.round((2 * m * k * n) / best / 1e4) / 100;
    a.dispose();
    b.dispose();
  }
  return out;
}

async function timeBackend(
  name: BackendName,
  workers: number,
  o: EncoderPerfOptions,
  c: Readonly<EncoderConfig>,
): Promise<Record<string, number>> {
  const T = tokenGridLength(c),
    B = c.batchSize,
    sizes = tokenFieldSizes(c);
  const flopsPerStep = 3 * transformerForwardFlops(c, B);
  const steps = name === 'cpu' ? Math.max(2, Math.round(o.steps / 10)) : o.steps;
  const stream = batchStream(11, B, T, sizes, 4);
  const w = initEncoderWeights(encoderParamShapes(c, 0), c, 1, { positiveRate: 0.4, logMean: 3, logStd: 1 });
  const names = Object.keys(w).sort();
  const vars = names.map((n) =>
    tf.tidy(() => tf.variable(tf.tensor(w[n].values, [...w[n].shape]), true, `perf/${name}/${workers}/${n}`)),
  );
  const opt = new AdamOptimizer(vars, { ...c, totalSteps: steps + o.warmupSteps });
  const engine = await ParallelGradients.create(vars, names, c, workers, name);
  const mask = new Float32Array(B * T).fill(1);
  const step = async (i: number): Promise<tf.Scalar> => {
    const s = stream[i % stream.length];
    const { lossSum, grad } = await engine.lossAndGrads({
      rows: B,
      length: T,
      staticDim: 0,
      tokens: s.tok,
      amount: s.amt,
      mask,
      staticX: new Float32Array(0),
      y: s.y,
    });
    opt.applyFlat(grad);
    grad.dispose();
    return lossSum;
  };
  try {
    for (let i = 0; i < o.warmupSteps; i++) (await step(i)).dispose();
    vars[0].dataSync();
    const load = loadavg()[0];
    const t0 = performance.now(),
      cpu0 = process.cpuUsage();
    let last: tf.Scalar | undefined;
    for (let i = 0; i < steps; i++) {
      last?.dispose();
      last = await step(i);
    }
    last!.dataSync();
    last!.dispose();
    const ms = (performance.now() - t0) / steps;
    const cpu = process.cpuUsage(cpu0);
    // Process CPU time per step as well (all threads): on a shared machine wall time includes waiting for a core.
    const cpuMs = (cpu.user + cpu.system) / 1000 / steps;
    return {
      tokens_per_s: Math.round((B * T) / (ms / 1000)),
      gflops: Math.round((flopsPerStep / ms / 1e6) * 100) / 100,
      ms_per_step: Math.round(ms * 10) / 10,
      cpu_ms_per_step: Math.round(cpuMs * 10) / 10,
      gflops_per_cpu_second: Math.round((flopsPerStep / cpuMs / 1e6) * 100) / 100,
      steps,
      workers,
      // 1-minute load average when timing started (includes this process's own warm-up): above
      // the core count, other processes were competing and the wall-clock figures understate.
      load_before: Math.round(load * 100) / 100,
    };
  } finally {
    await engine.dispose();
    opt.dispose();
    tf.dispose(vars);
  }
}

export async function runEncoderPerf(options: Partial<EncoderPerfOptions> = {}): Promise<Record<string, unknown>> {
  const o = { ...DEFAULTS, ...options };
  const c = resolveEncoderConfig('transformer', o.config);
  const T = tokenGridLength(c),
    B = c.batchSize;
  const backends: Record<string, unknown> = {},
    peaks: Record<string, unknown> = {};
  for (const name of o.backends) {
    try {
      await initBackend(name);
    } catch (e) {
      backends[name] = { error: (e as Error).message };
      continue;
    }
    for (const workers of name === 'cpu' ? [1] : [1, ...o.extraWorkers]) {
      const key = workers === 1 ? name : `${name}+${workers}workers`;
      backends[key] = await timeBackend(name, workers, o, c);
      o.log?.(`perf encoder: ${key} ${JSON.stringify(backends[key])}`);
    }
    peaks[name] = matmulPeak([
      [B * T, c.dModel, 3 * c.dModel],
      [B * T, c.dModel, c.ffnMultiplier * c.dModel],
      [B * T, c.ffnMultiplier * c.dModel, c.dModel],
    ]);
  }
  // The fastest configuration of the first (default) backend and its tokens/s over cpu's, as the must-show reads them.
  const first = Object.entries(backends).filter(
    ([k, v]) => k.split('+')[0] === o.backends[0] && typeof (v as { gflops?: number }).gflops === 'number',
  ) as [string, Record<string, number>][];
  const best = first.sort((a, b) => b[1].gflops - a[1].gflops)[0];
  const cpuTokens = (backends['cpu'] as { tokens_per_s?: number } | undefined)?.tokens_per_s;
  const summary =
    best === undefined
      ? undefined
      : {
          best: best[0],
          gflops: best[1].gflops,
          tokens_per_s: best[1].tokens_per_s,
          x_cpu_tokens: cpuTokens === undefined ? undefined : Math.round((best[1].tokens_per_s / cpuTokens) * 10) / 10,
        };
  return {
    model: 'transformer',
    config: { ...c },
    summary,
    cores: availableParallelism(),
    tokens_per_step: B * T,
    flops_per_step: 3 * transformerForwardFlops(c, B),
    backends,
    matmul_peak_gflops: peaks,
    note: 'gflops = analytic forward+backward FLOPs (3 × forward: dense, attention and head matMuls) / wall time; gflops_per_cpu_second uses process CPU time (all threads); load_before = 1-minute load average when the timing started',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (k: string): string | undefined => {
    const i = process.argv.indexOf(k);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const res = await runEncoderPerf({
    steps: Number(arg('--steps') ?? DEFAULTS.steps),
    config: JSON.parse(arg('--config') ?? '{}') as Record<string, unknown>,
    backends: (arg('--backends') ?? 'wasm,cpu').split(',') as BackendName[],
  });
  console.log(JSON.stringify(res, null, 2));
}
