// The one comlink adapter for worker threads (comlink's node-adapter over a Worker or the
// worker's parentPort), used by the pool on the calling side and by exposeToPool in workers.
// Worker modules call exposeToPool(api); it exposes only inside a thread the pool started,
// so importing a worker module elsewhere (a test runner's own worker, a type import that
// survived) never hijacks that thread's port.
import { parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeAdapter from 'comlink/dist/umd/node-adapter.js';

// The UMD file sets module.exports = nodeEndpoint; its .d.ts says `export default`, which
// NodeNext types as the module namespace, so the callable is cast back. (The .mjs build has
// no declarations NodeNext pairs with it.)
const nodeEndpoint = nodeAdapter as unknown as (typeof nodeAdapter)['default'];

/** workerData key the pool sets on every worker it starts. */
export const POOL_WORKER_MARK = 'clvlabPoolWorker';

/** A comlink endpoint over a worker (calling side) or a worker's parent port (worker side). */
export function poolEndpoint(port: Worker | MessagePort): Comlink.Endpoint {
  return nodeEndpoint(port as unknown as Parameters<typeof nodeEndpoint>[0]);
}

/** Exposes `api` to the pool that started this thread; false (and nothing done) anywhere else. */
export function exposeToPool(api: object): boolean {
  const data = workerData as Record<string, unknown> | null;
  if (!parentPort || data?.[POOL_WORKER_MARK] !== true) return false;
  Comlink.expose(api, poolEndpoint(parentPort));
  return true;
}
