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
import type { IngestBuilder } from './ingest-builder.ts';
import { parseDecimal, parseIsoDate } from './parse-fields.ts';
import type { RowView } from './tokenizer.ts';

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
  const finish = (): FormatSummary => {
    if (col === undefined && b.rowsRead === 0) return { valueTarget: 'count', details: { header: false } };
    return {
      valueTarget: sawAmount ? 'revenue' : 'count',
      details: { amount: sawAmount ? 'money' : 'no amounts: purchases 1, returns -1' },
      countAmounts: !sawAmount,
    };
  };
  return { mode: 'comma', onRow, finish, head: () => header && { header, width } };
}

/** Count target: purchases carry 1 and returns −1, so summed "revenue" is the net purchase count. */
export function countAmounts(b: IngestBuilder): void {
  b.rewriteAmounts((type) => (type === EventType.purchase ? 1 : type === EventType.return ? -1 : 0));
}
