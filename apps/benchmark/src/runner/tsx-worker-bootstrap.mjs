// Worker-thread entry that makes TypeScript sources loadable, then imports the real entry
// (workerData.entry, a file URL). Why not `new Worker(x.ts, { execArgv: ['--import', 'tsx'] })`:
// on Node 20 that fails with "Unknown file extension .ts" (the loader hooks are not active
// when the worker's entry is resolved), so the worker registers tsx itself first.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
