// The sessions table (issue 16 §3): one row per (customer, session), the rows of sessions.csv
// (packages/sessions/src/session-table.ts): first and last event, events, purchases, and revenue =
// Σ amount over purchases and returns, added in event order (orderedSum) as the TypeScript loop adds.
import { PREPARED_TABLES } from './prepared-tables.ts';
import { castTo, type SqlScript } from './sql-script.ts';

/** Output table `sessions`. */
export function sessionsTable(s: SqlScript, events: string): void {
  const d = s.d;
  const expr: Record<string, string> = {
    start_ms: 'MIN(t_ms)',
    end_ms: 'MAX(t_ms)',
    events: 'COUNT(*)',
    purchases: 'SUM(CASE WHEN type = 2 THEN 1 ELSE 0 END)',
    revenue: d.orderedSum('CASE WHEN type IN (2, 3) THEN amount ELSE 0 END', 'k'),
  };
  s.comment('9. Sessions: one row per (customer, session).');
  const select = PREPARED_TABLES.sessions.map((c) => `  ${castTo(d, c.type, expr[c.name] ?? c.name)} AS ${c.name}`);
  s.table('sessions', `SELECT\n${select.join(',\n')}\nFROM ${events}\nGROUP BY customer_id, session`);
}
