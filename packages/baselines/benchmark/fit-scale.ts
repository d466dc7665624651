// Scale benchmark (not a test): BG/NBD and Gamma-Gamma fits on 1,000,000 synthetic customers
// drawn from the BG/NBD generative model (Fader, Hardie & Lee 2005 §2) with Gamma-Gamma
// spend (Fader & Hardie 2013), seeded. Target: each fit ≤ 10 s on 2 cores.
// Run: npx tsx packages/baselines/benchmark/fit-scale.ts [customers] [seed]
import { createRng, parseInteger } from '@clvlab/core';
import { fitBgNbd, fitGammaGamma } from '../src/index.ts';

const n = parseInteger(process.argv[2] ?? '1000000', { min: 1, where: 'fit-scale: customers' });
const seed = parseInteger(process.argv[3] ?? '7', { where: 'fit-scale: seed' });
const TRUE = { r: 0.25, alpha: 4, a: 0.8, b: 2.5, p: 6, q: 4, gamma: 15 };
const rng = createRng(seed);
const frequency = new Float64Array(n),
  recency = new Float64Array(n),
  T = new Float64Array(n),
  monetary = new Float64Array(n);
let t0 = performance.now();
for (let i = 0; i < n; i++) {
  const lambda = rng.gamma(TRUE.r) / TRUE.alpha;
  const g1 = rng.gamma(TRUE.a),
    g2 = rng.gamma(TRUE.b);
  const p = g1 / (g1 + g2);
  // T in whole days over a 39-week calibration window, expressed in weeks (like CDNOW)
  const Ti = Math.floor(rng.next() * 273) / 7;
  let t = 0,
    x = 0,
    tx = 0;
  for (;;) {
    t += rng.exponential() / lambda;
    if (t > Ti) break;
    x++;
    tx = t;
    if (rng.next() < p) break;
  }
  frequency[i] = x;
  recency[i] = tx;
  T[i] = Ti;
  if (x > 0) {
    const nu = rng.gamma(TRUE.q) / TRUE.gamma;
    monetary[i] = rng.gamma(TRUE.p * x) / (nu * x);
  }
}
const genMs = performance.now() - t0;
t0 = performance.now();
const bg = fitBgNbd({ frequency, recency, T });
const bgMs = performance.now() - t0;
t0 = performance.now();
const gg = fitGammaGamma({ frequency, monetary });
const ggMs = performance.now() - t0;
const fmt = (o: Record<string, number>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v.toFixed(4)}`)
    .join(' ');
console.log(
  JSON.stringify(
    {
      customers: n,
      seed,
      generate_ms: Math.round(genMs),
      bgnbd: {
        ms: Math.round(bgMs),
        iterations: bg.iterations,
        params: fmt({ ...bg.params }),
        truth: fmt({ r: TRUE.r, alpha: TRUE.alpha, a: TRUE.a, b: TRUE.b }),
      },
      gamma_gamma: {
        ms: Math.round(ggMs),
        iterations: gg.iterations,
        repeat_buyers: gg.nCustomers,
        params: fmt({ ...gg.params }),
        truth: fmt({ p: TRUE.p, q: TRUE.q, gamma: TRUE.gamma }),
      },
    },
    null,
    1,
  ),
);
