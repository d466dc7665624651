// Entry point for every file format: streams the file through the byte tokenizer into the
// format's reader, and returns the sorted EventLog with a full row accounting. A plain file
// may be parsed by several threads, one byte range each (`workers`, read-ranges.ts), with the
// same result; the default stays one thread, which costs the least memory and CPU time.
import { basename } from 'node:path';
import { open, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { resolveOptions } from '@clvlab/core';
import { poolSize } from '@clvlab/core/node';
import type { EventLog, ValueTarget } from './event-log.ts';
import { countAmounts } from './events-reader.ts';
import type { FormatOptions, FormatSummary } from './format-reader.ts';
import { IngestBuilder } from './ingest-builder.ts';
import type { InputFormat } from './make-reader.ts';
import { makeReader, readerDates } from './make-reader.ts';
import { isParquetMagic, readParquetEvents } from './parquet-reader.ts';
import { readRanges } from './read-ranges.ts';
import { countLines, scanFile } from './scan-file.ts';

export type { InputFormat } from './make-reader.ts';
export const INPUT_FORMATS: readonly InputFormat[] = Object.freeze([
  'cdnow',
  'online-retail',
  'taobao',
  'ciao',
  'events',
]);

/** Defaults of the optional ReadOptions fields. */
export const DEFAULT_READ_OPTIONS = Object.freeze({
  /** Lenient by default: real exports always have a few bad rows, and every drop is counted by reason. */
  strict: false,
  /** No renames: the generic format's own column names. */
  map: Object.freeze({}) as Readonly<Record<string, string>>,
  /** Detect the day/month order from the data (see date-order.ts); 'mdy' when it cannot tell. */
  dateOrder: 'auto' as 'auto' | 'ymd' | 'mdy' | 'dmy',
  /** Threads parsing a plain file (read-ranges.ts): 1 = this thread alone, 0 = auto (autoThreads). */
  workers: 1,
  /** How a parallel read cuts the file (read-ranges.ts): once the workers are up, or in equal ranges before. */
  split: 'balanced' as RangeSplitName,
});

/** `split` values: 'balanced' cuts what is left when the workers are up, 'even' the whole file before the read. */
export type RangeSplitName = 'balanced' | 'even';
const SPLITS: readonly RangeSplitName[] = ['balanced', 'even'];

/** With `workers: 0`, each thread gets at least this many bytes: a worker costs ~30 MB and ~0.3 s to start. */
export const AUTO_BYTES_PER_THREAD = 64 << 20;

/** `workers: 0` for a plain file of `size` bytes: one thread per core, fewer so each parses AUTO_BYTES_PER_THREAD. */
export function autoThreads(size: number): number {
  return Math.max(1, Math.min(poolSize(0), Math.floor(size / AUTO_BYTES_PER_THREAD)));
}

export interface ReadOptions {
  format: InputFormat;
  /** Stop at the first malformed row with an IngestError (default false: drop and count). */
  strict?: boolean;
  /** Column renames for the `events` format: { ourName: theirName }. */
  map?: Record<string, string>;
  /** Order of slash dates (online-retail): detected from the data by default. */
  dateOrder?: 'auto' | 'ymd' | 'mdy' | 'dmy';
  /**
   * Threads parsing an uncompressed file, each a byte range (default 1): the result is the
   * same for every count. 0 = one per core (at call time), fewer so that each parses at least
   * 64 MiB (under 128 MiB: one). Gzip and Parquet input is read on one thread.
   */
  workers?: number;
  /**
   * With workers: 'balanced' (default) reads from the file's head at once and cuts what is left
   * into equal ranges when the workers have started; 'even' cuts the file into equal ranges
   * before reading (the same ranges every run). The result is the same either way.
   */
  split?: RangeSplitName;
}

export interface IngestReport {
  /** Input path as given. */
  file: string;
  format: string;
  /** Data rows seen (header and blank lines excluded). */
  rowsRead: number;
  /** Rows that became events. */
  rowsKept: number;
  /** Dropped rows by reason; rowsRead = rowsKept + Σ rejected. */
  rejected: Record<string, number>;
  /** Blank lines skipped (not rows). */
  blankLines: number;
  valueTarget: ValueTarget;
  /** Hex sha256 of the input file bytes as given (compressed if gzip). */
  sha256: string;
  gzip: boolean;
  customers: number;
  events: number;
  purchases: number;
  /** Format-specific facts (layout, resolved date order, …). */
  details: Record<string, unknown>;
}

export interface IngestResult {
  log: EventLog;
  report: IngestReport;
}

/** Reads `path` in `options.format` into a sorted EventLog with its ingest report. */
export async function readEventLog(path: string, options: ReadOptions): Promise<IngestResult> {
  if (!INPUT_FORMATS.includes(options.format)) {
    throw new Error(
      `events/read-event-log: unknown format '${String(options.format)}' (expected one of ${INPUT_FORMATS.join(', ')})`,
    );
  }
  const { format: _format, ...rest } = options;
  const { workers, split, ...opts }: FormatOptions & { workers: number; split: RangeSplitName } = resolveOptions(
    'events/read-event-log',
    DEFAULT_READ_OPTIONS,
    rest,
  );
  if (!(Number.isInteger(workers) && workers >= 0)) {
    throw new Error(`events/read-event-log: option 'workers' must be 0 (auto) or a positive integer, got ${workers}`);
  }
  if (!SPLITS.includes(split)) {
    throw new Error(
      `events/read-event-log: option 'split' must be one of ${SPLITS.join(', ')}, got '${String(split)}'`,
    );
  }
  const builder = new IngestBuilder(path, opts.strict);
  let summary: FormatSummary,
    sha256: string | Promise<string>,
    gzip = false,
    blankLines = 0;
  const magic = await head(path);
  if (options.format === 'events' && (path.endsWith('.parquet') || isParquetMagic(magic))) {
    summary = await readParquetEvents(path, builder, opts);
    sha256 = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  } else {
    const dates = await readerDates(path, options.format, opts);
    const compressed = path.endsWith('.gz') || (magic[0] === 0x1f && magic[1] === 0x8b);
    const size = compressed ? 0 : (await stat(path)).size;
    const threads = workers === 0 ? autoThreads(size) : workers;
    const ranged =
      !compressed && threads > 1
        ? await readRanges(path, size, options.format, builder, opts, dates, threads, split)
        : undefined;
    if (ranged !== undefined) {
      ({ summary, digest: sha256, blankLines } = ranged); // awaited last: the hash's thread runs on meanwhile
    } else {
      const reader = makeReader(options.format, builder, opts, dates);
      if (!compressed && builder.blockCount === 0) builder.reserve(await countLines(path));
      const scan = await scanFile(path, reader.mode, (row) => reader.onRow(row), reader.fastLine);
      summary = reader.finish();
      ({ sha256, gzip, blankLines } = scan);
    }
  }
  if (summary.countAmounts) countAmounts(builder);
  const rejected = builder.rejectedObject();
  const rowsRead = builder.rowsRead,
    rowsKept = builder.rowsKept;
  const log = builder.finish(summary.valueTarget);
  let purchases = 0;
  for (let i = 0; i < log.length; i++) if (log.type[i] === 2) purchases++;
  const report: IngestReport = {
    file: path,
    format: options.format,
    rowsRead,
    rowsKept,
    rejected,
    blankLines,
    valueTarget: summary.valueTarget,
    sha256: await sha256,
    gzip,
    customers: log.customerIds.length,
    events: log.length,
    purchases,
    details: summary.details ?? {},
  };
  const total = rowsKept + Object.values(rejected).reduce((a, b) => a + b, 0);
  if (total !== rowsRead) {
    throw new Error(
      `events/read-event-log: accounting broken for ${basename(path)}: read ${rowsRead} != kept ${rowsKept} + rejected ${total - rowsKept}`,
    );
  }
  return { log, report: Object.freeze(report) };
}

/** First bytes of a file (format sniffing). */
async function head(path: string): Promise<Uint8Array> {
  const fh = await open(path, 'r').catch((err: Error) => {
    throw new Error(`events/read-event-log: cannot open ${path}: ${err.message}`);
  });
  try {
    const buf = new Uint8Array(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
