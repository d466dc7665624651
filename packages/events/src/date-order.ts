// Day/month order of slash dates (`12/1/2010 8:26` in the UCI original is month/day; other
// exports write day/month). Detection reads the whole date column once (a streaming pre-pass,
// bounded memory): a first component above 12 proves day/month, a second above 12 proves
// month/day. Rule when the file proves neither: month/day (the order of the UCI original),
// and the report says the order was assumed. When it proves both, the order with more proof
// wins and rows invalid under it are rejected as `bad-date`.
import { parseIsoDate, parseSlashParts, utcMs } from './parse-fields.ts';
import { scanFile } from './scan-file.ts';

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

export interface DateOrderDecision {
  order: DateOrder;
  /** How it was decided: given, detected, or assumed (ambiguous). */
  how: 'given' | 'detected' | 'assumed';
  /** Rows proving day/month and month/day. */
  dayFirstRows: number;
  monthFirstRows: number;
}

/** Parses an ISO or slash date-time field under `order` (ISO fields ignore the order). */
export function parseOrderedDate(buf: Uint8Array, s: number, e: number, order: DateOrder, parts: Int32Array): number {
  if (e - s >= 10 && buf[s + 4] === 45) return parseIsoDate(buf, s, e);
  if (!parseSlashParts(buf, s, e, parts)) return NaN;
  const month = order === 'dmy' ? parts[1] : parts[0];
  const day = order === 'dmy' ? parts[0] : parts[1];
  return utcMs(parts[2], month, day, parts[3], parts[4], parts[5]);
}

/**
 * Scans the date column of a comma CSV for proof of the order. The column is the one named
 * `header` in the first row, or field `fallback` when the first row is not a header.
 */
export async function detectDateOrder(path: string, header: string, fallback: number): Promise<DateOrderDecision> {
  let dayFirst = 0,
    monthFirst = 0,
    slashRows = 0,
    col = -1;
  const parts = new Int32Array(6);
  const decoder = new TextDecoder();
  await scanFile(path, 'comma', (row) => {
    if (col < 0) {
      for (let k = 0; k < row.count && k < row.start.length; k++) {
        if (decoder.decode(row.buf.subarray(row.start[k], row.end[k])).trim().toLowerCase() === header.toLowerCase())
          col = k;
      }
      if (col >= 0) return; // header row
      col = fallback;
    }
    if (col >= row.count) return;
    if (parseSlashParts(row.buf, row.start[col], row.end[col], parts)) {
      slashRows++;
      if (parts[0] > 12 && parts[1] <= 12) dayFirst++;
      if (parts[1] > 12 && parts[0] <= 12) monthFirst++;
    }
  });
  const counts = { dayFirstRows: dayFirst, monthFirstRows: monthFirst };
  if (slashRows === 0) return { order: 'ymd', how: 'detected', ...counts };
  if (dayFirst === 0 && monthFirst === 0) return { order: 'mdy', how: 'assumed', ...counts };
  return { order: dayFirst > monthFirst ? 'dmy' : 'mdy', how: 'detected', ...counts };
}
