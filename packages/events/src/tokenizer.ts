// Streaming record tokenizer over raw bytes: RFC 4180 comma/tab separated values (quoted
// fields with separators, doubled quotes and line breaks inside quotes) and whitespace-run
// separated text (CDNOW). Handles a UTF-8 BOM, CRLF or LF line ends and a missing final line
// end; blank lines are skipped and counted.
//
// A tokenizer can also start mid-file (`from`, for the byte ranges of read-ranges.ts): no BOM
// check, lines numbered from `from.line`, and `pending` says whether the range ended inside a
// record (a quoted line break crossing the range's end), which makes that split invalid.
//
// Hand-written rather than a CSV library on purpose: the ingest target is ≥ 1M events/s and
// ≤ 64 bytes/event. Library parsers (csv-parse, papaparse) decode to strings and allocate an
// array or object per row; here a row is only a set of byte offsets in reused Int32Arrays,
// handed to the format reader which parses numbers and ids straight from the bytes.
//
// A reader may also offer a fast path for plain lines (`FastLine`, comma mode only): it parses
// one or more whole lines in one pass over their bytes, fusing field splitting with number
// parsing, and declines (-1) anything it does not handle exactly as the row path would (quotes,
// CR, blank lines, a line not complete in the buffer, any row the reader would reject), which
// then goes through `delimited` and the reader's `onRow` as before.

const LF = 10,
  CR = 13,
  QUOTE = 34,
  SPACE = 32,
  TAB = 9;
/** Fields beyond this are counted but their positions are not kept (the row is malformed anyway). */
const MAX_FIELDS = 256;
/** A record longer than this (e.g. an unterminated quote) is an error, keeping memory bounded. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export type TokenizerMode = 'comma' | 'tab' | 'whitespace';

/** One record, valid only during the callback (its arrays are reused). */
export interface RowView {
  buf: Uint8Array;
  /** Field byte ranges [start, end) in `buf` (content inside quotes for quoted fields). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** 0 plain, 1 quoted, 2 quoted with doubled quotes inside, 3 malformed quoting. */
  readonly quoted: Uint8Array;
  /** Number of fields in the record. */
  count: number;
  /** 1-based line on which the record starts. */
  line: number;
  /** Byte offset in `buf` where the record starts (for column numbers). */
  lineStart: number;
}

/**
 * Parses the line starting at `p` (bytes before `n` are available), and possibly lines after
 * it, and returns the position after the last one's line feed, with how many lines in
 * `lines[0]`; or -1 to hand the line at `p` to the row path instead (see the header). The
 * bytes of `buf` before `n` do not change while it is passed with that `n` (every chunk is a
 * new view), so a fast path may keep what it learnt of them between calls.
 */
export type FastLine = (buf: Uint8Array, p: number, n: number, lines: Int32Array) => number;

/** A record past MAX_RECORD_BYTES, starting on `line` (which a parallel read renumbers, read-ranges.ts). */
export class RecordTooLongError extends Error {
  constructor(readonly line: number) {
    super(`events/tokenizer: record starting on line ${line} exceeds ${MAX_RECORD_BYTES} bytes (unterminated quote?)`);
  }
}

export class Tokenizer {
  private readonly sep: number;
  private readonly fast: FastLine | undefined;
  private readonly whitespace: boolean;
  private readonly sink: (row: RowView) => void;
  private readonly row: RowView;
  private leftover: Uint8Array = new Uint8Array(0);
  /** Reused buffer for leftover + next chunk (no 1 MB allocation per chunk). */
  private work: Uint8Array = new Uint8Array(0);
  private started = false;
  private line = 1;
  /** Lines the fast path parsed in its last call. */
  private readonly fastLines = new Int32Array(1);
  /** Blank lines skipped (not rows). */
  blankLines = 0;

  constructor(mode: TokenizerMode, sink: (row: RowView) => void, from?: { readonly line: number }, fast?: FastLine) {
    this.sep = mode === 'tab' ? TAB : 44;
    this.fast = mode === 'comma' ? fast : undefined;
    if (from !== undefined) {
      this.started = true;
      this.line = from.line;
    }
    this.whitespace = mode === 'whitespace';
    this.sink = sink;
    this.row = {
      buf: this.leftover,
      start: new Int32Array(MAX_FIELDS),
      end: new Int32Array(MAX_FIELDS),
      quoted: new Uint8Array(MAX_FIELDS),
      count: 0,
      line: 0,
      lineStart: 0,
    };
  }

  feed(chunk: Uint8Array): void {
    if (this.leftover.length === 0) return this.process(chunk, false);
    const need = this.leftover.length + chunk.length;
    if (this.work.length < need) this.work = new Uint8Array(Math.max(need, this.work.length * 2));
    this.work.set(this.leftover, 0);
    this.work.set(chunk, this.leftover.length);
    this.process(this.work.subarray(0, need), false);
  }

  end(): void {
    this.process(this.leftover, true);
  }

  /** The line the next record starts on (1-based, counted from `from.line`). */
  get nextLine(): number {
    return this.line;
  }

  /** Bytes fed but not yet part of a finished record (0 when the input so far ends on a record boundary). */
  get pending(): number {
    return this.leftover.length;
  }

  private process(buf: Uint8Array, final: boolean): void {
    let p = 0;
    if (!this.started) {
      if (buf.length < 3 && !final) {
        this.leftover = buf.slice();
        return;
      }
      this.started = true;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
    }
    const n = buf.length;
    this.row.buf = buf;
    const fast = this.fast;
    while (p < n) {
      if (fast !== undefined) {
        const q = fast(buf, p, n, this.fastLines);
        if (q >= 0) {
          this.line += this.fastLines[0];
          p = q;
          continue;
        }
      }
      const next = this.whitespace ? this.spaced(buf, p, n, final) : this.delimited(buf, p, n, final);
      if (next < 0) break;
      p = next;
    }
    if (p < n && n - p > MAX_RECORD_BYTES) {
      throw new RecordTooLongError(this.line);
    }
    this.leftover = p < n ? buf.slice(p, n) : new Uint8Array(0);
  }

  /** Parses one RFC 4180 record at p; returns the position after it, or -1 if incomplete. */
  private delimited(buf: Uint8Array, p: number, n: number, final: boolean): number {
    const sep = this.sep,
      row = this.row,
      start = row.start,
      end = row.end,
      quoted = row.quoted;
    const rec = p;
    let nf = 0,
      lines = 1;
    for (;;) {
      let fs: number,
        fe: number,
        flag = 0;
      if (p < n && buf[p] === QUOTE) {
        flag = 1;
        let q = p + 1;
        for (;;) {
          const idx = buf.indexOf(QUOTE, q);
          if (idx < 0) {
            if (!final) return -1;
            flag = 3;
            fs = p + 1;
            fe = n;
            p = n;
            break;
          }
          if (idx + 1 >= n && !final) return -1;
          if (buf[idx + 1] === QUOTE) {
            flag = 2;
            q = idx + 2;
            continue;
          }
          fs = p + 1;
          fe = idx;
          p = idx + 1;
          break;
        }
        for (let k = fs; k < fe; k++) if (buf[k] === LF) lines++;
        if (p < n && buf[p] === CR) {
          if (p + 1 >= n) {
            if (!final) return -1;
            p++;
          } else if (buf[p + 1] === LF) p++;
        }
        if (p < n && buf[p] !== sep && buf[p] !== LF) {
          flag = 3;
          while (p < n && buf[p] !== sep && buf[p] !== LF) p++;
          if (p === n && !final) return -1;
          fe = p;
        }
      } else {
        fs = p;
        while (p < n) {
          const c = buf[p];
          if (c === sep || c === LF) break;
          p++;
        }
        if (p === n && !final) return -1;
        fe = p;
        if (fe > fs && buf[fe - 1] === CR && (p === n || buf[p] === LF)) fe--;
      }
      if (nf < MAX_FIELDS) {
        start[nf] = fs;
        end[nf] = fe;
        quoted[nf] = flag;
      }
      nf++;
      if (p < n && buf[p] === sep) {
        p++;
        continue;
      }
      break;
    }
    if (p < n) p++; // the LF
    row.count = nf;
    row.line = this.line;
    row.lineStart = rec;
    this.line += lines;
    if (nf === 1 && start[0] === end[0] && quoted[0] === 0) this.blankLines++;
    else this.sink(row);
    return p;
  }

  /** Parses one whitespace-separated line at p; returns the position after it, or -1 if incomplete. */
  private spaced(buf: Uint8Array, p: number, n: number, final: boolean): number {
    const row = this.row,
      start = row.start,
      end = row.end,
      quoted = row.quoted;
    const lf = buf.indexOf(LF, p);
    if (lf < 0 && !final) return -1;
    const stop = lf < 0 ? n : lf;
    const rec = p;
    let nf = 0;
    while (p < stop) {
      let c = buf[p];
      while (p < stop && (c === SPACE || c === TAB || c === CR)) c = buf[++p];
      if (p >= stop) break;
      const fs = p;
      while (p < stop && c !== SPACE && c !== TAB && c !== CR) c = buf[++p];
      if (nf < MAX_FIELDS) {
        start[nf] = fs;
        end[nf] = p;
        quoted[nf] = 0;
      }
      nf++;
    }
    row.count = nf;
    row.line = this.line;
    row.lineStart = rec;
    this.line++;
    if (nf === 0) this.blankLines++;
    else this.sink(row);
    return lf < 0 ? n : lf + 1;
  }
}
