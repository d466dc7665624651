// Entry point of one benchmark worker thread (started by cell-pool.ts on the core pool). It sets
// up its own TensorFlow.js backend, keeps the SEALED datasets the main thread sent it (events
// before the cutoff only, typed arrays over SharedArrayBuffer, so no copy), and runs one cell at
// a time: build the model by spec, run it on the sealed task of the cell's seed (sealed-task.ts),
// and send back the predictions. It never sees a test label and never writes files.
import { readFileSync } from 'node:fs';
import { parentPort, threadId } from 'node:worker_threads';
import { exposeToPool, transfer as transferResult } from '@clvlab/core/node';
import type { CellRequest, CellResult, CellWorkerApi, ProgressFn, WorkerInfo } from './cell-protocol.ts';
import { sealedTask, type SealedPayload } from './sealed-task.ts';
import { initTfjsBackend } from '../models/tfjs-backend.ts';
import { createModel, isBuiltInModel } from '../models/model-registry.ts';
import { loadPlugins } from '../models/plugin-models.ts';

if (!parentPort) throw new Error('benchmark/cell-worker: must run inside a worker thread');

const datasets = new Map<string, SealedPayload>();
let backend = 'none';

/** CPU ms of this OS thread (utime + stime from /proc/thread-self/stat, 100 Hz ticks). */
function threadCpuMs(): { ms: number; scope: 'thread' | 'process' } {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11], fields[12] are utime, stime (fields 14, 15 of proc(5), counting from 1).
    return { ms: (Number(fields[11]) + Number(fields[12])) * 10, scope: 'thread' };
  } catch {
    const u = process.cpuUsage();
    return { ms: (u.user + u.system) / 1000, scope: 'process' };
  }
}

/** Keeps scalars, short arrays and small objects of a model's info; drops large arrays. */
function jsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (ArrayBuffer.isView(value)) {
    const arr = Array.from(value as unknown as ArrayLike<number>);
    return arr.length <= 64 ? arr.map((x) => jsonSafe(x, depth + 1)) : `[${arr.length} values omitted]`;
  }
  if (Array.isArray(value))
    return value.length <= 64 ? value.map((x) => jsonSafe(x, depth + 1)) : `[${value.length} values omitted]`;
  if (typeof value === 'object' && depth < 4) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (typeof v !== 'function') out[k] = jsonSafe(v, depth + 1);
    return out;
  }
  return String(value);
}

const api: CellWorkerApi = {
  async init(): Promise<WorkerInfo> {
    const b = await initTfjsBackend();
    backend = b.backend;
    return { threadId, backend: b.backend, tfjsVersion: b.version };
  },
  async loadDataset(payload: SealedPayload): Promise<void> {
    datasets.set(payload.id, payload);
  },
  async runCell(request: CellRequest, progress: ProgressFn): Promise<CellResult> {
    const ds = datasets.get(request.datasetId);
    if (!ds) throw new Error(`benchmark/cell-worker: dataset '${request.datasetId}' was not loaded in this worker`);
    if (request.plugins?.length) await loadPlugins(request.plugins, isBuiltInModel);
    const model = createModel(request.model, ds, request.config);
    let peakHeap = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 50);
    let lastSent = 0;
    const throttled: ProgressFn = (f, m) => {
      const now = Date.now();
      if (now - lastSent >= 250 || f >= 1) {
        lastSent = now;
        void progress(f, m);
      }
    };
    const cpu0 = threadCpuMs();
    const t0 = performance.now();
    try {
      const out = await model.run(sealedTask(ds, request.split, request.seed, throttled));
      const n = request.split.customers.length;
      if (out.value.length !== n || out.repurchase.length !== n) {
        throw new Error(
          `benchmark/cell-worker: model '${request.model}' returned ${out.value.length} values for ${n} cohort customers`,
        );
      }
      const wallMs = performance.now() - t0;
      const cpu1 = threadCpuMs();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      const info = (out.info ?? {}) as Record<string, unknown>;
      const result: CellResult = {
        value: Float64Array.from(out.value),
        repurchase: Float64Array.from(out.repurchase),
        info: jsonSafe(info) as Record<string, unknown>,
        embedding:
          out.embedding && out.embedding.data.length === out.embedding.dim * n
            ? { dim: out.embedding.dim, data: Float32Array.from(out.embedding.data) }
            : undefined,
        wallMs,
        cpuMs: cpu1.ms - cpu0.ms,
        cpuScope: cpu1.scope,
        peakHeapBytes: peakHeap,
        backend,
      };
      const transfer: ArrayBuffer[] = [result.value.buffer as ArrayBuffer, result.repurchase.buffer as ArrayBuffer];
      if (result.embedding) transfer.push(result.embedding.data.buffer as ArrayBuffer);
      return transferResult(result, transfer);
    } finally {
      clearInterval(sampler);
    }
  },
};

if (!exposeToPool(api)) throw new Error('benchmark/cell-worker: must be started by the cell pool');
