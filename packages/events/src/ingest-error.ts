// The one error every reader throws for bad input: a single line in the compiler style
// `file:line:column: expected <what>, got '<text>'` so that a person (or an editor) can jump
// straight to the offending byte. Strict mode throws it at the first bad row; lenient mode
// counts the same condition under a reject reason instead.

/** Longest excerpt of the offending text quoted in a message (keeps the message one line). */
const MAX_GOT = 60;

export class IngestError extends Error {
  /** Input path as given to the reader. */
  readonly file: string;
  /** 1-based physical line of the record. */
  readonly line: number;
  /** 1-based byte column of the offending field within its line. */
  readonly column: number;
  /** What the reader expected at that position. */
  readonly expected: string;
  /** The offending text (truncated, control characters escaped). */
  readonly got: string;
  /** Reject reason under which lenient mode counts the same condition. */
  readonly reason: string;

  constructor(file: string, line: number, column: number, expected: string, got: string, reason = 'malformed') {
    const shown = oneLine(got);
    super(`${file}:${line}:${column}: expected ${expected}, got '${shown}'`);
    this.name = 'IngestError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.expected = expected;
    this.got = shown;
    this.reason = reason;
  }
}

/** Escapes line breaks and truncates so a message always stays on one line. */
function oneLine(text: string): string {
  const escaped = text.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return escaped.length > MAX_GOT ? `${escaped.slice(0, MAX_GOT)}…` : escaped;
}
