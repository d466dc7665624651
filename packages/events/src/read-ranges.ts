// Parallel read of one plain (uncompressed) file (issue 16 §2): the file is cut into byte
// ranges at line starts (split-ranges.ts), each parsed straight into its slice of columns
// shared by all (parse-range.ts), and the ranges are merged into what the one-thread read
// would have built, array for array (merge-ranges.ts).
//
// Steps: the pool's workers start (tsx, a few hundred ms) while this thread probes the file's
// head for what its first records tell the reader (the header) and counts the line feeds of
// every range but the last, which give every range its first line number and every range but
// the last an upper bound on its rows (its slice of the columns). The last range's slice is an
// estimate from the counted ranges' bytes per line with a margin (LAST_RANGE_MARGIN): counting
// it too would be one more pass on this thread before any worker may start writing (~0.2 s of
// the 10M-event perf file's ~2 s), and the slots it leaves unwritten are never touched, so they
// cost address space, not memory (the columns stay views, see IngestBuilder.reserveShared). A
// last range with more rows than the estimate (much shorter lines at the end of the file) is
// read again on one thread. Then this thread parses the first range into the builder, exactly as
// the one-thread read would, while worker i parses range i + 1 (as ParallelGradients computes
// slice 0 itself): `workers: n` costs n − 1 worker threads, each ~30 MB of memory, and no
// thread sits idle. The workers are closed before the merge appends their ranges.
//
// Quoted fields may hold line breaks (the tokenizer is RFC 4180), so a range can start inside
// a record. That is detected, not prevented: a range ended on a record boundary exactly when
// its tokenizer has no bytes pending, and by induction from the first range every range then
// started on one. When some range did not, the result is discarded and the caller reads the
// file on one thread (undefined): correct, and for files without such line breaks, never.
// Strict mode keeps the one-thread error: the first failed range after clean ones holds the
// file's first bad row, with its absolute line (the counted line feeds before it).
import { open } from 'node:fs/promises';
import { WorkerPool } from '@clvlab/core/node';
import type { DateOrderDecision } from './date-order.ts';
import type { FormatOptions, FormatSummary, ReaderHead } from './format-reader.ts';
import { hashFile } from './hash-file.ts';
import { IngestBuilder } from './ingest-builder.ts';
import { IngestError } from './ingest-error.ts';
import type { InputFormat } from './make-reader.ts';
import { makeReader } from './make-reader.ts';
import { mergeRanges } from './merge-ranges.ts';
import { parseInto } from './parse-range.ts';
import type { RangeFailure, RangeJob, RangeParse, RangeResult } from './parse-range.ts';
import type { RangeWorkerApi } from './range-worker.ts';
import { countLineFeeds } from './scan-file.ts';
import { splitRanges } from './split-ranges.ts';
import { Tokenizer } from './tokenizer.ts';

/** Bytes of the first range searched for the reader's head (a header line longer than this reads on one thread). */
const HEAD_BYTES = 1 << 20;
/** The last range's row slots: its bytes at the counted ranges' bytes per line, times this, plus LAST_RANGE_SLACK. */
const LAST_RANGE_MARGIN = 1.25;
const LAST_RANGE_SLACK = 1 << 16;

export interface RangeRead {
  summary: FormatSummary;
  sha256: string;
  blankLines: number;
}

/**
 * Reads the plain file `path` (`size` bytes) into `b` on `threads` threads. Undefined when it
 * must be read on one thread instead (fewer than two ranges, no head in the first range, a
 * range starting inside a record); `b` then holds at most its reserved columns.
 */
export async function readRanges(
  path: string,
  size: number,
  format: InputFormat,
  b: IngestBuilder,
  opts: FormatOptions,
  dates: DateOrderDecision | undefined,
  threads: number,
): Promise<RangeRead | undefined> {
  const ranges = await splitRanges(path, size, threads);
  if (ranges.length < 2) return undefined;
  const pool = new WorkerPool<RangeWorkerApi>({
    entry: new URL('./range-worker.ts', import.meta.url),
    size: ranges.length - 1,
    name: 'events/read-ranges',
    unrefIdle: true,
  });
  let first: RangeParse, rest: RangeResult[], offset: number[], columns: RangeJob['columns'];
  let digest: Promise<string> | undefined;
  try {
    const probe = await probeHead(path, format, opts, dates, ranges[0].end);
    if (probe === undefined) return undefined;
    const { head, linesBefore } = probe;
    const capacity: number[] = [],
      feeds: number[] = [];
    let countedBytes = 0,
      countedFeeds = 0;
    for (const r of ranges.slice(0, -1)) {
      feeds.push(await countLineFeeds(path, r.start, r.end));
      countedBytes += r.end - r.start;
      countedFeeds += feeds[feeds.length - 1];
      // The first range's lines before its first row (the header) hold no row: without them
      // its slice ends where its last row does, and the merge moves no row (no copyWithin of
      // four columns) when no row was dropped.
      capacity.push(feeds[feeds.length - 1] - (feeds.length === 1 ? linesBefore : 0));
    }
    const last = ranges[ranges.length - 1],
      lastBytes = last.end - last.start;
    const perLine = countedBytes / Math.max(1, countedFeeds);
    // A range of b bytes has at most b line feeds and so at most b + 1 records.
    capacity.push(Math.min(lastBytes + 1, Math.ceil((lastBytes / perLine) * LAST_RANGE_MARGIN) + LAST_RANGE_SLACK));
    offset = capacity.map((_, i) => capacity.slice(0, i).reduce((x, y) => x + y, 0));
    columns = b.reserveShared(offset[ranges.length - 1] + capacity[ranges.length - 1]);
    // The hash starts when the first range is parsed, on the core that range freed: started
    // with the ranges, its thread took a share of both cores for the whole parse (the 10M-event
    // perf file: the parse ended 0.2–0.6 s later than without it, 3 runs each, 2-core EPYC VM).
    const startHash = (): void => {
      if (digest !== undefined) return;
      digest = hashFile(path, size);
      digest.catch(() => undefined); // awaited after the merge; no unhandled rejection if a range fails first
    };
    const jobs = ranges.map((r, i): RangeJob => ({
      path,
      format,
      opts,
      dates,
      head: i === 0 ? undefined : head,
      start: r.start,
      end: r.end,
      last: i === ranges.length - 1,
      line: 1 + feeds.slice(0, i).reduce((x, y) => x + y, 0), // the line feeds before the range
      columns,
      offset: offset[i],
      capacity: capacity[i],
    }));
    const others = Promise.all(
      jobs.slice(1).map((job, i) => pool.submit((s) => s.api.parseRange(job), { worker: i }).finally(startHash)),
    );
    others.catch(() => undefined); // awaited below, unless this thread's range throws first
    first = await parseInto(b, jobs[0]);
    startHash();
    if (b.rowsKept > capacity[0])
      throw new Error(`events/read-ranges: the first range kept ${b.rowsKept} rows, past its ${capacity[0]} slots`);
    // The first range starts the file, so its bad row or open record decides without the rest.
    if (first.failure !== undefined) throw failureError(path, first.failure);
    if (!first.clean) return fallBack(b);
    rest = await others;
  } finally {
    await pool.close();
  }
  for (const r of rest) {
    if (r.failure !== undefined) throw failureError(path, r.failure);
    if (!r.clean || r.outgrew) return fallBack(b);
  }
  const merged = mergeRanges(
    b,
    columns,
    first,
    rest.map((result, i) => ({ result, offset: offset[i + 1] })),
  );
  return { ...merged, sha256: await digest! };
}

/** Empties `b` for the one-thread read (which reuses its reserved columns). */
function fallBack(b: IngestBuilder): undefined {
  b.reset();
  return undefined;
}

/**
 * The reader's head from the first records of [0, end), read on this thread, and the lines
 * before the first row (0 when no row is in the probe); undefined if no head is there.
 */
async function probeHead(
  path: string,
  format: InputFormat,
  opts: FormatOptions,
  dates: DateOrderDecision | undefined,
  end: number,
): Promise<{ head: ReaderHead; linesBefore: number } | undefined> {
  const fh = await open(path, 'r');
  let buf = new Uint8Array(Math.min(end, HEAD_BYTES));
  try {
    buf = buf.subarray(0, (await fh.read(buf, 0, buf.length, 0)).bytesRead);
  } finally {
    await fh.close();
  }
  const scratch = new IngestBuilder(path, false);
  scratch.reserve(3); // the head is complete after at most two rows, the first row follows
  const reader = makeReader(format, scratch, { ...opts, strict: false }, dates);
  let head: ReaderHead | undefined,
    linesBefore = 0;
  try {
    const tokenizer = new Tokenizer(reader.mode, (row) => {
      if (head !== undefined && scratch.rowsRead > 0) return;
      reader.onRow(row);
      head ??= reader.head();
      if (scratch.rowsRead > 0 && linesBefore === 0) linesBefore = row.line - 1;
    });
    tokenizer.feed(buf);
  } catch {
    return undefined; // a bad header: the one-thread read reports it
  }
  return head && { head, linesBefore };
}

/** The error the one-thread read throws at the same row. */
function failureError(path: string, f: RangeFailure): Error {
  if ('message' in f) return new Error(f.message);
  const { line, column, expected, got, reason } = f.ingest;
  return new IngestError(path, line, column, expected, got, reason);
}
