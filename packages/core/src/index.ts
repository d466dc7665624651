// @clvlab/core: the browser-safe kernel every package may depend on (no `node:` import here).
// Node-only helpers (files, worker threads) are in the `@clvlab/core/node` entry.
export { createRng, hashUnit } from './random.ts';
export type { Rng } from './random.ts';
export { stableStringify } from './stable-stringify.ts';
export { chunkRanges } from './chunk-ranges.ts';
export { resolveOptions } from './resolve-options.ts';
export type { ResolveSettings } from './resolve-options.ts';
export { parseInteger } from './parse-integer.ts';
export type { IntegerRange } from './parse-integer.ts';
export { formatDuration, parseDuration } from './parse-duration.ts';
