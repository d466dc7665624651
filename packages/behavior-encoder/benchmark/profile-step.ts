// Where one training step of the default `transformer` spends its time (issue 5 §8): times N
// steps (wall and process CPU), then runs one step under tf.profile and prints the kernels by
// total time, by name and by name + input shapes. On wasm every kernel is synchronous, so
// tf.profile's kernelTimeMs is the kernel's own wall time. Rows named `forward` and
// `fusedMatMul__op` wrap the kernels inside a custom-gradient op or a fused matMul and are
// counted again by their inner kernels; the flat total is the sum without them.
// Run: npx tsx packages/behavior-encoder/benchmark/profile-step.ts [wasm|cpu] [steps]
import * as tf from '@tensorflow/tfjs';
import { createRng, parseInteger } from '@clvlab/core';
import {
  AdamOptimizer,
  encoderParamShapes,
  initBackend,
  initEncoderWeights,
  ParallelGradients,
  resolveEncoderConfig,
  tokenFieldSizes,
  tokenGridLength,
  type BackendName,
} from '../src/internal.ts';

const WRAPPERS = new Set(['forward', 'fusedMatMul__op']);

/** Profiles one step after `steps` timed ones; returns the printed lines. */
export async function profileEncoderStep(backend: BackendName = 'wasm', steps = 10): Promise<string[]> {
  await initBackend(backend);
  const c = resolveEncoderConfig('transformer', {});
  const T = tokenGridLength(c),
    B = c.batchSize,
    sizes = tokenFieldSizes(c);
  const rng = createRng(11);
  const base: number[] = [];
  sizes.reduce((a, s) => {
    base.push(a);
    return a + s;
  }, 0);
  const tokens = new Int32Array(B * T * sizes.length),
    amount = new Float32Array(B * T),
    y = new Float32Array(B);
  for (let i = 0; i < B * T; i++) {
    for (let f = 0; f < sizes.length; f++) tokens[i * sizes.length + f] = base[f] + rng.int(sizes[f]);
    amount[i] = rng.next() < 0.2 ? rng.next() * 5 : 0;
  }
  for (let r = 0; r < B; r++) y[r] = rng.next() < 0.4 ? Math.exp(3 + rng.normal()) : 0;
  const w = initEncoderWeights(encoderParamShapes(c, 0), c, 1, { positiveRate: 0.4, logMean: 3, logStd: 1 });
  const names = Object.keys(w).sort();
  const vars = names.map((n) =>
    tf.tidy(() => tf.variable(tf.tensor(w[n].values, [...w[n].shape]), true, `profile/${backend}/${n}`)),
  );
  const opt = new AdamOptimizer(vars, { ...c, totalSteps: steps + 10 });
  const engine = await ParallelGradients.create(vars, names, c, 1, backend);
  const mask = new Float32Array(B * T).fill(1);
  const step = async (): Promise<void> => {
    const { lossSum, grad } = await engine.lossAndGrads({
      rows: B,
      length: T,
      staticDim: 0,
      tokens,
      amount,
      mask,
      staticX: new Float32Array(0),
      y,
    });
    opt.applyFlat(grad);
    grad.dispose();
    lossSum.dataSync();
    lossSum.dispose();
  };
  const lines: string[] = [];
  try {
    for (let i = 0; i < 3; i++) await step();
    const t0 = performance.now(),
      cpu0 = process.cpuUsage();
    for (let i = 0; i < steps; i++) await step();
    const cpu = process.cpuUsage(cpu0);
    lines.push(
      `${backend}: ${((performance.now() - t0) / steps).toFixed(1)} ms/step wall, ${((cpu.user + cpu.system) / 1000 / steps).toFixed(1)} ms/step CPU`,
    );
    const prof = await tf.profile(step);
    const byName = new Map<string, number>(),
      byShape = new Map<string, { ms: number; n: number }>();
    let flat = 0;
    for (const k of prof.kernels) {
      const ms = k.kernelTimeMs as number;
      if (!WRAPPERS.has(k.name)) flat += ms;
      byName.set(k.name, (byName.get(k.name) ?? 0) + ms);
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const e = byShape.get(key) ?? { ms: 0, n: 0 };
      e.ms += ms;
      e.n++;
      byShape.set(key, e);
    }
    lines.push(`profiled step: ${prof.kernels.length} kernels, ${flat.toFixed(1)} ms in kernels (wrappers excluded)`);
    for (const [n, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 20))
      lines.push(`${ms.toFixed(1).padStart(7)} ms  ${n}`);
    lines.push('--- by kernel and input shapes');
    for (const [n, e] of [...byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
      lines.push(`${e.ms.toFixed(2).padStart(7)} ms  x${e.n} ${n}`);
  } finally {
    await engine.dispose();
    opt.dispose();
    tf.dispose(vars);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await profileEncoderStep(
    (process.argv[2] ?? 'wasm') as BackendName,
    parseInteger(process.argv[3] ?? '10', { min: 1, where: 'profile-step: steps' }),
  );
  console.log(lines.join('\n'));
}
