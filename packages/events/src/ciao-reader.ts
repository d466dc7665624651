// Ciao product ratings (Tang, Gao & Liu, WSDM 2012 "mTrust"), as decoded to CSV:
//   user_id,product_id,category_id,rating,helpfulness,timestamp   (timestamp in epoch seconds)
// Each rating is a dated activity used as a purchase proxy: a `purchase` event with item =
// product, category = category, amount 1 (value target 'count': no prices). Rows are not
// sorted in the file; createEventLog sorts them. The trust list is a graph (social-graph).
import { EventType } from './event-log.ts';
import type { FormatReader, FormatSummary, ReaderHead } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { parseDecimal, parseUnsigned } from './parse-fields.ts';
import type { RowView } from './tokenizer.ts';

/** `head`: given when a range starts after the file's first record (which may be a header). */
export function ciaoReader(b: IngestBuilder, head?: ReaderHead): FormatReader {
  let first = head === undefined;
  const onRow = (row: RowView): void => {
    const { buf, start, end } = row;
    if (first) {
      first = false;
      const c = buf[start[0]];
      if (!(c >= 48 && c <= 57)) return; // header user_id,product_id,...
    }
    b.rowsRead++;
    if (row.count !== 6) return b.bad(row, 6, 'wrong-field-count', `6 comma-separated fields (found ${row.count})`);
    if (end[0] === start[0]) return b.bad(row, 0, 'missing-customer', 'a user_id');
    const rating = parseDecimal(buf, start[3], end[3]);
    if (!(rating >= 0 && rating <= 5)) return b.bad(row, 3, 'bad-rating', 'rating between 0 and 5');
    const seconds = parseUnsigned(buf, start[5], end[5]);
    if (Number.isNaN(seconds)) return b.bad(row, 5, 'bad-timestamp', 'timestamp as epoch seconds');
    const customer = b.customers.id(buf, start[0], end[0]);
    const item = end[1] > start[1] ? b.items.id(buf, start[1], end[1]) : -1;
    const category = end[2] > start[2] ? b.categories.id(buf, start[2], end[2]) : -1;
    b.push(customer, seconds * 1000, EventType.purchase, item, category, 1, 1);
  };
  const finish = (): FormatSummary => ({
    valueTarget: 'count',
    details: { amount: 'each rating is a purchase with amount 1' },
  });
  return { mode: 'comma', onRow, finish, head: () => (first ? undefined : {}) };
}
