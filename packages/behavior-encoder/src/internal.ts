// Every name of the package, for its own tests and benchmarks (the public API is index.ts).
export * from './adapters/index.ts';
export * from './kernels/index.ts';
export * from './network/index.ts';
export * from './data/index.ts';
export * from './training/index.ts';
