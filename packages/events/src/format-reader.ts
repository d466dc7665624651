// The interface between the streaming tokenizer and one input format: the tokenizer hands
// each record (byte offsets) to `onRow`, which parses it straight into the IngestBuilder or
// counts it as rejected. One file per format implements it.
import type { ValueTarget } from './event-log.ts';
import type { RowView, TokenizerMode } from './tokenizer.ts';

export interface FormatReader {
  /** How records are split into fields. */
  readonly mode: TokenizerMode;
  /** Parses one record (header rows are recognised and skipped by the reader itself). */
  onRow(row: RowView): void;
  /** After the last row: the value target and format-specific report fields. */
  finish(): FormatSummary;
}

export interface FormatSummary {
  valueTarget: ValueTarget;
  /** Extra report fields (e.g. the resolved date order, the layout detected). */
  details?: Record<string, unknown>;
}

/** The options every reader receives (see `ReadOptions`). */
export interface FormatOptions {
  strict: boolean;
  map: Readonly<Record<string, string>>;
  dateOrder: 'auto' | 'ymd' | 'mdy' | 'dmy';
}
