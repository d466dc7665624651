// Scale benchmark (not a test) for the BTYD family of issue 15: each fitter on N simulated
// customers (default 1,000,000) drawn from its own model with known parameters (generators in
// tests/simulate-btyd.ts, seeded), timing the fit alone (generation excluded) and printing the
// estimates next to the truth, the distinct histories the fitter actually iterates over, and the
// iterations ("rows": distinct histories, covariate rows, or for the dynamic model the
// covariate segments integrated over). Purchase times are on a whole-day grid where the model allows merging identical
// histories (MBG/NBD, GGom/NBD), as dated transactions are; covariate models cannot merge
// (every customer has its own parameters). The dynamic-covariate model uses 13 periods of six
// weeks (its covariate arrays are customers × periods × covariates). fit-scale.ts has the
// BG/NBD and Gamma-Gamma.
// Run: npx tsx packages/baselines/benchmark/fit-scale-btyd-family.ts [customers] [seed] [models, comma-separated]
import {
  fitBgBb,
  fitBgNbdCovariates,
  fitGgomNbd,
  fitMbgNbd,
  fitParetoNbdCovariates,
  fitParetoNbdDynamic,
  fitShiftedBetaGeometric,
  prepareBtydRows,
  prepareDynamicCovariates,
} from '../src/index.ts';
import {
  simulateBgBb,
  simulateBgNbdCovariates,
  simulateGgomNbd,
  simulateMbgNbd,
  simulateParetoNbdCovariates,
  simulateParetoNbdDynamic,
  simulateSbgCohort,
} from '../tests/simulate-btyd.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 7);
const only = process.argv[4]?.split(',');
const fmt = (o: Record<string, number>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`)
    .join(' ');

interface Row {
  model: string;
  fit_ms: number;
  generate_ms: number;
  rows: number;
  iterations: number;
  estimate: string;
  truth: string;
}
const results: Row[] = [];
function run<D>(
  model: string,
  generate: () => D,
  rows: (d: D) => number,
  fit: (d: D) => { params: Record<string, number>; iterations: number; coefficients?: Record<string, number> },
  truth: Record<string, number>,
): void {
  if (only && !only.includes(model)) return;
  let t0 = performance.now();
  const d = generate();
  const generate_ms = Math.round(performance.now() - t0);
  t0 = performance.now();
  const f = fit(d);
  const fit_ms = Math.round(performance.now() - t0);
  const row = {
    model,
    fit_ms,
    generate_ms,
    rows: rows(d),
    iterations: f.iterations,
    estimate: fmt({ ...f.params, ...f.coefficients }),
    truth: fmt(truth),
  };
  results.push(row);
  console.error(JSON.stringify(row));
}

const mbg = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 };
run(
  'mbg-nbd',
  () => simulateMbgNbd(n, mbg, seed, 39, true),
  (d) => prepareBtydRows('bench', d).length,
  (d) => fitMbgNbd(d),
  mbg,
);

const bgbb = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
run(
  'bg-bb',
  () => simulateBgBb(n, bgbb, seed, 6),
  (d) => new Set(d.frequency.map((x, i) => `${x},${d.recency[i]}`)).size,
  (d) => fitBgBb(d),
  bgbb,
);

const sbg = { alpha: 0.7, beta: 1.2 };
run(
  'sbg',
  () => simulateSbgCohort(n, sbg, seed, 12),
  (d) => d.length,
  (d) => fitShiftedBetaGeometric(d),
  sbg,
);

const ggom = { r: 1.5, alpha: 3, b: 0.1, s: 0.5, beta: 2 };
run(
  'ggom-nbd',
  () => simulateGgomNbd(n, ggom, seed, true),
  (d) => prepareBtydRows('bench', d).length,
  (d) => fitGgomNbd(d),
  ggom,
);

const cov = { r: 0.8, alpha: 4, a: 0.8, b: 2.5, trans: [0.4, -0.3], life: [0.8] };
const covTruth = { 'trans.z': 0.4, 'trans.w': -0.3, 'life.z': 0.8 };
run(
  'bgnbd-covariates',
  () => simulateBgNbdCovariates(n, cov, seed),
  (d) => d.data.frequency.length,
  (d) => fitBgNbdCovariates(d.data, d.cov),
  { r: cov.r, alpha: cov.alpha, a: cov.a, b: cov.b, ...covTruth },
);

const pcov = { r: 0.8, alpha: 4, s: 0.6, beta: 20, trans: [0.4, -0.3], life: [0.8] };
run(
  'pareto-nbd-covariates',
  () => simulateParetoNbdCovariates(n, pcov, seed),
  (d) => d.data.frequency.length,
  (d) => fitParetoNbdCovariates(d.data, d.cov),
  { r: pcov.r, alpha: pcov.alpha, s: pcov.s, beta: pcov.beta, ...covTruth },
);

const dyn = { r: 1.2, alpha: 6, s: 0.8, beta: 30, season: 0.7, group: -0.5, seasonLife: 1.0 };
run(
  'pareto-nbd-dynamic',
  () => simulateParetoNbdDynamic(n, dyn, seed, 78, 6),
  (d) => prepareDynamicCovariates('bench', d.histories, d.covariates).segStart.length,
  (d) => fitParetoNbdDynamic(d.histories, d.covariates),
  {
    r: dyn.r,
    alpha: dyn.alpha,
    s: dyn.s,
    beta: dyn.beta,
    'trans.season': dyn.season,
    'trans.group': dyn.group,
    'life.season': dyn.seasonLife,
  },
);

console.log(JSON.stringify({ customers: n, seed, node: process.version, results }, null, 1));
