// Micro-benchmark (not a test): evaluate() and the bootstraps at benchmark sizes.
// Run from the repo root: npx tsx packages/metrics/benchmark/bootstrap.ts
import { createRng } from '@clvlab/core';
import { bootstrapIntervals, evaluate, pairedBootstrap } from '../src/index.ts';

function makeCase(n: number, seed: number): { actual: Float64Array; predicted: Float64Array; other: Float64Array } {
  const rng = createRng(seed);
  const actual = new Float64Array(n),
    predicted = new Float64Array(n),
    other = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rate = rng.gamma(0.8);
    actual[i] = rng.poisson(rate) * 25 * rng.gamma(3);
    predicted[i] = Math.round(rate * 200 * Math.exp(0.5 * rng.normal())) / 10;
    other[i] = Math.round(rate * 200 * Math.exp(1.0 * rng.normal())) / 10;
  }
  return { actual, predicted, other };
}

function time(label: string, f: () => unknown, repeats = 3): void {
  f(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} median ${ms[Math.floor(repeats / 2)].toFixed(1)} ms`);
}

for (const n of [2_000, 20_000]) {
  const c = makeCase(n, 1);
  time(`evaluate n=${n}`, () => evaluate({ actual: c.actual, predicted: c.predicted }));
  time(`bootstrapIntervals n=${n} x 1000`, () => bootstrapIntervals({ actual: c.actual, predicted: c.predicted }));
  time(`pairedBootstrap n=${n} x 1000`, () => pairedBootstrap(c.actual, c.predicted, c.other));
}
const big = makeCase(1_000_000, 2);
time('evaluate n=1,000,000', () => evaluate({ actual: big.actual, predicted: big.predicted }), 1);
