// @clvlab/synth: the seeded synthetic world, browser-safe (no `node:` import at load;
// packages/core/tests/browser-safe-entries.test.ts). Writing it to files is `@clvlab/synth/node`.
export { SYNTH_DEFAULTS } from './synth-defaults.ts';
export type { SynthOptions } from './synth-defaults.ts';
export { generateSynthetic } from './generate-synthetic.ts';
export { formatIsoUtc } from './format-iso-utc.ts';
export type { SyntheticData, SyntheticEdges, SyntheticTruth } from './synthetic-data.ts';
