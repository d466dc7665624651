// The split's window as one row (issue 16 §3), computed as evaluationSplit computes it
// (packages/sessions/src/evaluation-split.ts): start = the first event; cutoff = given, else
// start + 0.75 × (last − start) in binary64 like the TypeScript; horizon = given, else to the end
// of data (the whole last day for a daily-dated table, else the next whole second); the value
// target is `count` when the table has no amount at all. The same checks fail the script: a
// cutoff outside the data, a holdout running more than a day past it. Then `meta` records it.
import { clvlabVersion } from '@clvlab/sessions';
import type { SqlOptions } from './sql-options.ts';
import { castTo, checkSelect, doubleLiteral, floorDiv, literal, message, type SqlScript } from './sql-script.ts';

const DAY_MS = 86_400_000;

/** Stage `params`: first_t, last_t, daily, n_events, n_customers, start_ms, cutoff_ms, end_ms, horizon_ms, label_end, last_feature_day, value_target. */
export function paramsTable(s: SqlScript, o: SqlOptions, ev0: string): string {
  const d = s.d,
    m = message(d);
  const dbl = (x: string): string => `CAST(${x} AS ${d.double})`;
  const cutoff =
    o.cutoff !== null
      ? doubleLiteral(d, o.cutoff)
      : `(${dbl('a.first_t')} + ${doubleLiteral(d, 0.75)} * ${dbl('a.last_t - a.first_t')})`;
  const end = `CASE WHEN a.daily = 1 THEN ${dbl(`(${floorDiv(dbl('a.last_t'), DAY_MS)} + 1) * ${DAY_MS}`)} ELSE ${dbl(`(${floorDiv(dbl('a.last_t'), 1000)} + 1) * 1000`)} END`;
  const horizon = o.horizon !== null ? doubleLiteral(d, o.horizon) : `(${end} - ${cutoff})`;
  s.comment(
    `5. The window: cutoff ${o.cutoff === null ? 'at 75% of the span' : new Date(o.cutoff).toISOString()}, ` +
      `horizon ${o.horizon === null ? 'to the end of data' : `${o.horizon} ms`}, value target revenue unless no row has an amount.`,
  );
  const params = s.stage(
    'params',
    [
      'SELECT a.first_t, a.last_t, a.daily, a.n_events, a.n_customers,',
      '  a.first_t AS start_ms,',
      `  ${cutoff} AS cutoff_ms,`,
      `  ${end} AS end_ms,`,
      `  ${horizon} AS horizon_ms,`,
      `  ${cutoff} + ${horizon} AS label_end,`,
      `  ${floorDiv(`${cutoff} - 1`, DAY_MS)} AS last_feature_day,`,
      `  CASE WHEN a.n_amount > 0 THEN ${literal('revenue')} ELSE ${literal('count')} END AS value_target`,
      'FROM (',
      '  SELECT MIN(t_ms) AS first_t, MAX(t_ms) AS last_t,',
      `    MIN(CASE WHEN t_ms % ${DAY_MS} = 0 THEN 1 ELSE 0 END) AS daily,`,
      '    COUNT(amount_raw) AS n_amount, COUNT(*) AS n_events, COUNT(DISTINCT customer_id) AS n_customers',
      `  FROM ${ev0}`,
      ') a',
    ].join('\n'),
  );
  if (o.shard) return params; // one shard cannot see the extent of the data: the reader checks it
  s.stage(
    'check_window',
    checkSelect(
      d,
      [
        [
          'p.cutoff_ms <= p.start_ms OR p.cutoff_ms > p.last_t',
          m`cutoff ${'p.cutoff_ms'} ms is outside the data (first event ${'p.start_ms'} ms, last ${'p.last_t'} ms)`,
        ],
        ['NOT (p.horizon_ms > 0)', m`horizon must be > 0 ms, got ${'p.horizon_ms'}`],
        [
          `p.label_end > GREATEST(p.end_ms, ${dbl(`p.last_t + ${DAY_MS}`)})`,
          m`holdout ${'p.cutoff_ms'} + ${'p.horizon_ms'} ms ends after the data (last event ${'p.last_t'} ms): labels would be truncated`,
        ],
      ],
      `${params} p`,
    ),
  );
  return params;
}

/** Output table `meta`: one row of the attributes the prepared dataset records. */
export function metaTable(s: SqlScript, o: SqlOptions, params: string, customers: string, cohort: string): void {
  const d = s.d;
  const c = (name: string, type: 'text' | 'bigint' | 'double', expr: string): string =>
    `  ${castTo(d, type, expr)} AS ${name}`;
  s.comment(
    'The attributes of the prepared dataset (one row per run, shards of one table agree on all but start, counts and last event).',
  );
  s.table(
    'meta',
    [
      'SELECT',
      [
        c('dataset', 'text', literal(o.dataset)),
        c('dialect', 'text', literal(d.name)),
        c('clvlab_version', 'text', literal(clvlabVersion())),
        c('protocol', 'text', literal('cross-sectional')),
        c('value_target', 'text', 'p.value_target'),
        c('unit', 'text', literal(o.unit)),
        c('start_ms', 'bigint', 'p.start_ms'),
        c('cutoff_ms', 'double', 'p.cutoff_ms'),
        c('horizon_ms', 'double', 'p.horizon_ms'),
        c('gap_ms', 'double', doubleLiteral(d, o.gapMs)),
        c('seed', 'bigint', String(o.seed)),
        c('fraction_train', 'double', doubleLiteral(d, o.fractions[0])),
        c('fraction_valid', 'double', doubleLiteral(d, o.fractions[1])),
        c('fraction_test', 'double', doubleLiteral(d, o.fractions[2])),
        c('last_events', 'bigint', String(o.lastEvents)),
        c('events', 'bigint', 'p.n_events'),
        c('customers', 'bigint', 'p.n_customers'),
        c('sessions', 'bigint', `(SELECT SUM(sessions) FROM ${customers})`),
        c('cohort', 'bigint', `(SELECT COUNT(*) FROM ${cohort})`),
        c('last_t_ms', 'bigint', 'p.last_t'),
      ].join(',\n'),
      `FROM ${params} p`,
    ].join('\n'),
  );
}
