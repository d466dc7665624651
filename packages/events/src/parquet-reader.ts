// Generic events from Parquet (same columns and `map` as the CSV `events` format), read
// with hyparquet one row group at a time so memory stays bounded by the largest row group.
// Values may be strings, numbers, bigints or Dates (hyparquet decodes timestamp logical
// types to Date). Errors name `file:row:column` (1-based data row and column position).
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { EventType } from './event-log.ts';
import { epochMs, eventTypeOf } from './event-type-names.ts';
import { resolveColumns } from './events-reader.ts';
import type { FormatOptions, FormatSummary } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { parseIsoDate } from './parse-fields.ts';

const encoder = new TextEncoder();

/** True when the file starts with the Parquet magic `PAR1`. */
export function isParquetMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

export async function readParquetEvents(path: string, b: IngestBuilder, opts: FormatOptions): Promise<FormatSummary> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const header = metadata.schema
    .slice(1)
    .filter((el) => !el.num_children)
    .map((el) => el.name);
  const col = resolveColumns(header, opts.map, `${path}:1:1`);
  const names = (
    ['customer_id', 'timestamp', 'event_type', 'item_id', 'category', 'amount', 'quantity'] as const
  ).filter((k) => col[k] >= 0);
  const wanted = names.map((k) => header[col[k]]);
  const at = (k: (typeof names)[number]): number => names.indexOf(k);
  let sawAmount = false,
    rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: unknown[][] = [];
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      rowStart,
      rowEnd,
      rowFormat: 'array',
      onComplete: (r) => {
        rows = r;
      },
    });
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r],
        line = rowStart + r + 1;
      const cell = (k: (typeof names)[number]): unknown => (at(k) >= 0 ? row[at(k)] : undefined);
      const colOf = (k: (typeof names)[number]): number => col[k] + 1;
      b.rowsRead++;
      const cust = cell('customer_id');
      if (cust === null || cust === undefined || cust === '') {
        b.badAt(line, colOf('customer_id'), String(cust), 'missing-customer', 'a customer_id');
        continue;
      }
      const t = toEpochMs(cell('timestamp'));
      if (Number.isNaN(t)) {
        b.badAt(
          line,
          colOf('timestamp'),
          String(cell('timestamp')),
          'bad-timestamp',
          'timestamp as ISO 8601, epoch seconds/milliseconds or a Parquet timestamp',
        );
        continue;
      }
      let type: number = EventType.purchase;
      if (col.event_type >= 0) {
        type = eventTypeOf(String(cell('event_type') ?? ''));
        if (type < 0) {
          b.badAt(
            line,
            colOf('event_type'),
            String(cell('event_type')),
            'bad-event-type',
            'event_type view, cart, purchase, return or other',
          );
          continue;
        }
      }
      let amount = 0;
      const rawAmount = cell('amount');
      if (rawAmount !== null && rawAmount !== undefined && rawAmount !== '') {
        amount = Number(rawAmount);
        if (!Number.isFinite(amount)) {
          b.badAt(line, colOf('amount'), String(rawAmount), 'bad-amount', 'amount as a finite number');
          continue;
        }
        sawAmount = true;
        if (type === EventType.return && amount > 0) amount = -amount;
      }
      const rawQty = cell('quantity');
      const quantity = rawQty === null || rawQty === undefined || rawQty === '' ? 1 : Number(rawQty);
      if (!Number.isFinite(quantity)) {
        b.badAt(line, colOf('quantity'), String(rawQty), 'bad-quantity', 'quantity as a finite number');
        continue;
      }
      const item = cell('item_id'),
        category = cell('category');
      b.push(
        b.customers.idOf(String(cust)),
        t,
        type,
        item === null || item === undefined || item === '' ? -1 : b.items.idOf(String(item)),
        category === null || category === undefined || category === '' ? -1 : b.categories.idOf(String(category)),
        amount,
        quantity,
      );
    }
    rowStart = rowEnd;
  }
  return {
    valueTarget: sawAmount ? 'revenue' : 'count',
    details: { container: 'parquet', rowGroups: metadata.row_groups.length },
    countAmounts: !sawAmount,
  };
}

function toEpochMs(v: unknown): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return epochMs(Number(v));
  if (typeof v === 'number') return Number.isFinite(v) ? epochMs(v) : NaN;
  if (typeof v === 'string') {
    const bytes = encoder.encode(v.trim());
    if (bytes.length >= 10 && bytes[4] === 45) return parseIsoDate(bytes, 0, bytes.length);
    const n = v.trim() === '' ? NaN : Number(v);
    return Number.isFinite(n) ? epochMs(n) : NaN;
  }
  return NaN;
}
