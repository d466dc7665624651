// Alibaba Taobao UserBehavior (Tianchi dataset 649; Zhu et al., KDD 2018): no header,
//   user_id,item_id,category_id,behavior_type,timestamp   (timestamp in epoch seconds)
// behavior pv -> view, cart -> cart, buy -> purchase, fav -> other. There are no prices, so
// the value target is a purchase count: every purchase carries amount 1 (others 0), so that
// "revenue" summed by downstream code equals the number of purchases.
import { EventType } from './event-log.ts';
import type { FormatReader, FormatSummary, ReaderHead } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { parseUnsigned } from './parse-fields.ts';
import type { RowView } from './tokenizer.ts';

/** Behaviour code -> EventType; matched on bytes. */
function behavior(buf: Uint8Array, s: number, e: number): number {
  const len = e - s,
    c = buf[s];
  if (len === 2 && c === 112 && buf[s + 1] === 118) return EventType.view; // pv
  if (len === 3 && c === 98 && buf[s + 1] === 117 && buf[s + 2] === 121) return EventType.purchase; // buy
  if (len === 4 && c === 99 && buf[s + 1] === 97 && buf[s + 2] === 114 && buf[s + 3] === 116) return EventType.cart; // cart
  if (len === 3 && c === 102 && buf[s + 1] === 97 && buf[s + 2] === 118) return EventType.other; // fav
  return -1;
}

/** `head`: given when a range starts after the file's first record (which may be a header). */
export function taobaoReader(b: IngestBuilder, head?: ReaderHead): FormatReader {
  let first = head === undefined;
  const onRow = (row: RowView): void => {
    const { buf, start, end } = row;
    if (first) {
      first = false;
      const c = buf[start[0]];
      if (!(c >= 48 && c <= 57) && row.count === 5 && behavior(buf, start[3], end[3]) < 0) return; // a header someone added
    }
    b.rowsRead++;
    if (row.count !== 5) return b.bad(row, 5, 'wrong-field-count', `5 comma-separated fields (found ${row.count})`);
    if (end[0] === start[0]) return b.bad(row, 0, 'missing-customer', 'a user_id');
    const type = behavior(buf, start[3], end[3]);
    if (type < 0) return b.bad(row, 3, 'bad-event-type', 'behavior_type pv, cart, fav or buy');
    const seconds = parseUnsigned(buf, start[4], end[4]);
    if (Number.isNaN(seconds)) return b.bad(row, 4, 'bad-timestamp', 'timestamp as epoch seconds');
    const customer = b.customers.id(buf, start[0], end[0]);
    const item = end[1] > start[1] ? b.items.id(buf, start[1], end[1]) : -1;
    const category = end[2] > start[2] ? b.categories.id(buf, start[2], end[2]) : -1;
    b.push(customer, seconds * 1000, type, item, category, type === EventType.purchase ? 1 : 0, 1);
  };
  const finish = (): FormatSummary => ({
    valueTarget: 'count',
    details: { amount: 'purchase events carry amount 1, others 0' },
  });
  return { mode: 'comma', onRow, finish, head: () => (first ? undefined : {}) };
}
