// @clvlab/trees/node: the Node-only half of the package, the fitters whose histograms are built
// on worker threads (@clvlab/core's pool). The package entry (index.ts) stays browser-safe.
export { fitGbdtAsync, fitRandomForestAsync } from './fit-async.ts';
