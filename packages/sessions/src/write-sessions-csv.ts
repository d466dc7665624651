// Writes `sessions.csv` (docs/architecture.md §File formats):
// customer_id,session,start,end,events,purchases,revenue with start/end in ISO 8601 UTC. Atomic:
// rows go to a temporary file in the target folder, which is renamed over the target only once
// complete, so a crash never leaves half a file.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EventLog } from '@clvlab/events';
import type { SessionTable } from './session-table.ts';

export const SESSIONS_CSV_HEADER = 'customer_id,session,start,end,events,purchases,revenue';

/** Rows buffered before each write: large enough to amortise syscalls, small enough to bound memory. */
const ROWS_PER_WRITE = 8192;

/** Quotes a CSV field when it contains a separator, quote or line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Money without float noise (`0.1 + 0.2` prints as `0.3`), at most 6 decimals. */
function formatMoney(x: number): string {
  return String(Number(x.toFixed(6)));
}

/** Writes the session table of `log` to `path` atomically. Returns the number of rows written. */
export function writeSessionsCsv(path: string, log: EventLog, table: SessionTable): number {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    let chunk: string[] = [SESSIONS_CSV_HEADER];
    const ids = log.customerIds.map(csvField);
    for (let r = 0; r < table.length; r++) {
      chunk.push(
        `${ids[table.customer[r]]},${table.session[r]},${new Date(table.start[r]).toISOString()},` +
          `${new Date(table.end[r]).toISOString()},${table.events[r]},${table.purchases[r]},${formatMoney(table.revenue[r])}`,
      );
      if (chunk.length >= ROWS_PER_WRITE) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw err;
  }
  return table.length;
}
