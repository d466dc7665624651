// A fixed pool of benchmark worker threads driven through comlink (docs/architecture.md §Runtime: one pool,
// sized to the cores). Jobs queue in submission order; each idle worker takes the next one.
// A worker that dies (crash, out of memory) fails its current job with a clear message
// instead of leaving the caller waiting forever, and a job that exceeds its time limit has
// its worker terminated and replaced by a fresh one, so one hung model cannot stall a run.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '@clvlab/events';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { CellWorkerApi, WorkerInfo } from './cell-protocol.ts';

export interface PoolSlot {
  readonly index: number;
  readonly api: Comlink.Remote<CellWorkerApi>;
  readonly info: WorkerInfo;
  /** Ids of datasets already sent to this worker (a replacement worker starts empty). */
  readonly datasets: Set<string>;
}

type Job = { run: (slot: PoolSlot) => Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void; timeoutMs: number };

interface Member {
  readonly index: number;
  readonly worker: Worker;
  readonly init: Promise<WorkerInfo>;
  slot?: PoolSlot;
  busy: boolean;
  dead: Error | null;
  fail?: (e: Error) => void;
}

export class WorkerPool {
  readonly size: number;
  private readonly members: Member[] = [];
  private readonly queue: Job[] = [];
  private readonly ready: Promise<WorkerInfo[]>;
  private closed = false;

  constructor(size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`benchmark/worker-pool: size must be a positive integer, got ${size}`);
    this.size = size;
    const started: Promise<WorkerInfo>[] = [];
    for (let i = 0; i < size; i++) {
      const { member, init } = this.spawn(i);
      this.members.push(member);
      started.push(init);
    }
    this.ready = Promise.all(started);
    // Failures surface through submitted jobs and workers(); never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Resolves when every initial worker has set up its backend; gives each worker's facts. */
  workers(): Promise<WorkerInfo[]> {
    return this.ready;
  }

  /** Facts of the workers now in the pool (replacements included), once all have started. */
  current(): Promise<WorkerInfo[]> {
    return Promise.all(this.members.map((m) => m.init));
  }

  /** Queues a job; it runs on the first idle worker, failing after `timeoutMs` (0 = no limit). */
  submit<T>(run: (slot: PoolSlot) => Promise<T>, timeoutMs = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject, timeoutMs });
      this.pump();
    });
  }

  /** Terminates every worker (pending jobs are rejected). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('benchmark/worker-pool: closed'));
    await Promise.all(this.members.map((m) => { m.dead ??= new Error('benchmark/worker-pool: closed'); return m.worker.terminate(); }));
  }

  private spawn(index: number): { member: Member; init: Promise<WorkerInfo> } {
    const worker = startTsWorker(new URL('./cell-worker.ts', import.meta.url));
    let resolveInit!: (info: WorkerInfo) => void, rejectInit!: (e: unknown) => void;
    const initP = new Promise<WorkerInfo>((res, rej) => { resolveInit = res; rejectInit = rej; });
    initP.catch(() => undefined);
    const m: Member = { index, worker, init: initP, busy: true, dead: null };
    const onDeath = (e: Error): void => {
      m.dead ??= e;
      m.fail?.(e);
      this.pump();
    };
    worker.on('error', (e) => onDeath(new Error(`benchmark/worker-pool: worker ${index} crashed: ${e.message}`)));
    worker.on('exit', (code) => onDeath(new Error(`benchmark/worker-pool: worker ${index} exited with code ${code}`)));
    void (async () => {
      const api = Comlink.wrap<CellWorkerApi>(nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]));
      const info = await this.guard(m, api.init());
      m.slot = { index, api, info, datasets: new Set() };
      m.busy = false;
      this.pump();
      return info;
    })().then(resolveInit, rejectInit);
    return { member: m, init: initP };
  }

  private guard<T>(m: Member, p: Promise<T>): Promise<T> {
    if (m.dead) return Promise.reject(m.dead);
    return new Promise<T>((resolve, reject) => {
      m.fail = reject;
      // Clear only our own rejecter: a later guard on the same member may already own the slot.
      p.then(resolve, reject).finally(() => { if (m.fail === reject) m.fail = undefined; });
    });
  }

  private runOn(m: Member, job: Job): void {
    m.busy = true;
    let timer: NodeJS.Timeout | undefined;
    if (job.timeoutMs > 0) {
      timer = setTimeout(() => {
        const e = new Error(`benchmark/worker-pool: job exceeded its time limit of ${(job.timeoutMs / 1000).toFixed(0)} s; worker ${m.index} was replaced`);
        m.dead ??= e;
        m.fail?.(e);
        void m.worker.terminate();
        if (!this.closed) this.members[m.index] = this.spawn(m.index).member;
      }, job.timeoutMs);
    }
    this.guard(m, job.run(m.slot!))
      .then(job.resolve, job.reject)
      .finally(() => {
        clearTimeout(timer);
        m.busy = false;
        this.pump();
      });
  }

  private pump(): void {
    for (const m of this.members) {
      if (this.queue.length === 0) return;
      if (m.busy || m.dead || !m.slot) continue;
      this.runOn(m, this.queue.shift()!);
    }
    if (this.queue.length > 0 && this.members.every((m) => m.dead)) {
      for (const job of this.queue.splice(0)) job.reject(this.members[0].dead);
    }
  }
}
