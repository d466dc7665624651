// The features table (issue 16 §3): every column of the customer-history kernel
// (packages/features/src/customer-history.ts, HISTORY_COLUMNS) per cohort customer, from events
// with start ≤ t < cutoff, by the kernel's rules:
//   - whole UTC days, day = floor(t / 86 400 000); a purchase day is a day with a purchase;
//   - a purchase day's spend adds, in event order, the values of that day's purchases and of its
//     returns that come after its first purchase (the kernel's loop only nets a return into a day
//     already opened by a purchase); repeat spend adds the spends of the 2nd, 3rd … days in order;
//   - a value is the amount, or on a count target 1 for a purchase and 0 for a return;
//   - BTYD frequency = purchase days − 1, recency = last − first purchase day, T = last feature day
//     (the day holding cutoff − 1 ms) − first purchase day, in --unit; monetary = repeat spend ÷
//     (purchase days − 1); tenure = (cutoff − first event of any kind) / 1 day.
// Sums use orderedSum and divisions are binary64 on the same operands, so the columns equal the
// TypeScript ones bit for bit. These are the columns RFM (rfm-features.ts) and the BTYD summary are
// views of; the engineered features (engineered-features.ts) are not expressed here.
import { DAYS_PER_UNIT } from '@clvlab/features';
import { PREPARED_TABLES } from './prepared-tables.ts';
import type { SqlOptions } from './sql-options.ts';
import { castTo, doubleLiteral, floorDiv, type SqlScript } from './sql-script.ts';

const DAY_MS = 86_400_000;

/** Output table `features`. */
export function featuresTable(s: SqlScript, o: SqlOptions, events: string, params: string, cohort: string): void {
  const d = s.d;
  const dbl = (x: string): string => `CAST(${x} AS ${d.double})`;
  const window = 'e.t_ms >= p.start_ms AND e.t_ms < p.cutoff_ms';
  s.comment(
    '14. History events: purchases and returns of cohort customers before the cutoff, with their day and value.',
  );
  const hev = s.stage(
    'history_events',
    [
      'SELECT x.*, MIN(CASE WHEN x.type = 2 THEN x.k END) OVER (PARTITION BY x.customer_id, x.day) AS first_purchase_k',
      'FROM (',
      `  SELECT e.customer_id, e.k, e.type, ${floorDiv(dbl('e.t_ms'), DAY_MS)} AS day,`,
      `    CASE WHEN p.value_target = 'count' THEN (CASE WHEN e.type = 2 THEN ${dbl('1')} ELSE ${dbl('0')} END) ELSE e.amount END AS v`,
      `  FROM ${events} e JOIN ${cohort} c ON c.customer_id = e.customer_id CROSS JOIN ${params} p`,
      `  WHERE e.type IN (2, 3) AND ${window}`,
      ') x',
    ].join('\n'),
  );
  s.comment(
    '15. Purchase days: the spend of each (returns after the first purchase of the day netted), its rank, the previous purchase day.',
  );
  const days = s.stage(
    'purchase_days',
    [
      'SELECT y.*, ROW_NUMBER() OVER (PARTITION BY y.customer_id ORDER BY y.day) AS day_rank,',
      '  LAG(y.day) OVER (PARTITION BY y.customer_id ORDER BY y.day) AS prev_day,',
      '  COUNT(*) OVER (PARTITION BY y.customer_id) AS n_days',
      'FROM (',
      `  SELECT customer_id, day, ${d.orderedSum('v', 'k')} AS spend`,
      `  FROM ${hev}`,
      '  WHERE first_purchase_k IS NOT NULL AND k >= first_purchase_k',
      '  GROUP BY customer_id, day',
      ') y',
    ].join('\n'),
  );

  const scale = doubleLiteral(d, DAYS_PER_UNIT[o.unit]);
  const expr: Record<string, string> = {
    customer_id: 'c.customer_id',
    frequency: 'CASE WHEN pd.n_days > 0 THEN pd.n_days - 1 ELSE 0 END',
    recency: `CASE WHEN pd.n_days > 0 THEN ${dbl('pd.last_day - pd.first_day')} / ${scale} ELSE 0 END`,
    big_t: `CASE WHEN pd.n_days > 0 THEN ${dbl('p.last_feature_day - pd.first_day')} / ${scale} ELSE 0 END`,
    monetary: `CASE WHEN pd.n_days > 1 THEN rs.repeat_spend / ${dbl('pd.n_days - 1')} ELSE 0 END`,
    purchase_days: 'COALESCE(pd.n_days, 0)',
    revenue: 'COALESCE(rv.revenue, 0)',
    days_since_last: 'p.last_feature_day - pd.last_day',
    tenure_days: `CASE WHEN fe.first_event IS NULL THEN 0 ELSE (p.cutoff_ms - ${dbl('fe.first_event')}) / ${dbl(String(DAY_MS))} END`,
    days_since_first: 'p.last_feature_day - pd.first_day',
    last_gap_days: 'CASE WHEN pd.n_days > 1 THEN pd.last_day - pd.prev_last END',
  };
  s.comment(`16. The history columns (recency and big_t in ${o.unit}s of ${DAYS_PER_UNIT[o.unit]} days).`);
  const select = PREPARED_TABLES.features.map((c) => `  ${castTo(d, c.type, expr[c.name])} AS ${c.name}`);
  s.table(
    'features',
    [
      `SELECT\n${select.join(',\n')}`,
      `FROM ${cohort} c CROSS JOIN ${params} p`,
      'LEFT JOIN (',
      '  SELECT customer_id, COUNT(*) AS n_days, MIN(day) AS first_day, MAX(day) AS last_day,',
      '    MAX(CASE WHEN day_rank = n_days THEN prev_day END) AS prev_last',
      `  FROM ${days} GROUP BY customer_id`,
      ') pd ON pd.customer_id = c.customer_id',
      `LEFT JOIN (SELECT customer_id, ${d.orderedSum('spend', 'day')} AS repeat_spend FROM ${days} WHERE day_rank > 1 GROUP BY customer_id) rs ON rs.customer_id = c.customer_id`,
      `LEFT JOIN (SELECT customer_id, ${d.orderedSum('v', 'k')} AS revenue FROM ${hev} GROUP BY customer_id) rv ON rv.customer_id = c.customer_id`,
      'LEFT JOIN (',
      '  SELECT e.customer_id, MIN(e.t_ms) AS first_event',
      `  FROM ${events} e CROSS JOIN ${params} p WHERE ${window} GROUP BY e.customer_id`,
      ') fe ON fe.customer_id = c.customer_id',
    ].join('\n'),
  );
}
