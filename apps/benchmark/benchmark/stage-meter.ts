// Wall time, CPU time and peak resident memory of one stage of the scale suite (perf-scale.ts).
// Most stages are one long synchronous call, during which a timer on the main thread never
// fires, so the 50 ms RSS sampler runs in a small worker thread of its own (RSS is per process)
// and keeps the running maximum in shared memory. On Linux the kernel's own high-water mark
// (VmHWM in /proc/self/status, reset by writing 5 to /proc/self/clear_refs) is read as well: it
// misses no spike between two samples. The peak is the larger of the two, and it includes
// whatever earlier stages still hold (rss_start_mb says how much that was).
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface StageFigures {
  readonly wall_s: number;
  /** User + system CPU seconds of the whole process (worker threads included). */
  readonly cpu_s: number;
  /** Peak RSS during the stage (MB = 10^6 bytes), including what earlier stages still hold. */
  readonly peak_rss_mb: number;
  readonly rss_start_mb: number;
  readonly rss_end_mb: number;
}

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Int32Array(workerData.buffer);
setInterval(() => {
  const kb = Math.round(process.memoryUsage.rss() / 1024);
  if (kb > Atomics.load(peak, 0)) Atomics.store(peak, 0, kb);
}, workerData.intervalMs);
`;

const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** VmHWM in bytes, or null where /proc/self/status has none. */
function highWaterMark(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS; false where the kernel does not allow it. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

export class StageMeter {
  private readonly peakKb = new Int32Array(new SharedArrayBuffer(4));
  private readonly sampler: Worker;
  /** How the peak is measured (for the suite's notes). */
  readonly method: string;
  private readonly hwm: boolean;

  constructor(intervalMs = 50) {
    this.sampler = new Worker(SAMPLER, { eval: true, workerData: { buffer: this.peakKb.buffer, intervalMs } });
    this.sampler.unref();
    this.hwm = resetHighWaterMark() && highWaterMark() !== null;
    this.method = `max of a ${intervalMs} ms process.memoryUsage.rss() sampler (worker thread)${this.hwm ? ' and the kernel high-water mark VmHWM (reset per stage through /proc/self/clear_refs)' : ''}`;
  }

  /** Runs `fn` as one stage and returns its figures together with what `fn` returned. */
  async measure<T>(fn: () => Promise<T> | T): Promise<{ figures: StageFigures; value: T }> {
    (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: rss_start is what is still live, not garbage of the last stage
    const start = process.memoryUsage.rss();
    Atomics.store(this.peakKb, 0, Math.round(start / 1024));
    if (this.hwm) resetHighWaterMark();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await fn();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const end = process.memoryUsage.rss();
    const peak = Math.max(Atomics.load(this.peakKb, 0) * 1024, end, (this.hwm ? highWaterMark() : null) ?? 0);
    return {
      value,
      figures: {
        wall_s: round3(wall),
        cpu_s: round3((cpu.user + cpu.system) / 1e6),
        peak_rss_mb: mb(peak),
        rss_start_mb: mb(start),
        rss_end_mb: mb(end),
      },
    };
  }

  async close(): Promise<void> {
    await this.sampler.terminate();
  }
}
