// Writes `sessions.csv` (docs/architecture.md §File formats):
// customer_id,session,start,end,events,purchases,revenue with start/end in ISO 8601 UTC. Atomic
// (core's writeFileAtomic): rows stream in blocks to a temporary file that replaces the target
// only once complete, so a crash never leaves half a file.
import { writeFileAtomic } from '@clvlab/core/node';
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
  writeFileAtomic(path, sessionRows(log, table));
  return table.length;
}

/** The CSV text in blocks of ROWS_PER_WRITE rows, header first. */
function* sessionRows(log: EventLog, table: SessionTable): Generator<string> {
  let chunk: string[] = [SESSIONS_CSV_HEADER];
  const ids = log.customerIds.map(csvField);
  for (let r = 0; r < table.length; r++) {
    chunk.push(
      `${ids[table.customer[r]]},${table.session[r]},${new Date(table.start[r]).toISOString()},` +
        `${new Date(table.end[r]).toISOString()},${table.events[r]},${table.purchases[r]},${formatMoney(table.revenue[r])}`,
    );
    if (chunk.length >= ROWS_PER_WRITE) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('\n') + '\n';
}
