// Ingest perf suite (`clvlab perf --suite ingest`): a seeded 10M-event generic CSV (written
// once, cached in the OS temp folder) -> readEventLog + 30-minute sessionization, timed
// end-to-end with its peak RSS per event, and the same file read and sessionized by DuckDB
// (read_csv + a lag() window) in the same run as a peer. Each engine runs in its own child
// process so that its peak RSS is its own. Targets (issue 2): ≥ 1M events/s, ≤ 64 B/event.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePerfEvents } from './write-perf-events.ts';

export const DEFAULT_INGEST_PERF = Object.freeze({
  /** The scale: 10M events (~100k customers). */
  events: 10_000_000,
  /** Where the cached CSV lives (regenerated only when missing). */
  dir: tmpdir(),
  /** Progress lines go here (stderr in the CLI). */
  log: (_line: string): void => undefined,
});

const TARGET_EVENTS_PER_SECOND = 1_000_000;
const TARGET_BYTES_PER_EVENT = 64;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./perf-ingest-child.ts', import.meta.url));

function child(engine: 'clvlab' | 'duckdb', file: string): Record<string, number | string | object> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, engine, file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string | object>;
}

export async function runIngestPerf(
  options: Partial<typeof DEFAULT_INGEST_PERF> = {},
): Promise<Record<string, unknown>> {
  const opts = { ...DEFAULT_INGEST_PERF, ...options };
  const file = join(opts.dir, `clvlab-perf-events-${opts.events}-seed2026-v1.csv`);
  let writeSeconds = 0;
  if (!existsSync(file)) {
    opts.log(`perf ingest: writing ${opts.events.toLocaleString('en')} events to ${file} (cached for later runs)`);
    const t0 = performance.now();
    await writePerfEvents(file, opts.events);
    writeSeconds = (performance.now() - t0) / 1000;
  }
  opts.log('perf ingest: clvlab readEventLog + splitSessions (child process)');
  const ours = child('clvlab', file);
  opts.log('perf ingest: DuckDB read_csv + lag() window sessions (child process)');
  const duck = child('duckdb', file);
  const n = Number(ours.events);
  const perEvent = (bytes: number): number => Math.round((bytes / n) * 10) / 10;
  const clvlab = {
    ...ours,
    eventsPerSecond: Math.round(n / Number(ours.seconds)),
    peakBytesPerEvent: perEvent(Number(ours.peakRssBytes)),
    peakBytesPerEventAboveBaseline: perEvent(Number(ours.peakRssBytes) - Number(ours.baselineRssBytes)),
  };
  const duckdb = {
    ...duck,
    eventsPerSecond: Math.round(Number(duck.events) / Number(duck.seconds)),
    peakBytesPerEvent: perEvent(Number(duck.peakRssBytes)),
  };
  return {
    file,
    fileBytes: statSync(file).size,
    writeSeconds,
    events: n,
    clvlab,
    duckdb,
    ratio: {
      throughputVsDuckdb: Math.round((clvlab.eventsPerSecond / duckdb.eventsPerSecond) * 100) / 100,
      peakRssVsDuckdb: Math.round((Number(ours.peakRssBytes) / Number(duck.peakRssBytes)) * 100) / 100,
    },
    sessionsAgree: ours.sessions === duck.sessions,
    targets: { eventsPerSecond: TARGET_EVENTS_PER_SECOND, peakBytesPerEvent: TARGET_BYTES_PER_EVENT },
    met: {
      eventsPerSecond: clvlab.eventsPerSecond >= TARGET_EVENTS_PER_SECOND,
      peakBytesPerEvent: clvlab.peakBytesPerEvent <= TARGET_BYTES_PER_EVENT,
    },
    cores: (await import('node:os')).availableParallelism(),
    node: process.version,
  };
}
