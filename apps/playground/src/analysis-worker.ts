// The page's compute thread: reads the file into an EventLog (kept for re-analysis when the
// cutoff or horizon changes) and runs analyzeLog, so a large file never freezes the page.
import type { EventLog } from '@clvlab/events';
import { analyzeLog } from './analyze-log.ts';
import { defaultCutoff } from './default-cutoff.ts';
import { fileChunks } from './file-chunks.ts';
import { readTransactionsCsv } from './read-transactions-csv.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(m: WorkerReply, transfer?: Transferable[]): void;
};
const post = (m: WorkerReply, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);
let log: EventLog | null = null;

scope.onmessage = (e) => {
  const request = e.data;
  if (request.kind === 'load') void load(request.file, request.strict);
  else analyze(request.cutoff, request.horizonWeeks);
};

async function load(file: File, strict: boolean): Promise<void> {
  log = null;
  try {
    let shown = 0;
    const result = await readTransactionsCsv(fileChunks(file), file.name, {
      strict,
      progress: (bytes) => {
        if (bytes - shown < 4 << 20) return;
        shown = bytes;
        post({ kind: 'progress', message: `reading ${file.name}: ${(bytes / 1048576).toFixed(0)} MB` });
      },
    });
    log = result.log;
    const { first, last } = result.report;
    post({
      kind: 'loaded',
      report: result.report,
      defaultCutoff: Number.isNaN(first) ? NaN : defaultCutoff(first, last),
    });
  } catch (err) {
    post({ kind: 'error', stage: 'load', message: (err as Error).message });
  }
}

function analyze(cutoff: number, horizonWeeks: number): void {
  if (log === null) return post({ kind: 'error', stage: 'analyze', message: 'no file loaded' });
  try {
    const analysis = analyzeLog(log, { cutoff, horizonWeeks, step: (message) => post({ kind: 'progress', message }) });
    const s = analysis.scores;
    const buffers = new Set<ArrayBufferLike>(
      [s.frequency, s.recency, s.T, s.pAlive, s.expected, s.spend, s.actual].map((a) => a.buffer),
    );
    post({ kind: 'analysis', analysis }, [...buffers] as ArrayBuffer[]);
  } catch (err) {
    post({ kind: 'error', stage: 'analyze', message: (err as Error).message });
  }
}
