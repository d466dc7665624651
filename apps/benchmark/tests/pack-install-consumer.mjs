// A user of the published packages, run by tests/pack-install.test.ts: plain `node` (no tsx, no
// TypeScript) in a fresh project outside the repository, where the packed tarballs of every
// package are installed. Argument: the CDNOW customer summary CSV (ID,frequency,recency,T in
// weeks). Prints one JSON line.
import { readFileSync } from 'node:fs';
import { createEncoderModel, ENCODER_PRESETS, initBackend } from '@clvlab/behavior-encoder';
import { fitBgNbd } from '@clvlab/baselines';
import { normalizedGini } from '@clvlab/metrics';
import { Fold, prepareDataset } from '@clvlab/sessions';
import { buildGraph, pagerank } from '@clvlab/social-graph';
import { generateSynthetic } from '@clvlab/synth';

const started = performance.now();

// 1. BG/NBD on the CDNOW summary (Fader, Hardie & Lee 2005: r 0.243, alpha 4.414, a 0.793, b 2.426).
const rows = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));
const bgnbd = fitBgNbd({ frequency: rows.map((r) => r[1]), recency: rows.map((r) => r[2]), T: rows.map((r) => r[3]) });

// 2. Normalized Gini of a ranking of ten customers.
const actual = [0, 0, 3, 1, 0, 5, 2, 0, 0, 4];
const predicted = [0.1, 0.4, 2.5, 0.3, 0.2, 3.0, 1.1, 0.05, 0.6, 1.5];
const gini = normalizedGini(actual, predicted);

// 3. PageRank of a five-node directed graph (node 4 isolated, node 3 without in-links).
const graph = buildGraph({ src: [0, 0, 1, 2, 3], dst: [1, 2, 2, 0, 2] }, { nodes: 5, directed: true });
const rank = pagerank(graph);

// 4. A tiny transformer encoder on the wasm backend, with one gradient worker thread (the
//    worker module is started from the package's dist/).
const backend = await initBackend('wasm');
const world = generateSynthetic({ customers: 600, seed: 5 });
const prepared = prepareDataset(world.log, {
  dataset: 'synthetic',
  start: world.start,
  cutoff: world.cutoff,
  horizon: world.horizon,
});
const model = createEncoderModel('transformer', { ...ENCODER_PRESETS.tiny, workers: 2 });
const out = await model.run({ ...prepared, seed: 1 });
const test = Array.from(prepared.split.fold.keys()).filter((i) => prepared.split.fold[i] === Fold.test);
const encoderGini = normalizedGini(
  test.map((i) => prepared.split.score.target[i]),
  test.map((i) => out.value[i]),
);

const packages = [
  'core',
  'core/node',
  'events',
  'events/node',
  'sessions',
  'sessions/node',
  'features',
  'synth',
  'synth/node',
  'metrics',
  'trees',
  'baselines',
  'social-graph',
  'social-graph/node',
  'behavior-encoder',
  'decisions',
];
console.log(
  JSON.stringify({
    bgnbd: {
      params: bgnbd.params,
      logLikelihood: bgnbd.logLikelihood,
      customers: bgnbd.nCustomers,
      converged: bgnbd.converged,
    },
    gini,
    pagerank: { values: Array.from(rank.values), iterations: rank.iterations },
    encoder: {
      backend,
      rows: out.value.length,
      testCustomers: test.length,
      gini: encoderGini,
      first: Array.from(out.value.subarray(0, 3)),
      workers: out.info?.config?.workers ?? null,
    },
    resolved: Object.fromEntries(packages.map((p) => [`@clvlab/${p}`, import.meta.resolve(`@clvlab/${p}`)])),
    node: process.version,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS ?? null,
    seconds: (performance.now() - started) / 1000,
  }),
);
