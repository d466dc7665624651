// One FormatReader per input format, made in one place for both the one-thread read
// (read-event-log.ts) and each range worker of a parallel read (parse-range.ts).
import { cdnowReader } from './cdnow-reader.ts';
import { ciaoReader } from './ciao-reader.ts';
import { detectDateOrder } from './date-order.ts';
import type { DateOrderDecision } from './date-order.ts';
import { eventsReader } from './events-reader.ts';
import type { FormatOptions, FormatReader, ReaderHead } from './format-reader.ts';
import type { IngestBuilder } from './ingest-builder.ts';
import { onlineRetailReader } from './online-retail-reader.ts';
import { taobaoReader } from './taobao-reader.ts';

/** Input formats (all read through the byte tokenizer; `events` may also be Parquet). */
export type InputFormat = 'cdnow' | 'online-retail' | 'taobao' | 'ciao' | 'events';

/** The reader of `format` writing into `b`; `head` when it starts after the file's first records. */
export function makeReader(
  format: InputFormat,
  b: IngestBuilder,
  opts: FormatOptions,
  dates: DateOrderDecision | undefined,
  head?: ReaderHead,
): FormatReader {
  switch (format) {
    case 'cdnow':
      return cdnowReader(b, head);
    case 'taobao':
      return taobaoReader(b, head);
    case 'ciao':
      return ciaoReader(b, head);
    case 'events':
      return eventsReader(b, opts, head);
    case 'online-retail':
      if (dates === undefined) throw new Error('events/make-reader: online-retail needs its date order');
      return onlineRetailReader(b, dates, head);
  }
}

/** Online Retail's day/month order (a pass over the file unless given); undefined for other formats. */
export async function readerDates(
  path: string,
  format: InputFormat,
  opts: FormatOptions,
): Promise<DateOrderDecision | undefined> {
  if (format !== 'online-retail') return undefined;
  return opts.dateOrder === 'auto'
    ? await detectDateOrder(path, 'InvoiceDate', 4)
    : { order: opts.dateOrder, how: 'given', dayFirstRows: 0, monthFirstRows: 0 };
}
