// The dictionaries (issue 16 §3): customers, items and categories with what orders them. The
// TypeScript readers number ids in order of first appearance in the file; here that is the
// smallest --seq (without one, the first event's time, then the id). The reader of the tables
// assigns the numbers, after concatenating shards, so the per-shard tables carry no global index.
import { PREPARED_TABLES } from './prepared-tables.ts';
import { castTo, type SqlScript } from './sql-script.ts';

/** Output tables `customers`, `items`, `categories`; returns the customers table's name. */
export function dictionaryTables(s: SqlScript, events: string): string {
  const d = s.d;
  const cast = (table: 'customers' | 'items' | 'categories', expr: Record<string, string>): string =>
    PREPARED_TABLES[table].map((c) => `  ${castTo(d, c.type, expr[c.name] ?? c.name)} AS ${c.name}`).join(',\n');
  s.comment('8. Dictionaries: every customer, item and category with its first appearance (smallest seq, first time).');
  const customers = s.table(
    'customers',
    `SELECT\n${cast('customers', {
      first_seq: 'MIN(seq)',
      first_t_ms: 'MIN(t_ms)',
      events: 'COUNT(*)',
      sessions: 'MAX(session) + 1',
    })}\nFROM ${events}\nGROUP BY customer_id`,
  );
  for (const [table, id] of [
    ['items', 'item_id'],
    ['categories', 'category'],
  ] as const) {
    s.table(
      table,
      `SELECT\n${cast(table, { first_seq: 'MIN(seq)', first_t_ms: 'MIN(t_ms)' })}\nFROM ${events}\nWHERE ${id} IS NOT NULL\nGROUP BY ${id}`,
    );
  }
  return customers;
}
