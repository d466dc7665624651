// The events table (issue 16 §3): every event of the table, in the EventLog's order — by customer,
// then time, ties by --seq (the TypeScript log sorts stably, so ties keep file order) — with its
// position `k` within the customer, the amount as the events reader stores it (returns negative;
// on a count target purchases 1, returns −1, others 0), and its session: within one customer a
// new session starts when the gap to the previous event is strictly greater than --gap, as
// packages/sessions/src/split-sessions.ts does.
import { PREPARED_TABLES } from './prepared-tables.ts';
import type { SqlOptions } from './sql-options.ts';
import { castTo, doubleLiteral, type SqlScript } from './sql-script.ts';

/** Output table `events` (columns of PREPARED_TABLES.events); returns its name. */
export function eventsTable(s: SqlScript, o: SqlOptions, ev0: string, params: string): string {
  const d = s.d;
  const order = 'PARTITION BY e.customer_id ORDER BY e.t_ms, e.seq';
  s.comment('6. Order within each customer (k) and the gap to the previous event.');
  const ev1 = s.stage(
    'ev1',
    [
      'SELECT e.customer_id, e.seq, e.t_ms, e.type, e.item_id, e.category,',
      "  CASE WHEN p.value_target = 'count' THEN (CASE e.type WHEN 2 THEN 1 WHEN 3 THEN -1 ELSE 0 END)",
      '    WHEN e.amount_raw IS NULL THEN 0',
      '    WHEN e.type = 3 AND e.amount_raw > 0 THEN -e.amount_raw',
      '    ELSE e.amount_raw END AS amount,',
      '  COALESCE(e.quantity_raw, 1) AS quantity,',
      `  ROW_NUMBER() OVER (${order}) - 1 AS k,`,
      `  e.t_ms - LAG(e.t_ms) OVER (${order}) AS gap_ms`,
      `FROM ${ev0} e CROSS JOIN ${params} p`,
    ].join('\n'),
  );
  s.comment(
    `7. Sessions: a gap strictly greater than ${o.gapMs} ms starts a new one (index 0 = the first of the customer).`,
  );
  const session = `SUM(CASE WHEN gap_ms > ${doubleLiteral(d, o.gapMs)} THEN 1 ELSE 0 END) OVER (PARTITION BY customer_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
  const expr: Record<string, string> = { session };
  const select = PREPARED_TABLES.events.map((c) => `  ${castTo(d, c.type, expr[c.name] ?? c.name)} AS ${c.name}`);
  return s.table('events', `SELECT\n${select.join(',\n')}\nFROM ${ev1}`);
}
