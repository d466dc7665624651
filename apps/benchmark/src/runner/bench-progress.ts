// Progress of a benchmark run. On a terminal: an overall bar with ETA plus one line per
// running cell (cli-progress MultiBar). Elsewhere (CI, pipes, --json): a plain line every
// few seconds and one per finished cell, so logs stay readable and bounded.
import cliProgress from 'cli-progress';

export const DEFAULT_PROGRESS = Object.freeze({
  /** Seconds between plain status lines when not on a terminal (CI logs stay short). */
  plainIntervalSeconds: 10,
});

interface Running {
  readonly started: number;
  fraction: number;
  message: string;
  bar?: cliProgress.SingleBar;
}

export class BenchProgress {
  private readonly running = new Map<string, Running>();
  private multi: cliProgress.MultiBar | null = null;
  private overall: cliProgress.SingleBar | null = null;
  private timer: NodeJS.Timeout | null = null;
  private total = 0;
  private done = 0;
  private reused = 0;
  private t0 = Date.now();

  constructor(
    private readonly interactive: boolean,
    private readonly log: (line: string) => void,
  ) {}

  start(total: number, reused: number): void {
    this.total = total;
    this.reused = reused;
    this.done = reused;
    this.t0 = Date.now();
    this.log(`bench: ${total} cells, ${reused} reused from earlier runs, ${total - reused} to run`);
    if (this.interactive) {
      this.multi = new cliProgress.MultiBar(
        {
          clearOnComplete: false,
          hideCursor: true,
          format: '{bar} {percentage}% | {value}/{total} | ETA {eta_formatted} | {label}',
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      );
      this.overall = this.multi.create(total, reused, { label: 'all cells' });
    } else {
      this.timer = setInterval(() => this.plainStatus(), DEFAULT_PROGRESS.plainIntervalSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Adds cells planned after start (a later tuning rung): `total` more, `reused` of them already stored. */
  extend(total: number, reused: number): void {
    this.total += total;
    this.reused += reused;
    this.done += reused;
    this.overall?.setTotal(this.total);
    this.overall?.update(this.done);
    this.log(`bench: ${total} more cells (next tuning rung), ${reused} reused`);
  }

  cellStarted(label: string): void {
    const r: Running = { started: Date.now(), fraction: 0, message: 'starting' };
    if (this.multi) r.bar = this.multi.create(100, 0, { label });
    this.running.set(label, r);
  }

  cellProgress(label: string, fraction: number, message: string): void {
    const r = this.running.get(label);
    if (!r) return;
    r.fraction = Math.max(0, Math.min(1, fraction));
    r.message = message;
    r.bar?.update(Math.round(r.fraction * 100), { label: `${label} ${message}` });
  }

  cellDone(label: string, wallMs: number, failed = false): void {
    const r = this.running.get(label);
    if (r?.bar) this.multi?.remove(r.bar);
    this.running.delete(label);
    this.done++;
    if (this.overall) this.overall.update(this.done);
    else
      this.log(
        `bench: [${this.done}/${this.total}] ${label} ${failed ? 'failed' : `done in ${(wallMs / 1000).toFixed(1)} s`}`,
      );
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.multi?.stop();
    this.multi = null;
  }

  private plainStatus(): void {
    const ran = this.done - this.reused;
    const elapsed = (Date.now() - this.t0) / 1000;
    const eta = ran > 0 ? ((this.total - this.done) * elapsed) / ran : NaN;
    const now = Date.now();
    const cells = [...this.running]
      .map(([l, r]) => {
        // Per-cell ETA from its own progress (linear extrapolation), shown once it has moved.
        const left = r.fraction > 0 ? (((now - r.started) / 1000) * (1 - r.fraction)) / r.fraction : NaN;
        return `${l} ${Math.round(r.fraction * 100)}%${Number.isFinite(left) ? ` (~${left.toFixed(0)} s left)` : ''}`;
      })
      .join(', ');
    this.log(
      `bench: ${this.done}/${this.total} cells, ${elapsed.toFixed(0)} s elapsed, ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'}; running: ${cells || 'none'}`,
    );
  }
}
