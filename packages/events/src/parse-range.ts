// One range of a parallel read (read-ranges.ts): tokenizes bytes [start, end) of the file (read
// here, so no thread holds a copy of the whole file) with the format's reader made from the
// file's head. The first range is parsed by the main thread into its own builder, as the
// one-thread read would; every other range by a worker into its slice of the shared columns,
// with range-local id codes in first-seen order, whose labels go back with the row accounting
// for merge-ranges.ts to map to the file's codes.
import { transfer } from '@clvlab/core/node';
import type { DateOrderDecision } from './date-order.ts';
import type { FormatOptions, FormatSummary, ReaderHead } from './format-reader.ts';
import type { EventColumns } from './ingest-builder.ts';
import { IngestBuilder } from './ingest-builder.ts';
import { IngestError } from './ingest-error.ts';
import type { InputFormat } from './make-reader.ts';
import { makeReader } from './make-reader.ts';
import { readChunks } from './read-chunks.ts';
import { RecordTooLongError, Tokenizer } from './tokenizer.ts';

export interface RangeJob {
  readonly path: string;
  readonly format: InputFormat;
  readonly opts: FormatOptions;
  readonly dates: DateOrderDecision | undefined;
  /** The reader's head (FormatReader.head); undefined for the range at the file's start. */
  readonly head: ReaderHead | undefined;
  readonly start: number;
  readonly end: number;
  /** The range ends the file (its last record may lack a line end). */
  readonly last: boolean;
  /** The shared columns (IngestBuilder.reserveShared) and this range's slice of them. */
  readonly columns: EventColumns;
  readonly offset: number;
  readonly capacity: number;
}

/** Why a range stopped: a bad row (strict mode) with its position, or any other error's message. */
export type RangeFailure =
  | {
      readonly ingest: {
        readonly line: number;
        readonly column: number;
        readonly expected: string;
        readonly got: string;
        readonly reason: string;
      };
    }
  | { readonly tooLong: { readonly line: number } }
  | { readonly message: string };

/**
 * A range-local dictionary, compact: the number each canonical integer label stands for
 * (NaN for text), and the text labels alone, in code order. Numbers travel as one transferred
 * array, not a string each.
 */
export interface RangeLabels {
  readonly values: Float64Array;
  readonly texts: string[];
}

/** What parsing a range tells besides its builder's rows, accounting and ids. */
export interface RangeParse {
  readonly blankLines: number;
  /** Line feeds consumed (every one in a clean range): the line numbers the ranges after it start from. */
  readonly lineFeeds: number;
  /** The range ended on a record boundary (always true for the last range). */
  readonly clean: boolean;
  readonly summary: FormatSummary;
  readonly keptKeys: string[] | undefined;
  readonly failure: RangeFailure | undefined;
}

export interface RangeResult extends RangeParse {
  /** The range had more rows than its slice (an estimate, read-ranges.ts): its result is void. */
  readonly outgrew: boolean;
  readonly rowsRead: number;
  /** Rows written to columns[offset, offset + rowsKept). */
  readonly rowsKept: number;
  readonly rejected: [string, number][];
  /** Range-local id dictionaries: code -> label. */
  readonly customers: RangeLabels;
  readonly items: RangeLabels;
  readonly categories: RangeLabels;
}

/**
 * The first range's end while it is being read (read-ranges.ts): where it ends, whether it is
 * the last, and a hook between chunks with the bytes read so far and the lines they held.
 */
export interface RangeControl {
  end(): number;
  last(): boolean;
  between(at: number, lines: number): void | Promise<void>;
}

/** Tokenizes the range's bytes into `b` with the format's reader (range 0: the caller's own builder, with `control`). */
export async function parseInto(b: IngestBuilder, job: RangeJob, control?: RangeControl): Promise<RangeParse> {
  const reader = makeReader(job.format, b, job.opts, job.dates, job.head);
  // Lines are counted from the range's start: which line of the file that is becomes known
  // only when the ranges before it are parsed, and read-ranges.ts renumbers a failure's line then.
  const from = job.start === 0 ? undefined : { line: 1 };
  const tokenizer = new Tokenizer(reader.mode, (row) => reader.onRow(row), from, reader.fastLine);
  let failure: RangeFailure | undefined;
  let at = job.start;
  const last = (): boolean => (control === undefined ? job.last : control.last());
  try {
    await readChunks(job.path, job.start, control?.end ?? job.end, (chunk) => {
      tokenizer.feed(chunk);
      at += chunk.length;
      return control?.between(at, tokenizer.nextLine - 1);
    });
    if (last()) tokenizer.end();
  } catch (err) {
    failure =
      err instanceof IngestError
        ? { ingest: { line: err.line, column: err.column, expected: err.expected, got: err.got, reason: err.reason } }
        : err instanceof RecordTooLongError
          ? { tooLong: { line: err.line } }
          : { message: err instanceof Error ? err.message : String(err) };
  }
  return {
    blankLines: tokenizer.blankLines,
    lineFeeds: tokenizer.nextLine - 1,
    clean: last() || tokenizer.pending === 0,
    summary: failure === undefined ? reader.finish() : { valueTarget: 'count' },
    keptKeys: reader.keptKeys?.(),
    failure,
  };
}

/** Parses one range into its slice of the shared columns, with range-local ids (runs in a range worker). */
export async function parseRange(job: RangeJob): Promise<RangeResult> {
  const b = new IngestBuilder(job.path, job.opts.strict);
  b.reserveIn(job.columns, job.offset, job.capacity);
  const parse = await parseInto(b, job);
  // The slice is an estimate (read-ranges.ts): rows past it went to private blocks.
  const outgrew = b.blockCount !== 1;
  const customers = b.customers.rangeLabels(),
    items = b.items.rangeLabels(),
    categories = b.categories.rangeLabels();
  const result: RangeResult = {
    ...parse,
    outgrew,
    rowsRead: b.rowsRead,
    rowsKept: b.rowsKept,
    rejected: [...b.rejected],
    customers,
    items,
    categories,
  };
  return transfer(result, [customers.values.buffer, items.values.buffer, categories.values.buffer]);
}
