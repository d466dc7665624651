export { SYNTH_DEFAULTS } from './synth-defaults.ts';
export type { SynthOptions } from './synth-defaults.ts';
export { generateSynthetic } from './generate-synthetic.ts';
export { writeSynthetic } from './write-synthetic.ts';
export { formatIsoUtc } from './format-iso-utc.ts';
export type { SyntheticData, SyntheticEdges, SyntheticTruth } from './synthetic-data.ts';
