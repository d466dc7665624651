// The playground's CSV → EventLog adapter: a header naming customer_id and timestamp (and
// usually amount; other columns are ignored, names are case-insensitive), one purchase per
// row; a negative amount is a return. Without an amount column the log is a count log
// (purchases carry 1). It runs in the browser, so it reads chunks of bytes (File.stream()),
// not a path: @clvlab/events' readers open files with node:fs. Parsing goes through the
// package's Tokenizer (RFC 4180 quoting, CRLF, BOM, blank lines) and createEventLog (the one
// place that sorts), and errors are its IngestError: `file:line:column: expected …, got '…'`.
//
// Row accounting, as in docs/architecture.md §Data flow: every data row is kept or rejected
// under one named reason, rowsRead = rowsKept + Σ rejected (checked). Strict mode throws the
// first reject; lenient mode (default) counts it and keeps the first message per reason.
import { createEventLog, EventType, IngestError, Tokenizer } from '@clvlab/events';
import type { EventLog, RowView, ValueTarget } from '@clvlab/events';
import { parseTimestamp } from './parse-timestamp.ts';

export interface RowAccounting {
  readonly file: string;
  /** Data rows seen (header and blank lines excluded). */
  readonly rowsRead: number;
  readonly rowsKept: number;
  /** Rejected rows by reason (sorted keys). */
  readonly rejected: Readonly<Record<string, number>>;
  /** The first rejection of each reason, as a one-line `file:line:column: expected …` message. */
  readonly firstError: Readonly<Record<string, string>>;
  readonly blankLines: number;
  readonly valueTarget: ValueTarget;
  readonly customers: number;
  readonly purchases: number;
  readonly returns: number;
  /** First and last event time (epoch ms); NaN when no row was kept. */
  readonly first: number;
  readonly last: number;
}

export interface CsvResult {
  readonly log: EventLog;
  readonly report: RowAccounting;
}

export interface CsvOptions {
  /** Throw the first rejected row as an IngestError (default false: count it). */
  readonly strict?: boolean;
  /** Called after each chunk with the bytes read so far. */
  readonly progress?: (bytes: number) => void;
}

const COLUMNS = ['customer_id', 'timestamp', 'amount'] as const;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a transactions CSV from byte chunks into a sorted EventLog and its row accounting. */
export async function readTransactionsCsv(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  file: string,
  options: CsvOptions = {},
): Promise<CsvResult> {
  const rows = new RowSink(file, options.strict ?? false);
  const tokenizer = new Tokenizer('comma', (row) => rows.onRow(row));
  let bytes = 0;
  for await (const chunk of chunks) {
    tokenizer.feed(chunk);
    bytes += chunk.length;
    options.progress?.(bytes);
  }
  tokenizer.end();
  return rows.finish(tokenizer.blankLines);
}

/** The growing columns and the accounting of one read. */
class RowSink {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly ids = new Map<string, number>();
  private col: Record<(typeof COLUMNS)[number], number> | undefined;
  private width = 0;
  private n = 0;
  private customer = new Int32Array(1024);
  private t = new Float64Array(1024);
  private amount = new Float64Array(1024);
  private rowsRead = 0;
  private readonly rejected = new Map<string, number>();
  private readonly firstError = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly strict: boolean,
  ) {}

  onRow(row: RowView): void {
    if (this.col === undefined) return this.header(row);
    this.rowsRead++;
    const c = this.col;
    if (row.count !== this.width)
      return this.reject(
        row,
        row.count,
        'wrong-field-count',
        `${this.width} comma-separated fields (found ${row.count})`,
      );
    const id = this.text(row, c.customer_id).trim();
    if (id === '') return this.reject(row, c.customer_id, 'missing-customer', 'a customer_id');
    const t = parseTimestamp(this.text(row, c.timestamp).trim());
    if (Number.isNaN(t))
      return this.reject(
        row,
        c.timestamp,
        'bad-timestamp',
        'timestamp as ISO 8601 (YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]) or YYYYMMDD',
      );
    let amount = 1;
    if (c.amount >= 0) {
      const text = this.text(row, c.amount).trim();
      amount = DECIMAL.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(amount)) return this.reject(row, c.amount, 'bad-amount', 'amount as a finite number');
    }
    let k = this.ids.get(id);
    if (k === undefined) {
      k = this.ids.size;
      this.ids.set(id, k);
    }
    this.push(k, t, amount);
  }

  private header(row: RowView): void {
    const names = Array.from({ length: row.count }, (_, k) => this.text(row, k).trim().toLowerCase());
    const col = Object.fromEntries(COLUMNS.map((name) => [name, names.indexOf(name)])) as Record<
      (typeof COLUMNS)[number],
      number
    >;
    if (col.customer_id < 0 || col.timestamp < 0) {
      throw new IngestError(
        this.file,
        row.line,
        1,
        'a header with columns customer_id, timestamp and amount',
        this.text(row, 0, row.count - 1),
        'bad-header',
      );
    }
    this.col = col;
    this.width = row.count;
  }

  private push(customer: number, t: number, amount: number): void {
    if (this.n === this.t.length) {
      const grow = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.customer = grow(this.customer, (m) => new Int32Array(m));
      this.t = grow(this.t, (m) => new Float64Array(m));
      this.amount = grow(this.amount, (m) => new Float64Array(m));
    }
    this.customer[this.n] = customer;
    this.t[this.n] = t;
    this.amount[this.n] = amount;
    this.n++;
  }

  /** Strict: throws `file:line:column: expected …, got '…'`; lenient: counts under `reason`. */
  private reject(row: RowView, field: number, reason: string, expected: string): void {
    const error = this.error(row, field, reason, expected);
    if (this.strict) throw error;
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
    if (!this.firstError.has(reason)) this.firstError.set(reason, error.message);
  }

  /** The error at `field` (1-based byte column of its first byte), or at the line's end for a missing field. */
  private error(row: RowView, field: number, reason: string, expected: string): IngestError {
    if (field >= row.count) {
      const end = row.end[Math.min(row.count, row.start.length) - 1];
      return new IngestError(
        this.file,
        row.line,
        end - row.lineStart + 1,
        expected,
        this.decoder.decode(row.buf.subarray(row.lineStart, end)),
        reason,
      );
    }
    const column = row.start[field] - (row.quoted[field] !== 0 ? 1 : 0) - row.lineStart + 1;
    return new IngestError(this.file, row.line, column, expected, this.text(row, field), reason);
  }

  /** Text of fields `from..to` (one field by default; quoted fields with doubled quotes undoubled). */
  private text(row: RowView, from: number, to = from): string {
    const parts: string[] = [];
    for (let k = from; k <= Math.min(to, row.start.length - 1); k++) {
      const s = this.decoder.decode(row.buf.subarray(row.start[k], row.end[k]));
      parts.push(row.quoted[k] === 2 ? s.replaceAll('""', '"') : s);
    }
    return parts.join(',');
  }

  finish(blankLines: number): CsvResult {
    if (this.col === undefined)
      throw new IngestError(
        this.file,
        1,
        1,
        'a header with columns customer_id, timestamp and amount',
        '',
        'bad-header',
      );
    const n = this.n;
    const amount = this.amount.slice(0, n);
    const type = new Uint8Array(n);
    let returns = 0,
      first = Infinity,
      last = -Infinity;
    for (let i = 0; i < n; i++) {
      if (amount[i] < 0) {
        type[i] = EventType.return;
        returns++;
      } else type[i] = EventType.purchase;
      if (this.t[i] < first) first = this.t[i];
      if (this.t[i] > last) last = this.t[i];
    }
    const valueTarget: ValueTarget = this.col.amount >= 0 ? 'revenue' : 'count';
    const log = createEventLog({
      customer: this.customer.slice(0, n),
      t: this.t.slice(0, n),
      type,
      amount,
      customerIds: [...this.ids.keys()],
      valueTarget,
    });
    const rejected: Record<string, number> = {},
      firstError: Record<string, string> = {};
    for (const key of [...this.rejected.keys()].sort()) {
      rejected[key] = this.rejected.get(key)!;
      firstError[key] = this.firstError.get(key)!;
    }
    const dropped = Object.values(rejected).reduce((a, b) => a + b, 0);
    if (n + dropped !== this.rowsRead)
      throw new Error(
        `playground/readTransactionsCsv: accounting broken for ${this.file}: read ${this.rowsRead} != kept ${n} + rejected ${dropped}`,
      );
    const report: RowAccounting = Object.freeze({
      file: this.file,
      rowsRead: this.rowsRead,
      rowsKept: n,
      rejected,
      firstError,
      blankLines,
      valueTarget,
      customers: this.ids.size,
      purchases: n - returns,
      returns,
      first: n > 0 ? first : NaN,
      last: n > 0 ? last : NaN,
    });
    return { log, report };
  }
}
