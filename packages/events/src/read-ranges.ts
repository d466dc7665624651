// Parallel read of one plain (uncompressed) file (issue 16 §2): the file is cut into byte
// ranges at line starts (split-ranges.ts), each parsed straight into its slice of columns
// shared by all (parse-range.ts), and the ranges are merged into what the one-thread read
// would have built, array for array (merge-ranges.ts).
//
// When the file is cut (`split`): the pool's workers take ~40 ms to start here (a bundled
// module, @clvlab/core bundle-worker.ts; ~250 ms through tsx), so with 'balanced' (the default)
// this thread starts reading the file at its head at once, and when the workers are up (and it
// has read enough lines for a narrow estimate of the rest, READ_LINES) cuts what it has not
// read yet into equal ranges, the first its own; 'even' cuts the whole file into equal ranges
// before any is read (the same ranges every time: the tests'). `workers: n` costs n − 1 worker threads, each ~30 MB of
// memory, and no thread sits idle. No line is counted before the read: a range's slice of the
// columns is its bytes at the bytes per line seen so far (this thread's, or the head's for
// 'even'), times a margin, and a range with more rows than its slice makes the file be read
// again on one thread. The whole file's columns are reserved once, from the head's bytes per
// line with a wider margin: slots never written cost address space, not memory (the pages of a
// SharedArrayBuffer are zero until written, see IngestBuilder.reserveShared), and the merge
// moves every range's rows down to follow the range before's.
//
// Quoted fields may hold line breaks (the tokenizer is RFC 4180), so a range can start inside
// a record. That is detected, not prevented: a range ended on a record boundary exactly when
// its tokenizer has no bytes pending, and by induction from the first range every range then
// started on one. When some range did not, the result is discarded and the caller reads the
// file on one thread (undefined): correct, and for files without such line breaks, never.
// Strict mode keeps the one-thread error: the first failed range after clean ones holds the
// file's first bad row; its line, counted from its range's start, is renumbered with the line
// feeds of the ranges before it.
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
import type { RangeControl, RangeFailure, RangeJob, RangeParse, RangeResult } from './parse-range.ts';
import type { RangeWorkerApi } from './range-worker.ts';
import { splitRanges } from './split-ranges.ts';
import { RecordTooLongError, Tokenizer } from './tokenizer.ts';

/** Bytes at the file's head searched for the reader's head (a header line longer than this reads on one thread). */
const HEAD_BYTES = 1 << 20;
/**
 * A range's slice: its bytes at the bytes per line seen so far, times a margin, plus SLICE_SLACK
 * rows. The margin is narrow when this thread has read a lot of the file (READ_MARGIN): the
 * merge moves the rows after this thread's slice down over its unused slots, and the slots the
 * moved rows left stay resident (the 10M-event perf file's peak with ×1.25: 601 MB against 566
 * with ×1.02, 5 runs each, 2-core Intel Xeon VM).
 */
const HEAD_MARGIN = 1.25;
const READ_MARGIN = 1.02;
/** This thread's bytes per line are READ_MARGIN's once it has read this many lines. */
const READ_LINES = 1 << 18;
/** 'balanced' cuts once this thread has read READ_LINES lines, or this many bytes. */
const READ_BYTES = 32 << 20;
const SLICE_SLACK = 1 << 16;
/** The columns reserved for the file: its bytes at the head's bytes per line, times this, plus SLICE_SLACK per thread. */
const TOTAL_MARGIN = 1.5;
/** 'balanced': what is left to read once the workers are up is cut only when at least this long. */
const MIN_SPLIT_BYTES = 8 << 20;

/**
 * When the file is cut into ranges (see the header): 'balanced' once the workers are up,
 * 'even' before the read; `{ afterBytes }` once this thread has read that many bytes and the
 * workers are up (tests of the balanced path on small files).
 */
export type RangeSplit = 'balanced' | 'even' | { readonly afterBytes: number };

export interface RangeRead {
  summary: FormatSummary;
  /** The file's sha256, by a thread of its own from the first range's end on: await it last. */
  digest: Promise<string>;
  blankLines: number;
  /** Ranges the file was read in (1: this thread read it all, the workers came up too late). */
  ranges: number;
}

/**
 * Reads the plain file `path` (`size` bytes) into `b` on `threads` threads. Undefined when it
 * must be read on one thread instead (no head in the file's first MiB, a range starting inside
 * a record, a range with more rows than its slice); `b` then holds at most its reserved columns.
 */
export async function readRanges(
  path: string,
  size: number,
  format: InputFormat,
  b: IngestBuilder,
  opts: FormatOptions,
  dates: DateOrderDecision | undefined,
  threads: number,
  split: RangeSplit = 'balanced',
): Promise<RangeRead | undefined> {
  if (threads < 2) return undefined;
  const pool = new WorkerPool<RangeWorkerApi>({
    entry: new URL('./range-worker.ts', import.meta.url),
    size: threads - 1,
    name: 'events/read-ranges',
    unrefIdle: true,
    bundle: true, // started without tsx: this thread reads alone until the workers are up
    init: async (api) => void (await api.ready()),
  });
  let first: RangeParse,
    rest: RangeResult[] = [],
    jobs: RangeJob[] = [],
    columns: RangeJob['columns'];
  let digest: Promise<string> | undefined;
  // The hash starts when the first range is parsed, on the core that range freed: started
  // with the ranges, its thread took a share of both cores for the whole parse (the 10M-event
  // perf file: the parse ended 0.2–0.6 s later than without it, 3 runs each, 2-core EPYC VM).
  const startHash = (): void => {
    if (digest !== undefined) return;
    digest = hashFile(path, size);
    digest.catch(() => undefined); // awaited by the caller, unless a range fails first
  };
  try {
    const probe = await probeHead(path, format, opts, dates, Math.min(size, HEAD_BYTES));
    if (probe === undefined) return undefined;
    const { head, bytesPerLine } = probe;
    const slots = (bytes: number, perLine: number, margin: number): number =>
      Math.min(bytes + 1, Math.ceil((bytes / perLine) * margin) + SLICE_SLACK); // b bytes: ≤ b + 1 records
    const total = Math.min(size + 1, Math.ceil((size / bytesPerLine) * TOTAL_MARGIN) + threads * SLICE_SLACK);
    columns = b.reserveShared(total);
    const main: RangeJob = {
      path,
      format,
      opts,
      dates,
      head: undefined,
      start: 0,
      end: size,
      last: true,
      columns,
      offset: 0,
      capacity: total,
    };
    let end = size,
      results: Promise<RangeResult[]> | undefined;
    /** Cuts [at, size) into ranges, this thread's first (it has read `lines` lines of [0, at)), and starts the workers on the others. */
    const cut = async (at: number, lines: number): Promise<void> => {
      const ranges = await splitRanges(path, size, threads, at);
      if (ranges.length < 2 || b.blockCount !== 1) return; // one range left, or this thread already outgrew the file's estimate
      const perLine = lines > 0 ? at / lines : bytesPerLine,
        margin = lines >= READ_LINES ? READ_MARGIN : HEAD_MARGIN;
      const capacity = ranges.map((r, i) => (i === 0 ? b.rowsKept : 0) + slots(r.end - r.start, perLine, margin));
      const offset = capacity.map((_, i) => capacity.slice(0, i).reduce((x, y) => x + y, 0));
      const lastOffset = offset[offset.length - 1];
      if (lastOffset >= total) return;
      capacity[capacity.length - 1] = total - lastOffset; // the last range has the rest of the reserve
      b.limitReserved(capacity[0]);
      end = ranges[0].end;
      jobs = ranges.slice(1).map((r, i) => ({
        ...main,
        head,
        start: r.start,
        end: r.end,
        last: i === ranges.length - 2,
        offset: offset[i + 1],
        capacity: capacity[i + 1],
      }));
      results = Promise.all(
        jobs.map((job, i) => pool.submit((s) => s.api.parseRange(job), { worker: i }).finally(startHash)),
      );
      results.catch(() => undefined); // awaited below, unless this thread's range throws first
    };
    let workersUp = false,
      decided = split === 'even';
    if (split === 'even') await cut(0, 0);
    else
      pool.workers().then(
        () => void (workersUp = true),
        () => undefined, // a worker that cannot start leaves the whole file to this thread
      );
    const control: RangeControl = {
      end: () => end,
      last: () => jobs.length === 0,
      between: (at, lines) => {
        if (decided) return;
        if (typeof split === 'object') {
          if (at < split.afterBytes) return;
          decided = true;
          return pool.workers().then(() => cut(at, lines));
        }
        // Not before this thread's bytes per line are READ_MARGIN's (a bundled worker is up after
        // ~2 MB of the perf file, whose slices at HEAD_MARGIN left ~30 MB more resident), unless
        // its lines are so long that READ_LINES of them would take READ_BYTES.
        if (!workersUp || (lines < READ_LINES && at < READ_BYTES)) return;
        decided = true;
        if (size - at >= MIN_SPLIT_BYTES) return cut(at, lines);
      },
    };
    first = await parseInto(b, main, control);
    startHash();
    // The first range starts the file, so its bad row or open record decides without the rest.
    if (first.failure !== undefined) throw failureError(path, first.failure, 0);
    if (jobs.length > 0 && (b.blockCount !== 1 || !first.clean)) return fallBack(b);
    if (results !== undefined) rest = await results;
  } finally {
    await pool.close();
  }
  let linesBefore = first.lineFeeds;
  for (const r of rest) {
    if (r.failure !== undefined) throw failureError(path, r.failure, linesBefore);
    if (!r.clean || r.outgrew) return fallBack(b);
    linesBefore += r.lineFeeds;
  }
  const merged = mergeRanges(
    b,
    columns,
    first,
    rest.map((result, i) => ({ result, offset: jobs[i].offset })),
  );
  return { ...merged, digest: digest!, ranges: 1 + rest.length };
}

/** Empties `b` for the one-thread read (which reuses its reserved columns). */
function fallBack(b: IngestBuilder): undefined {
  b.reset();
  return undefined;
}

/**
 * The reader's head from the first records of [0, end), read on this thread, and the bytes per
 * line there; undefined if no head is there.
 */
async function probeHead(
  path: string,
  format: InputFormat,
  opts: FormatOptions,
  dates: DateOrderDecision | undefined,
  end: number,
): Promise<{ head: ReaderHead; bytesPerLine: number } | undefined> {
  const fh = await open(path, 'r');
  // A Uint8Array, as every chunk the tokenizer sees: a Buffer here (whose slice is another
  // function) made the tokenizer's optimised code bail out at the end of every later chunk.
  let buf = new Uint8Array(end);
  try {
    buf = buf.subarray(0, (await fh.read(buf, 0, buf.length, 0)).bytesRead);
  } finally {
    await fh.close();
  }
  const scratch = new IngestBuilder(path, false);
  scratch.reserve(3); // the head is complete after at most two rows, the first row follows
  const reader = makeReader(format, scratch, { ...opts, strict: false }, dates);
  let head: ReaderHead | undefined;
  try {
    const tokenizer = new Tokenizer(reader.mode, (row) => {
      if (head !== undefined && scratch.rowsRead > 0) return;
      reader.onRow(row);
      head ??= reader.head();
    });
    tokenizer.feed(buf);
  } catch {
    return undefined; // a bad header: the one-thread read reports it
  }
  let feeds = 0;
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength); // Buffer#indexOf: memchr (scan-file.ts)
  for (let p = bytes.indexOf(10); p >= 0; p = bytes.indexOf(10, p + 1)) feeds++;
  return head && { head, bytesPerLine: buf.length / Math.max(1, feeds) };
}

/** The error the one-thread read throws at the same row (`linesBefore`: line feeds before the failed range). */
function failureError(path: string, f: RangeFailure, linesBefore: number): Error {
  if ('message' in f) return new Error(f.message);
  if ('tooLong' in f) return new RecordTooLongError(f.tooLong.line + linesBefore);
  const { line, column, expected, got, reason } = f.ingest;
  return new IngestError(path, line + linesBefore, column, expected, got, reason);
}
