// The one pool of worker threads (docs/architecture.md §Runtime), used by the benchmark's cell
// workers, social-graph's source-parallel kernels and the encoder's gradient workers. Workers
// are TypeScript modules that call exposeToPool(api); the pool talks to them through comlink.
//
// - A queue: jobs run in submission order, each on the first idle worker, or on one given
//   worker (`worker: i`), where they run in submission order too. Pinned jobs are what makes
//   forEachChunk deterministic: worker i always runs the same chunks, in the same order.
// - Timeouts: a job over its `timeoutMs` fails, and its worker is terminated and replaced by a
//   fresh one at the same index, so one hung job cannot stall the rest.
// - Death: a worker that crashes or exits fails its current job (and any job pinned to it)
//   with a one-line message instead of leaving the caller waiting forever.
// - `unrefIdle`: workers never keep the process alive while no job is queued or running (a
//   cached pool that is never closed does not block exit).
import type { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { chunkRanges } from './chunk-ranges.ts';
import { POOL_WORKER_MARK, poolEndpoint } from './expose-to-pool.ts';
import { poolSize } from './pool-size.ts';
import { startWorker } from './start-worker.ts';

export interface WorkerPoolOptions<Api, Info> {
  /** The worker module (file URL); it calls exposeToPool(api). */
  readonly entry: URL;
  /** Worker threads; 0 = one per core (poolSize). */
  readonly size?: number;
  /** Prefix of the pool's errors (`package/file`). */
  readonly name?: string;
  /** workerData of every worker. */
  readonly workerData?: Readonly<Record<string, unknown>>;
  /** Runs once in every worker (replacements too) before its first job; gives the slot's `info`. */
  readonly init?: (api: Comlink.Remote<Api>, index: number) => Promise<Info>;
  /** Let the process exit while the pool has no job (workers are unref'd when idle). */
  readonly unrefIdle?: boolean;
  /** Start a `.ts` entry as one bundled module, without tsx (startWorker, bundle-worker.ts). */
  readonly bundle?: boolean;
}

/** One worker as a job sees it. */
export interface PoolSlot<Api, Info = void> {
  readonly index: number;
  readonly api: Comlink.Remote<Api>;
  readonly info: Info;
  /** Keys of data already sent to this worker (a replacement worker starts empty). */
  readonly sent: Set<string>;
}

export interface JobOptions {
  /** Fail the job (and replace its worker) after this many ms; 0 = no limit. */
  readonly timeoutMs?: number;
  /** Run on this worker only (its replacement after a timeout). */
  readonly worker?: number;
}

interface Job<Api, Info> {
  readonly run: (slot: PoolSlot<Api, Info>) => Promise<unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  readonly timeoutMs: number;
  readonly worker: number | undefined;
}

interface Member<Api, Info> {
  readonly index: number;
  readonly worker: Worker;
  readonly init: Promise<Info>;
  slot?: PoolSlot<Api, Info>;
  running: boolean;
  dead: Error | null;
  /** Rejects whatever the member is doing now (init or a job) when it dies. */
  fail?: (e: Error) => void;
}

export class WorkerPool<Api, Info = void> {
  readonly size: number;
  private readonly name: string;
  private readonly members: Member<Api, Info>[] = [];
  private readonly queue: Job<Api, Info>[] = [];
  private readonly ready: Promise<Info[]>;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions<Api, Info>) {
    this.name = options.name ?? 'core/worker-pool';
    const size = options.size ?? 0;
    if (!(Number.isInteger(size) && size >= 0))
      throw new Error(`${this.name}: size must be 0 (one per core) or a positive integer, got ${size}`);
    this.size = poolSize(size);
    for (let i = 0; i < this.size; i++) this.members.push(this.spawn(i));
    this.ready = Promise.all(this.members.map((m) => m.init));
    // Failures surface through submitted jobs and workers(); never as an unhandled rejection.
    this.ready.catch(() => undefined);
    this.refresh();
  }

  /** Resolves when every initial worker has run `init`; gives each worker's info. */
  workers(): Promise<Info[]> {
    return this.ready;
  }

  /** Info of the workers now in the pool (replacements included), once all have started. */
  current(): Promise<Info[]> {
    return Promise.all(this.members.map((m) => m.init));
  }

  /** Queues a job; it runs on the first idle worker (or on `options.worker`). */
  submit<T>(run: (slot: PoolSlot<Api, Info>) => Promise<T>, options: JobOptions = {}): Promise<T> {
    const { timeoutMs = 0, worker } = options;
    if (worker !== undefined && !(Number.isInteger(worker) && worker >= 0 && worker < this.size)) {
      return Promise.reject(new Error(`${this.name}: no worker ${worker} in a pool of ${this.size}`));
    }
    if (this.closed) return Promise.reject(new Error(`${this.name}: closed`));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject, timeoutMs, worker });
      this.pump();
    });
  }

  /**
   * Runs `job` over [0, total) in chunks dealt round-robin (chunkRanges): worker i runs chunks
   * i, i + W, … in order, so per-worker accumulations are the same whatever the timing.
   */
  async forEachChunk(
    total: number,
    chunk: number,
    job: (slot: PoolSlot<Api, Info>, from: number, to: number) => Promise<void>,
  ): Promise<void> {
    const plan = chunkRanges(total, chunk, this.size);
    await Promise.all(
      plan.flatMap((ranges, w) =>
        ranges.map(([from, to]) => this.submit((slot) => job(slot, from, to), { worker: w })),
      ),
    );
  }

  /** Terminates every worker (queued jobs are rejected). */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error(`${this.name}: closed`);
    for (const job of this.queue.splice(0)) job.reject(closed);
    await Promise.all(
      this.members.map((m) => {
        m.dead ??= closed;
        // An unref'd (idle) worker does not hold the event loop, so the loop could end before
        // terminate() settles and take the caller's continuation with it (`await close()` then
        // never returns: ingest --edges printed nothing and exited 0). Hold it until it exits;
        // refresh() leaves a closed pool's refs alone (a first worker's exit must not unref the rest).
        m.worker.ref();
        return m.worker.terminate();
      }),
    );
  }

  private spawn(index: number): Member<Api, Info> {
    const worker = startWorker(this.options.entry, {
      workerData: { ...this.options.workerData, [POOL_WORKER_MARK]: true },
      bundle: this.options.bundle,
    });
    let resolveInit!: (info: Info) => void, rejectInit!: (e: unknown) => void;
    const init = new Promise<Info>((res, rej) => {
      resolveInit = res;
      rejectInit = rej;
    });
    init.catch(() => undefined);
    const m: Member<Api, Info> = { index, worker, init, running: false, dead: null };
    const onDeath = (e: Error): void => {
      m.dead ??= e;
      m.fail?.(e);
      this.pump();
    };
    worker.on('error', (e) => onDeath(new Error(`${this.name}: worker ${index} crashed: ${e.message}`)));
    worker.on('exit', (code) => onDeath(new Error(`${this.name}: worker ${index} exited with code ${code}`)));
    const api = Comlink.wrap<Api>(poolEndpoint(worker));
    this.guard(m, this.options.init ? this.options.init(api, index) : Promise.resolve(undefined as Info)).then(
      (info) => {
        m.slot = { index, api, info, sent: new Set() };
        resolveInit(info);
        this.pump();
      },
      (e: unknown) => {
        // A worker whose set-up failed takes no job: it counts as dead.
        m.dead ??= e instanceof Error ? e : new Error(String(e));
        void worker.terminate();
        rejectInit(e);
        this.pump();
      },
    );
    return m;
  }

  private guard<T>(m: Member<Api, Info>, p: Promise<T>): Promise<T> {
    if (m.dead) return Promise.reject(m.dead);
    return new Promise<T>((resolve, reject) => {
      m.fail = reject;
      // Clear only our own rejecter: a later guard on the same member may already own it.
      p.then(resolve, reject).finally(() => {
        if (m.fail === reject) m.fail = undefined;
      });
    });
  }

  private runOn(m: Member<Api, Info>, job: Job<Api, Info>): void {
    m.running = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (job.timeoutMs > 0) {
      timer = setTimeout(() => {
        const e = new Error(
          `${this.name}: job exceeded its time limit of ${(job.timeoutMs / 1000).toFixed(0)} s; worker ${m.index} was replaced`,
        );
        m.dead ??= e;
        m.fail?.(e);
        void m.worker.terminate();
        if (!this.closed) this.members[m.index] = this.spawn(m.index);
      }, job.timeoutMs);
    }
    this.guard(m, job.run(m.slot!))
      .then(job.resolve, job.reject)
      .finally(() => {
        clearTimeout(timer);
        m.running = false;
        this.pump();
      });
  }

  private pump(): void {
    for (let q = 0; q < this.queue.length;) {
      const job = this.queue[q];
      const m =
        job.worker === undefined ? this.members.find((x) => !x.running && !x.dead && x.slot) : this.members[job.worker];
      if (m && job.worker !== undefined && m.dead) {
        this.queue.splice(q, 1);
        job.reject(m.dead);
      } else if (m && !m.running && !m.dead && m.slot) {
        this.queue.splice(q, 1);
        this.runOn(m, job);
      } else {
        q++;
      }
    }
    if (this.queue.length > 0 && this.members.every((m) => m.dead)) {
      for (const job of this.queue.splice(0)) job.reject(this.members[0].dead);
    }
    this.refresh();
  }

  /** With unrefIdle: workers hold the process open only while there is work. */
  private refresh(): void {
    if (!this.options.unrefIdle || this.closed) return;
    const active = this.queue.length > 0 || this.members.some((m) => m.running);
    for (const m of this.members) {
      if (active) m.worker.ref();
      else m.worker.unref();
    }
  }
}
