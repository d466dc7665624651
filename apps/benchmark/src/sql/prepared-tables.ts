// The prepared per-customer tables that `clvlab sql` creates and `clvlab ingest --format
// prepared-parquet` reads (issue 16 §3–4): names, columns and column types, the contract between
// the SQL generator and the reader. Every table is keyed by customer_id (and an event's position
// `k` within its customer), never by a global index, so an event table hash-partitioned by
// customer can be prepared shard by shard and the shards' outputs simply concatenated: the
// reader numbers customers, items and categories (first appearance by `seq`, as the TS readers
// number them in file order) when it builds the prepared dataset.

export type ColumnType = 'text' | 'bigint' | 'double';

export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** NULL allowed (an absent item, a gap with one purchase day, a log without `seq`). */
  readonly nullable?: boolean;
  readonly meaning: string;
}

const col = (name: string, type: ColumnType, meaning: string, nullable = false): TableColumn =>
  Object.freeze({ name, type, meaning, nullable });

export const PREPARED_TABLES = Object.freeze({
  events: Object.freeze([
    col('customer_id', 'text', 'customer id as in the event table'),
    col('k', 'bigint', "position within the customer's events, ordered by (timestamp, seq), from 0"),
    col('seq', 'bigint', 'the source order column (--seq), NULL without one', true),
    col('t_ms', 'bigint', 'epoch milliseconds, UTC (whole milliseconds)'),
    col('type', 'bigint', 'event type: 0 view, 1 cart, 2 purchase, 3 return, 4 other'),
    col('item_id', 'text', 'item id, NULL when absent', true),
    col('category', 'text', 'category id, NULL when absent', true),
    col('amount', 'double', 'money, returns negative; on a count target purchases 1, returns -1, others 0'),
    col('quantity', 'double', 'units, 1 when absent'),
    col(
      'session',
      'bigint',
      'session index within the customer (a gap strictly greater than --gap starts one), from 0',
    ),
    col('gap_ms', 'bigint', "ms since the customer's previous event, NULL for the first", true),
  ]),
  customers: Object.freeze([
    col('customer_id', 'text', 'customer id'),
    col('first_seq', 'bigint', "the customer's smallest seq (dictionary order), NULL without --seq", true),
    col('first_t_ms', 'bigint', "the customer's first event"),
    col('events', 'bigint', 'events of the customer'),
    col('sessions', 'bigint', 'sessions of the customer'),
  ]),
  items: Object.freeze([
    col('item_id', 'text', 'item id'),
    col(
      'first_seq',
      'bigint',
      'smallest seq of an event with this item (per shard; the reader takes the minimum)',
      true,
    ),
    col('first_t_ms', 'bigint', 'first event with this item'),
  ]),
  categories: Object.freeze([
    col('category', 'text', 'category id'),
    col('first_seq', 'bigint', 'smallest seq of an event with this category', true),
    col('first_t_ms', 'bigint', 'first event with this category'),
  ]),
  sessions: Object.freeze([
    col('customer_id', 'text', 'customer id'),
    col('session', 'bigint', 'session index within the customer'),
    col('start_ms', 'bigint', 'first event of the session'),
    col('end_ms', 'bigint', 'last event of the session'),
    col('events', 'bigint', 'events in the session'),
    col('purchases', 'bigint', 'purchase events in the session'),
    col('revenue', 'double', 'Σ amount over purchases and returns, in event order (sessions.csv)'),
  ]),
  cohort: Object.freeze([
    col('customer_id', 'text', 'cohort customer: at least one purchase in [start, cutoff)'),
    col('hash', 'bigint', 'the 32-bit seeded hash of the id (hashUnit × 2^32)'),
    col('fold', 'bigint', '0 train, 1 valid, 2 test'),
    col('target', 'double', 'score-window label in [cutoff, cutoff + horizon)'),
    col('repurchase', 'bigint', '1 when any purchase in the score window'),
    col('fit_target', 'double', 'fit-window label (the score window under the cross-sectional protocol)'),
    col('fit_repurchase', 'bigint', 'fit-window repurchase'),
  ]),
  features: Object.freeze([
    col('customer_id', 'text', 'cohort customer'),
    col('frequency', 'double', 'BTYD x: repeat purchase days, in purchase days'),
    col('recency', 'double', 'BTYD t_x: last − first purchase day, in --unit'),
    col('big_t', 'double', 'BTYD T: last feature day − first purchase day, in --unit'),
    col('monetary', 'double', 'mean net spend per repeat purchase day (0 without repeats)'),
    col('purchase_days', 'double', 'distinct purchase days (the RFM frequency)'),
    col('revenue', 'double', 'net value before the cutoff (the RFM monetary)'),
    col('days_since_last', 'double', 'last feature day − last purchase day (the RFM recency)', true),
    col('tenure_days', 'double', 'cutoff − first event of any kind, in days'),
    col('days_since_first', 'double', 'last feature day − first purchase day', true),
    col('last_gap_days', 'double', 'days between the last two purchase days (NULL with < 2)', true),
  ]),
  sequences: Object.freeze([
    col('customer_id', 'text', 'cohort customer'),
    col('position', 'bigint', '0 = the most recent event before the cutoff'),
    col('k', 'bigint', "the event's position within the customer"),
    col('t_ms', 'bigint', 'epoch ms'),
    col('type', 'bigint', 'event type code'),
    col('item_id', 'text', 'item id', true),
    col('category', 'text', 'category id', true),
    col('amount', 'double', 'amount as in events'),
    col('session', 'bigint', 'session index'),
    col('gap_ms', 'bigint', "ms since the customer's previous event (NULL for the first)", true),
  ]),
  meta: Object.freeze([
    col('dataset', 'text', 'dataset id recorded in the prepared dataset'),
    col('dialect', 'text', 'the SQL dialect that produced the tables'),
    col('clvlab_version', 'text', 'version of the generator'),
    col('protocol', 'text', 'evaluation protocol (cross-sectional)'),
    col('value_target', 'text', "'revenue', or 'count' when the table has no amount at all"),
    col('unit', 'text', 'time unit of recency and big_t'),
    col('start_ms', 'bigint', 'first event of this table (calibration start)'),
    col('cutoff_ms', 'double', 'feature cutoff'),
    col('horizon_ms', 'double', 'holdout length'),
    col('gap_ms', 'double', 'session gap'),
    col('seed', 'bigint', 'fold seed'),
    col('fraction_train', 'double', 'train share'),
    col('fraction_valid', 'double', 'valid share'),
    col('fraction_test', 'double', 'test share'),
    col('last_events', 'bigint', 'L of the sequences table'),
    col('events', 'bigint', 'events in the table'),
    col('customers', 'bigint', 'customers'),
    col('sessions', 'bigint', 'sessions'),
    col('cohort', 'bigint', 'cohort customers'),
    col('last_t_ms', 'bigint', 'last event'),
  ]),
});

export type PreparedTableName = keyof typeof PREPARED_TABLES;
export const PREPARED_TABLE_NAMES = Object.freeze(Object.keys(PREPARED_TABLES) as PreparedTableName[]);
