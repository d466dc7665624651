// @clvlab/synth/node: the Node-only half (docs/architecture.md §Runtime): writing a synthetic
// world to files, and generating it with the oracle on worker threads. Generating it on one
// thread is in the browser-safe `@clvlab/synth`.
export { writeSynthetic } from './write-synthetic.ts';
export { generateSyntheticParallel, DEFAULT_PARALLEL_SYNTH } from './generate-synthetic-parallel.ts';
export type { ParallelSynthOptions } from './generate-synthetic-parallel.ts';
