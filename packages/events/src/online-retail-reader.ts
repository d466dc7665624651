// UCI Online Retail (Chen, Sain & Guo 2012): one row per invoice line,
//   InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
// Purchases are invoice lines; cancellation invoices (`C…`) become `return` events with a
// negative amount. amount = Quantity × UnitPrice, quantity = |Quantity|, item = StockCode,
// time = InvoiceDate read as UTC wall clock (the data's naive UK local time).
//
// Each dropped row is counted under exactly one reason, checked in this order (what the line
// is comes before who bought it, so each kind of non-sale line is counted whole):
//   malformed rows: wrong-field-count, bad-quantity, bad-price, bad-date (strict mode throws)
//   bad-debt-adjustment  InvoiceNo starting with `A` ("Adjust bad debt")
//   negative-price       UnitPrice < 0
//   non-product          StockCode in NON_PRODUCT_CODES or a gift voucher (gift_0001_*)
//   zero-price           UnitPrice = 0
//   missing-customer     empty CustomerID (of a product line with a positive price)
//   zero-quantity, sign-mismatch (a cancellation with Quantity > 0 or a sale with Quantity < 0)
//   duplicate            the exact bytes of an earlier kept row (every copy after the first)
// Exact duplicates share every field, so a copy of a row dropped for another reason is
// dropped for that same reason: `duplicate` counts copies of kept rows only.
import type { DateOrderDecision } from './date-order.ts';
import { parseOrderedDate } from './date-order.ts';
import { EventType } from './event-log.ts';
import type { FormatReader, FormatSummary, ReaderHead } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { parseDecimal } from './parse-fields.ts';
import type { RowView } from './tokenizer.ts';

/** Stock codes that are not products: postage, carriage, fees, manual lines, discounts, samples, charity. */
export const NON_PRODUCT_CODES: readonly string[] = Object.freeze([
  'POST',
  'DOT',
  'C2',
  'M',
  'm',
  'D',
  'S',
  'B',
  'BANK CHARGES',
  'AMAZONFEE',
  'CRUK',
]);
/** Gift vouchers are money, not goods. */
const GIFT_PREFIX = 'gift_0001_';
const COLUMNS = [
  'invoiceno',
  'stockcode',
  'description',
  'quantity',
  'invoicedate',
  'unitprice',
  'customerid',
  'country',
];

/** `head`: the header's columns of a range's file when the range starts after its first record. */
export function onlineRetailReader(b: IngestBuilder, dates: DateOrderDecision, head?: ReaderHead): FormatReader {
  const nonProduct = new Set(NON_PRODUCT_CODES);
  /** Keys of kept rows, in order (a Set keeps insertion order: keptKeys below relies on it). */
  const seen = new Set<string>();
  const parts = new Int32Array(6);
  const col = head?.col ? [...head.col] : COLUMNS.map((_, k) => k);
  let width = head?.width ?? COLUMNS.length,
    first = head === undefined;
  const onRow = (row: RowView): void => {
    const { buf, start, end } = row;
    if (first) {
      first = false;
      const names = Array.from({ length: Math.min(row.count, start.length) }, (_, k) =>
        b.text(buf, start[k], end[k]).trim().toLowerCase(),
      );
      if (names[0] === 'invoiceno') {
        width = row.count;
        COLUMNS.forEach((name, k) => {
          col[k] = names.indexOf(name);
          if (col[k] < 0) throw b.error(row, 0, 'bad-header', `a header with column ${name}`);
        });
        return;
      }
    }
    b.rowsRead++;
    if (row.count !== width)
      return b.bad(row, width, 'wrong-field-count', `${width} comma-separated fields (found ${row.count})`);
    const [inv, code, , qtyCol, dateCol, priceCol, custCol] = col;
    const qty = parseDecimal(buf, start[qtyCol], end[qtyCol]);
    if (!Number.isInteger(qty)) return b.bad(row, qtyCol, 'bad-quantity', 'Quantity as an integer');
    const price = parseDecimal(buf, start[priceCol], end[priceCol]);
    if (Number.isNaN(price)) return b.bad(row, priceCol, 'bad-price', 'UnitPrice as a number');
    const t = parseOrderedDate(buf, start[dateCol], end[dateCol], dates.order, parts);
    if (Number.isNaN(t))
      return b.bad(
        row,
        dateCol,
        'bad-date',
        `InvoiceDate as YYYY-MM-DD HH:MM[:SS] or ${dates.order === 'dmy' ? 'D/M/YYYY' : 'M/D/YYYY'} H:MM`,
      );
    const i0 = buf[start[inv]];
    if (i0 === 65 || i0 === 97) return b.drop('bad-debt-adjustment');
    if (price < 0) return b.drop('negative-price');
    const c0 = buf[start[code]];
    if (!(c0 >= 48 && c0 <= 57)) {
      const stock = b.text(buf, start[code], end[code]).trim();
      if (nonProduct.has(stock) || stock.startsWith(GIFT_PREFIX)) return b.drop('non-product');
    }
    if (price === 0) return b.drop('zero-price');
    let cs = start[custCol],
      ce = end[custCol];
    while (cs < ce && buf[cs] === 32) cs++;
    while (ce > cs && buf[ce - 1] === 32) ce--;
    if (ce - cs > 2 && buf[ce - 2] === 46 && buf[ce - 1] === 48) ce -= 2; // "17850.0" from spreadsheet exports
    if (ce === cs) return b.drop('missing-customer');
    if (qty === 0) return b.drop('zero-quantity');
    const cancel = i0 === 67 || i0 === 99;
    if (cancel !== qty < 0) return b.drop('sign-mismatch');
    const key = b.text(buf, row.lineStart, end[Math.min(row.count, start.length) - 1]);
    if (seen.has(key)) return b.drop('duplicate');
    seen.add(key);
    const customer = b.customers.id(buf, cs, ce);
    const item = b.items.id(buf, start[code], end[code]);
    b.push(customer, t, cancel ? EventType.return : EventType.purchase, item, -1, qty * price, Math.abs(qty));
  };
  const finish = (): FormatSummary => ({
    valueTarget: 'revenue',
    details: {
      dateOrder: dates.order,
      dateOrderHow: dates.how,
      dayFirstRows: dates.dayFirstRows,
      monthFirstRows: dates.monthFirstRows,
      nonProductCodes: [...NON_PRODUCT_CODES, `${GIFT_PREFIX}*`],
    },
  });
  const keptKeys = (): string[] => [...seen];
  return { mode: 'comma', onRow, finish, head: () => (first ? undefined : { width, col }), keptKeys };
}
