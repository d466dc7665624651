// The interface between the streaming tokenizer and one input format: the tokenizer hands
// each record (byte offsets) to `onRow`, which parses it straight into the IngestBuilder or
// counts it as rejected. One file per format implements it.
//
// For parallel reads (read-ranges.ts) a reader also reports its `head`: what the file's first
// record(s) told it (the header's columns, the layout). A reader made with that head for a
// byte range later in the file treats that range's rows exactly as the one-thread reader does.
import type { ValueTarget } from './event-log.ts';
import type { FastLine, RowView, TokenizerMode } from './tokenizer.ts';

export interface FormatReader {
  /** How records are split into fields. */
  readonly mode: TokenizerMode;
  /** Parses one record (header rows are recognised and skipped by the reader itself). */
  onRow(row: RowView): void;
  /** Optional one-pass parse of a plain line, equal to `onRow` on every line it accepts (tokenizer.ts FastLine). */
  readonly fastLine?: FastLine;
  /** After the last row: the value target and format-specific report fields. */
  finish(): FormatSummary;
  /** The state the file's first record(s) set, once they have been seen (undefined before). */
  head(): ReaderHead | undefined;
  /** Online Retail: the duplicate key of each kept row in order (read-ranges drops rows an earlier range kept). */
  keptKeys?(): string[];
}

/** What a reader learnt from the file's head; plain data, so that it reaches range workers. */
export interface ReaderHead {
  /** Fields per data row (the header's, or the first data row's). */
  readonly width?: number;
  /** The header's field texts. */
  readonly header?: readonly string[];
  /** Column positions resolved from the header. */
  readonly col?: readonly number[];
}

export interface FormatSummary {
  valueTarget: ValueTarget;
  /** Extra report fields (e.g. the resolved date order, the layout detected). */
  details?: Record<string, unknown>;
  /** No amounts in the file: the caller sets purchases to 1 and returns to −1 (countAmounts). */
  countAmounts?: boolean;
}

/** The options every reader receives (see `ReadOptions`). */
export interface FormatOptions {
  strict: boolean;
  map: Readonly<Record<string, string>>;
  dateOrder: 'auto' | 'ymd' | 'mdy' | 'dmy';
}
