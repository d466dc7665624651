// Reading the event table (issue 16 §3): its columns and their types, then one normalised row per
// event, then the row checks. Nothing is dropped: a row the TypeScript `events` reader would
// reject (no customer, no timestamp, an unknown event type, a non-finite amount) fails the script
// with a one-line error naming how many rows and an example, and so do duplicate
// (customer_id, timestamp) rows when no --seq column orders them (a table has no file order, so
// tied events would come out in an engine's arbitrary order).
import { EVENT_TYPE_SYNONYMS, EVENT_TYPES } from '@clvlab/events';
import type { TypeClass } from './sql-dialects.ts';
import type { SqlEventColumn, SqlOptions } from './sql-options.ts';
import { checkSelect, literal, message, type SqlScript } from './sql-script.ts';

interface InputColumn {
  readonly ours: SqlEventColumn | 'seq';
  readonly source: string;
  readonly type: TypeClass;
  readonly nullable: boolean;
}

const EXPECTED: Readonly<Record<TypeClass, string>> = Object.freeze({
  text: 'a string type',
  timestamp: 'a TIMESTAMP',
  number: 'a numeric type',
  integer: 'an integer type',
  null: 'NULL',
});

/** The event table's columns as checked: ours, the source name, the accepted type and nullability. */
export function inputColumns(o: SqlOptions): InputColumn[] {
  const c = (ours: SqlEventColumn, type: TypeClass, nullable: boolean): InputColumn => ({
    ours,
    source: o.map[ours] ?? ours,
    type,
    nullable,
  });
  const cols = [
    c('customer_id', 'text', false),
    c('timestamp', 'timestamp', false),
    c('event_type', 'text', false),
    c('item_id', 'text', true),
    c('category', 'text', true),
    c('amount', 'number', true),
    c('quantity', 'number', true),
  ];
  if (o.seq !== null) cols.push({ ours: 'seq', source: o.seq, type: 'integer', nullable: false });
  return cols;
}

/** CASE mapping lower(trim(event_type)) to the EventType code, NULL for an unknown name. */
function eventTypeCase(expr: string): string {
  const byCode = new Map<number, string[]>();
  for (const [name, code] of Object.entries(EVENT_TYPE_SYNONYMS)) byCode.set(code, [...(byCode.get(code) ?? []), name]);
  const whens = [...byCode.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([code, names]) => `    WHEN lower(trim(${expr})) IN (${names.map(literal).join(', ')}) THEN ${code}`);
  return `CASE\n${whens.join('\n')}\n  END`;
}

/**
 * Checks the event table's columns and types, normalises it into stage `ev0`
 * (customer_id, t_ms, type, event_type_raw, item_id, category, amount_raw, quantity_raw, seq)
 * and checks its rows. Returns the stage name.
 */
export function inputTable(s: SqlScript, o: SqlOptions): string {
  const d = s.d,
    m = message(d),
    T = o.inputTable;
  const cols = inputColumns(o);
  // Unqualified (one table in every FROM), so that a missing column's engine error names the column.
  const q = (ours: InputColumn['ours']): string => d.quote(cols.find((c) => c.ours === ours)!.source);

  s.comment(
    `1. The event table ${T}: every column present (a missing one fails here, named by the engine) with an accepted type.\n` +
      `   Columns: ${cols.map((c) => (c.source === c.ours ? c.ours : `${c.ours} = ${c.source}`)).join(', ')}.`,
  );
  const typeChecks = cols.map((c, i): [string, string] => {
    const patterns = [...d.typeNames[c.type], ...(c.nullable ? d.typeNames.null : [])];
    const ok = patterns.map((p) => `t.t${i} LIKE ${literal(p)}`).join(' OR ');
    return [
      `NOT (${ok})`,
      m`column ${literal(c.source)} of ${literal(T)} has type ${`t.t${i}`}, expected ${literal(EXPECTED[c.type])}`,
    ];
  });
  const probe = `SELECT 1 AS one, ${cols.map((c, i) => `${d.typeName(q(c.ours))} AS t${i}`).join(', ')} FROM ${T} src LIMIT 1`;
  s.stage(
    'check_columns',
    checkSelect(
      d,
      [[`t.one IS NULL`, m`the event table ${literal(T)} has no rows`], ...typeChecks],
      `(SELECT 1 AS one) o LEFT JOIN (${probe}) t ON o.one = t.one`,
    ),
  );

  s.comment(
    '2. One row per event: epoch ms, the event type code (synonyms as the events reader accepts them), empty ids as NULL.',
  );
  const seq = o.seq === null ? 'CAST(NULL AS BIGINT)' : `CAST(${q('seq')} AS BIGINT)`;
  const nullIfEmpty = (e: string): string => `CASE WHEN ${e} = '' THEN NULL ELSE ${e} END`;
  const ev0 = s.stage(
    'ev0',
    [
      'SELECT',
      `  ${q('customer_id')} AS customer_id,`,
      `  ${d.epochMs(q('timestamp'))} AS t_ms,`,
      `  ${eventTypeCase(q('event_type'))} AS type,`,
      `  ${q('event_type')} AS event_type_raw,`,
      `  ${nullIfEmpty(q('item_id'))} AS item_id,`,
      `  ${nullIfEmpty(q('category'))} AS category,`,
      `  CAST(${q('amount')} AS ${d.double}) AS amount_raw,`,
      `  CAST(${q('quantity')} AS ${d.double}) AS quantity_raw,`,
      `  ${seq} AS seq`,
      `FROM ${T} src`,
    ].join('\n'),
  );

  s.comment(
    `3. Row checks: nothing is dropped, so a row the TypeScript reader would reject stops the script.\n` +
      `   Event types: ${EVENT_TYPES.join(', ')} (codes 0..4) or a synonym, ids at most --max-id-length (${o.maxIdLength}) characters.`,
  );
  const count = (cond: string): string => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const nonFinite = (x: string): string => `${x} IS NOT NULL AND NOT (${x} * 0 = 0)`;
  const aggregates = [
    `${count("customer_id IS NULL OR customer_id = ''")} AS no_customer`,
    `${count('t_ms IS NULL')} AS no_time`,
    `${count('type IS NULL')} AS bad_type`,
    `MIN(CASE WHEN type IS NULL THEN COALESCE(event_type_raw, ${literal('NULL')}) END) AS bad_type_example`,
    `${count(nonFinite('amount_raw'))} AS bad_amount`,
    `${count(nonFinite('quantity_raw'))} AS bad_quantity`,
    `MAX(length(customer_id)) AS longest_id`,
    `${count('seq IS NULL')} AS no_seq`,
    `COUNT(*) - COUNT(DISTINCT seq) AS repeated_seq`,
  ];
  const rowChecks: [string, string][] = [
    [
      'a.no_customer > 0',
      m`${'a.no_customer'} rows of ${literal(T)} have no customer_id (NULL or empty, which the events reader rejects as missing-customer): fix or filter them first`,
    ],
    ['a.no_time > 0', m`${'a.no_time'} rows of ${literal(T)} have no timestamp`],
    [
      'a.bad_type > 0',
      m`${'a.bad_type'} rows of ${literal(T)} have an event_type that is not view, cart, purchase, return, other or a synonym (e.g. "${'a.bad_type_example'}")`,
    ],
    ['a.bad_amount > 0', m`${'a.bad_amount'} rows of ${literal(T)} have a non-finite amount (NaN or infinite)`],
    ['a.bad_quantity > 0', m`${'a.bad_quantity'} rows of ${literal(T)} have a non-finite quantity`],
    [
      `a.longest_id > ${o.maxIdLength}`,
      m`the longest customer_id has ${'a.longest_id'} characters, more than --max-id-length ${String(o.maxIdLength)}: generate the SQL again with a larger --max-id-length`,
    ],
  ];
  if (o.seq !== null) {
    rowChecks.push(
      ['a.no_seq > 0', m`${'a.no_seq'} rows of ${literal(T)} have no ${literal(o.seq)} (the --seq column)`],
      [
        'a.repeated_seq > 0',
        m`the --seq column ${literal(o.seq)} is not unique: ${'a.repeated_seq'} rows repeat a value of another row`,
      ],
    );
  }
  s.stage('check_rows', checkSelect(d, rowChecks, `(SELECT ${aggregates.join(', ')} FROM ${ev0}) a`));

  if (o.seq === null) {
    s.comment('4. Without --seq nothing orders events of one customer at one instant: such ties are an error.');
    const dups = `SELECT customer_id, t_ms FROM ${ev0} GROUP BY customer_id, t_ms HAVING COUNT(*) > 1`;
    s.stage(
      'check_duplicates',
      checkSelect(
        d,
        [
          [
            'COUNT(*) > 0',
            m`${'COUNT(*)'} (customer_id, timestamp) pairs of ${literal(T)} occur in more than one row (e.g. customer "${'MIN(customer_id)'}"): give --seq COLUMN, the source row order, to order tied events as the TypeScript reader does (file order), or deduplicate the table`,
          ],
        ],
        `(${dups}) dup`,
      ),
    );
  }
  return ev0;
}
