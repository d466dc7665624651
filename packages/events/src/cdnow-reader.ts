// CDNOW purchase logs (Fader, Hardie & Lee 2005 data as shipped with `lifetimes`):
//   CDNOW_master.txt  header ` customer_id  date number_of_cds  dollar_value`, 4 columns;
//   CDNOW_sample.txt  no header, 5 columns: original id, sample id (0001–2357), date, cds, dollars.
// Runs of spaces separate fields, CRLF ends lines. Every row is a purchase on a day
// (YYYYMMDD -> epoch ms at UTC midnight); amount = dollar_value, quantity = number_of_cds.
// The sample's customer id is its re-numbered sample id, the id used by the published
// `cdnow_customers_summary.csv`.
import { EventType } from './event-log.ts';
import type { FormatReader, FormatSummary, ReaderHead } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { parseCompactDate, parseDecimal, parseUnsigned } from './parse-fields.ts';
import type { RowView } from './tokenizer.ts';

/** `head`: the layout of a range's file when the range starts after its first data row. */
export function cdnowReader(b: IngestBuilder, head?: ReaderHead): FormatReader {
  let first = head === undefined;
  let width = head?.width ?? 0;
  const onRow = (row: RowView): void => {
    const { buf, start, end } = row;
    if (first) {
      first = false;
      const c = buf[start[0]];
      if (!(c >= 48 && c <= 57)) return; // header line
      width = row.count === 5 ? 5 : 4;
    }
    if (width === 0) width = row.count === 5 ? 5 : 4;
    b.rowsRead++;
    if (row.count !== width)
      return b.bad(row, width, 'wrong-field-count', `${width} whitespace-separated fields (found ${row.count})`);
    const idField = width === 5 ? 1 : 0,
      d = width - 3;
    const t = parseCompactDate(buf, start[d], end[d]);
    if (Number.isNaN(t)) return b.bad(row, d, 'bad-date', 'a date YYYYMMDD');
    const cds = parseUnsigned(buf, start[d + 1], end[d + 1]);
    if (Number.isNaN(cds)) return b.bad(row, d + 1, 'bad-quantity', 'number_of_cds as a non-negative integer');
    const dollars = parseDecimal(buf, start[d + 2], end[d + 2]);
    if (!(dollars >= 0)) return b.bad(row, d + 2, 'bad-amount', 'dollar_value as a non-negative number');
    const customer = b.customers.id(buf, start[idField], end[idField]);
    b.push(customer, t, EventType.purchase, -1, -1, dollars, cds);
  };
  const finish = (): FormatSummary => ({
    valueTarget: 'revenue',
    details: { layout: width === 5 ? 'CDNOW_sample' : 'CDNOW_master' },
  });
  return { mode: 'whitespace', onRow, finish, head: () => (width === 0 ? undefined : { width }) };
}
