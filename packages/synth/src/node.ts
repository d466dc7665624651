// @clvlab/synth/node: the Node-only half (docs/architecture.md §Runtime): writing a synthetic
// world to files. Generating it is in the browser-safe `@clvlab/synth`.
export { writeSynthetic } from './write-synthetic.ts';
