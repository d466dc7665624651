// Generic event CSV: a header naming at least customer_id and timestamp, optionally
// event_type (default purchase: a transaction log), item_id, category, amount, quantity;
// other columns are ignored. `map` renames: { ourName: theirName }.
// Timestamps: ISO 8601 (`2024-01-31`, `2024-01-31T08:00:00.5Z`, `… 08:00:00+01:00`; no
// offset = UTC) or a number of epoch seconds / milliseconds (see `epochMs`).
// Amounts: money; returns are stored negative whatever sign the file uses. When the file
// has no amount column, or every amount is empty, the value target is 'count' and purchases
// carry amount 1 (returns −1).
import { EventType } from './event-log.ts';
import { EventTypeLookup, epochMs } from './event-type-names.ts';
import type { FormatOptions, FormatReader, FormatSummary, ReaderHead } from './format-reader.ts';
import type { ByteDictionary } from './byte-dictionary.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { POW10, parseDecimal, parseIsoDate } from './parse-fields.ts';
import { PLAIN_LINES_CAP, PlainLines } from './plain-lines.ts';
import type { RowView } from './tokenizer.ts';

/** What the fast path does with each field of a line (by position in the file). */
const IGNORE = 0,
  CUSTOMER = 1,
  TIMESTAMP = 2,
  EVENT_TYPE = 3,
  ITEM = 4,
  CATEGORY = 5,
  AMOUNT = 6,
  QUANTITY = 7;
/** Longest run of digits read as an exact integer (as parseDecimal and ByteDictionary do). */
const MAX_DIGITS = 15;
/** Lines the WebAssembly pass may decline before the reader stops asking it (unless it took more). */
const PLAIN_TRIES = 1024;

export const EVENT_COLUMNS = Object.freeze([
  'customer_id',
  'timestamp',
  'event_type',
  'item_id',
  'category',
  'amount',
  'quantity',
] as const);
type Column = (typeof EVENT_COLUMNS)[number];

/** Resolves our column names to positions in a header; throws on unknown map keys or missing required columns. */
export function resolveColumns(
  header: readonly string[],
  map: Readonly<Record<string, string>>,
  where: string,
): Record<Column, number> {
  for (const key of Object.keys(map)) {
    if (!(EVENT_COLUMNS as readonly string[]).includes(key)) {
      throw new Error(
        `events/read-event-log: unknown --map column '${key}' (expected one of ${EVENT_COLUMNS.join(', ')})`,
      );
    }
  }
  const names = header.map((h) => h.trim().toLowerCase());
  const out = {} as Record<Column, number>;
  for (const ours of EVENT_COLUMNS) out[ours] = names.indexOf((map[ours] ?? ours).trim().toLowerCase());
  for (const required of ['customer_id', 'timestamp'] as const) {
    if (out[required] < 0)
      throw new Error(
        `${where}: expected a header with column '${map[required] ?? required}', got '${header.join(',')}'`,
      );
  }
  return out;
}

/** `head`: the header of a range's file when the range starts after it (see FormatReader.head). */
export function eventsReader(b: IngestBuilder, opts: FormatOptions, head?: ReaderHead): FormatReader {
  const types = new EventTypeLookup();
  let header = head?.header;
  let col = header && resolveColumns(header, opts.map, b.file);
  let width = head?.width ?? 0,
    sawAmount = false;
  const onRow = (row: RowView): void => {
    const { buf, start, end } = row;
    if (col === undefined) {
      header = Array.from({ length: Math.min(row.count, start.length) }, (_, k) => b.text(buf, start[k], end[k]));
      col = resolveColumns(header, opts.map, `${b.file}:${row.line}:1`);
      width = row.count;
      return;
    }
    b.rowsRead++;
    if (row.count !== width)
      return b.bad(row, width, 'wrong-field-count', `${width} comma-separated fields (found ${row.count})`);
    const c = col;
    if (end[c.customer_id] === start[c.customer_id])
      return b.bad(row, c.customer_id, 'missing-customer', 'a customer_id');
    const ts = c.timestamp,
      s = start[ts],
      e = end[ts];
    const iso = e - s >= 10 && buf[s + 4] === 45;
    const t = iso ? parseIsoDate(buf, s, e) : epochMs(parseDecimal(buf, s, e));
    if (Number.isNaN(t)) return b.bad(row, ts, 'bad-timestamp', 'timestamp as ISO 8601 or epoch seconds/milliseconds');
    let type: number = EventType.purchase;
    if (c.event_type >= 0) {
      type = types.of(buf, start[c.event_type], end[c.event_type]);
      if (type < 0)
        return b.bad(row, c.event_type, 'bad-event-type', 'event_type view, cart, purchase, return or other');
    }
    let amount = 0;
    if (c.amount >= 0 && end[c.amount] > start[c.amount]) {
      amount = parseDecimal(buf, start[c.amount], end[c.amount]);
      if (Number.isNaN(amount)) return b.bad(row, c.amount, 'bad-amount', 'amount as a finite number');
      sawAmount = true;
      if (type === EventType.return && amount > 0) amount = -amount;
    }
    let quantity = 1;
    if (c.quantity >= 0 && end[c.quantity] > start[c.quantity]) {
      quantity = parseDecimal(buf, start[c.quantity], end[c.quantity]);
      if (Number.isNaN(quantity)) return b.bad(row, c.quantity, 'bad-quantity', 'quantity as a finite number');
    }
    const customer = b.customers.id(buf, start[c.customer_id], end[c.customer_id]);
    const item =
      c.item_id >= 0 && end[c.item_id] > start[c.item_id] ? b.items.id(buf, start[c.item_id], end[c.item_id]) : -1;
    const category =
      c.category >= 0 && end[c.category] > start[c.category]
        ? b.categories.id(buf, start[c.category], end[c.category])
        : -1;
    b.push(customer, t, type, item, category, amount, quantity);
  };
  // The fast path (tokenizer.ts FastLine): one pass over a plain line that splits the fields
  // and accumulates each one's decimal digits, then the very checks, parsers and dictionary
  // calls of onRow in onRow's order. It declines (-1) every line onRow would treat in any other
  // way, so the two paths cannot disagree: quotes or CR anywhere, a wrong field count, and any
  // field onRow would reject. Measured on the first 1M rows of the ingest perf suite's file, one
  // thread, CPU time, alternating runs (2-core EPYC VM, while a bench held both cores): 275–410
  // ns per row against 405–555 for tokenizer + onRow; the whole suite (idle, same commit) went
  // from 4.01 to 2.59 s with this and the uncounted last range (read-ranges.ts). Keeping each
  // field in locals (no per-field typed-array stores), parsing plain decimals in the same pass
  // and remembering the last customer's id: 2.5M rows of that file in memory, one thread, 24
  // runs each (3 processes × 8), min / p25 / median 202 / 236 / 283 ns per row against 234 /
  // 269 / 330 (same VM, idle). Int32 digit loops for ids were slower (215 / 256 / 356): dropped.
  // A field's digit count and decimals from its ends instead of per byte: the first 100 MB of
  // that file in memory, one thread, 3 processes × 6 runs, min / median 193–205 / 202–211 ns per
  // row against 199–214 / 219–231 (a 2-core Intel Xeon VM, idle, the same hour).
  let kinds: Uint8Array | undefined;
  const kindsOf = (c: Record<string, number>): Uint8Array | undefined => {
    const k = new Uint8Array(width);
    const set = (at: number, kind: number): boolean => {
      if (at < 0) return true;
      if (at >= width || k[at] !== IGNORE) return false; // a column mapped twice: the row path only
      k[at] = kind;
      return true;
    };
    const ok =
      set(c.customer_id, CUSTOMER) &&
      set(c.timestamp, TIMESTAMP) &&
      set(c.event_type, EVENT_TYPE) &&
      set(c.item_id, ITEM) &&
      set(c.category, CATEGORY) &&
      set(c.amount, AMOUNT) &&
      set(c.quantity, QUANTITY);
    return ok && width > 0 ? k : undefined;
  };
  // Each field's value as the line is split: its digits as an integer (m, NaN once a byte is
  // not a digit or a second point), the digits after its point (frac), its digit count.
  // m / 10^frac is then parseDecimal's own arithmetic (Clinger's exact case, ≤ MAX_DIGITS
  // digits), so a plain unsigned decimal needs no second pass; anything else (a sign, an
  // exponent, more digits) goes through parseDecimal itself.
  let lastCustomerDict: ByteDictionary | undefined,
    lastCustomerValue = -1,
    lastCustomerId = -1;
  /** The field is a canonical integer (digits only, at most MAX_DIGITS, no leading zero): what ByteDictionary.id keys by number. */
  const canonical = (buf: Uint8Array, s: number, e: number, digits: number): boolean =>
    digits === e - s && digits <= MAX_DIGITS && (buf[s] !== 48 || digits === 1);
  /** The id of a field (value m, `digits` digits, -1 when it has a point) as ByteDictionary.id gives it. */
  const idOf = (dict: ByteDictionary, buf: Uint8Array, s: number, e: number, m: number, digits: number): number =>
    canonical(buf, s, e, digits) ? dict.idOfNumber(m) : dict.id(buf, s, e);
  /** parseDecimal of a non-empty field, from its split-pass value when it is a plain unsigned decimal. */
  const decimalOf = (buf: Uint8Array, s: number, e: number, m: number, digits: number, frac: number): number =>
    digits > 0 && digits <= MAX_DIGITS && m === m ? (frac > 0 ? m / POW10[frac] : m) : parseDecimal(buf, s, e);
  // Plain lines are parsed in WebAssembly first (plain-lines.ts), a batch of up to 8192 lines
  // at a time, once the header is known; this side gives their ids codes (the dictionaries stay
  // here) and appends the batch to the columns in one copy per column. The lines it does not
  // take go through the pass below, as without it. The first 100 MB of the ingest perf suite's
  // file in memory, one thread, CPU time, min of 6 runs in each of 3 processes per side,
  // alternating (2-core AMD EPYC VM, idle): 107–110 ns per row against 189–247 for the pass
  // below alone. A file whose lines it mostly declines (ISO times, text ids) would pay for each
  // attempt (~10% more per row): past PLAIN_TRIES declined lines, more declined than taken, the
  // reader stops asking it. Its split alone in WebAssembly, the fields handed back to this
  // pass's checks, was no faster than this pass (the hand-over cost what the split saved).
  let plain: PlainLines | undefined,
    plainTried = false,
    plainTaken = 0,
    plainDeclined = 0;
  /** A batch's id codes, before they join the builder's columns with the module's values. */
  const customerCodes = new Int32Array(PLAIN_LINES_CAP),
    itemCodes = new Int32Array(PLAIN_LINES_CAP),
    categoryCodes = new Int32Array(PLAIN_LINES_CAP);
  const fastLine = (buf: Uint8Array, p: number, n: number, lines: Int32Array): number => {
    if (col === undefined) return -1;
    if (kinds === undefined && (kinds = kindsOf(col)) === undefined) return -1;
    const k = kinds,
      last = width - 1;
    if (!plainTried) {
      plainTried = true;
      plain = PlainLines.create(k, col.event_type >= 0);
    }
    if (plain !== undefined) {
      const rows = plain.parse(buf, p, n);
      if (rows === 0 && ++plainDeclined > PLAIN_TRIES && plainDeclined > plainTaken) plain = undefined;
      else if (rows > 0) {
        plainTaken += rows;
        // The ids are canonical integers (plain-lines.c), which the dictionaries key by value.
        b.customers.codesOf(plain.customers, 0, rows, customerCodes);
        b.items.codesOf(plain.items, 0, rows, itemCodes);
        b.categories.codesOf(plain.categories, 0, rows, categoryCodes);
        b.rowsRead += rows;
        b.pushMany(
          rows,
          0,
          customerCodes,
          plain.times,
          plain.types,
          itemCodes,
          categoryCodes,
          plain.amounts,
          plain.quantities,
        );
        lines[0] = rows;
        return plain.end(rows - 1);
      }
    }
    lines[0] = 1;
    let cs = 0,
      ce = 0,
      cv = 0,
      cd = 0;
    let ts = 0,
      te = 0,
      tv = 0,
      td = 0;
    let es = 0,
      ee = 0;
    let is = 0,
      ie = 0,
      iv = 0,
      id = 0;
    let gs = 0,
      ge = 0,
      gv = 0,
      gd = 0;
    let as = 0,
      ae = 0,
      av = 0,
      ad = 0,
      af = 0;
    let qs = 0,
      qe = 0,
      qv = 0,
      qd = 0,
      qf = 0;
    for (let f = 0; f <= last; f++) {
      const fs = p;
      let m = 0,
        point = -1;
      for (;;) {
        if (p >= n) return -1;
        const c = buf[p];
        if (c >= 48 && c <= 57) m = m * 10 + (c - 48);
        else if (c === 44 || c === 10) break;
        else if (c === 34 || c === 13) return -1;
        else if (c === 46 && point < 0) point = p;
        else m = NaN;
        p++;
      }
      // A field ends in a comma, the last one in the line feed.
      if ((buf[p] === 10) !== (f === last)) return -1;
      const fe = p++;
      // Counted from the field's ends, not per byte: while m is a number every byte but the
      // point is a digit (digits -1 otherwise, which no check below takes for a plain number).
      const frac = point < 0 ? -1 : fe - point - 1;
      const digits = m === m ? fe - fs - (point < 0 ? 0 : 1) : -1;
      if (frac === 0) m = NaN; // a trailing point: parseDecimal decides
      switch (k[f]) {
        case CUSTOMER:
          cs = fs;
          ce = fe;
          cv = m;
          cd = frac < 0 ? digits : -1;
          break;
        case TIMESTAMP:
          ts = fs;
          te = fe;
          tv = m;
          td = frac < 0 ? digits : -1;
          break;
        case EVENT_TYPE:
          es = fs;
          ee = fe;
          break;
        case ITEM:
          is = fs;
          ie = fe;
          iv = m;
          id = frac < 0 ? digits : -1;
          break;
        case CATEGORY:
          gs = fs;
          ge = fe;
          gv = m;
          gd = frac < 0 ? digits : -1;
          break;
        case AMOUNT:
          as = fs;
          ae = fe;
          av = m;
          ad = digits;
          af = frac;
          break;
        case QUANTITY:
          qs = fs;
          qe = fe;
          qv = m;
          qd = digits;
          qf = frac;
          break;
      }
    }
    const c = col;
    if (ce === cs) return -1;
    let t: number;
    if (td === te - ts && td > 0 && td <= MAX_DIGITS && tv === tv) t = epochMs(tv);
    else {
      t = te - ts >= 10 && buf[ts + 4] === 45 ? parseIsoDate(buf, ts, te) : epochMs(parseDecimal(buf, ts, te));
      if (Number.isNaN(t)) return -1;
    }
    let type: number = EventType.purchase;
    if (c.event_type >= 0 && (type = types.of(buf, es, ee)) < 0) return -1;
    let amount = 0;
    if (c.amount >= 0 && ae > as) {
      amount = decimalOf(buf, as, ae, av, ad, af);
      if (Number.isNaN(amount)) return -1;
      sawAmount = true;
      if (type === EventType.return && amount > 0) amount = -amount;
    }
    let quantity = 1;
    if (c.quantity >= 0 && qe > qs) {
      quantity = decimalOf(buf, qs, qe, qv, qd, qf);
      if (Number.isNaN(quantity)) return -1;
    }
    b.rowsRead++;
    // A log sorted by customer repeats the customer of the line before: its id, remembered
    // (for canonical integer ids only, which idOfNumber keys by value).
    const customers = b.customers;
    const known = canonical(buf, cs, ce, cd);
    let customer: number;
    if (known && cv === lastCustomerValue && customers === lastCustomerDict) customer = lastCustomerId;
    else {
      customer = known ? customers.idOfNumber(cv) : customers.id(buf, cs, ce);
      if (known) {
        lastCustomerDict = customers;
        lastCustomerValue = cv;
        lastCustomerId = customer;
      }
    }
    const item = c.item_id >= 0 && ie > is ? idOf(b.items, buf, is, ie, iv, id) : -1;
    const category = c.category >= 0 && ge > gs ? idOf(b.categories, buf, gs, ge, gv, gd) : -1;
    b.push(customer, t, type, item, category, amount, quantity);
    return p;
  };
  const finish = (): FormatSummary => {
    if (col === undefined && b.rowsRead === 0) return { valueTarget: 'count', details: { header: false } };
    if (plain?.sawAmount) sawAmount = true;
    return {
      valueTarget: sawAmount ? 'revenue' : 'count',
      details: { amount: sawAmount ? 'money' : 'no amounts: purchases 1, returns -1' },
      countAmounts: !sawAmount,
    };
  };
  return { mode: 'comma', onRow, fastLine, finish, head: () => header && { header, width } };
}

/** Count target: purchases carry 1 and returns −1, so summed "revenue" is the net purchase count. */
export function countAmounts(b: IngestBuilder): void {
  b.rewriteAmounts((type) => (type === EventType.purchase ? 1 : type === EventType.return ? -1 : 0));
}
