// The sequences table (issue 16 §3): for every cohort customer the last L events before the
// cutoff (all of its events with t < cutoff, as packages/behavior-encoder/src/data/sequence-inputs.ts
// takes them for the flat layout), position 0 the most recent, with what the encoders' tokens are
// built from: time, type, item, category, amount, session and the gap to the previous event of the
// customer (which may lie before the L kept ones).
import { PREPARED_TABLES } from './prepared-tables.ts';
import type { SqlOptions } from './sql-options.ts';
import { castTo, type SqlScript } from './sql-script.ts';

/** Output table `sequences`. */
export function sequencesTable(s: SqlScript, o: SqlOptions, events: string, params: string, cohort: string): void {
  const d = s.d;
  s.comment(
    `17. The last ${o.lastEvents} events of each cohort customer before the cutoff (position 0 = the most recent).`,
  );
  const select = PREPARED_TABLES.sequences.map((c) => `  ${castTo(d, c.type, `r.${c.name}`)} AS ${c.name}`);
  s.table(
    'sequences',
    [
      `SELECT\n${select.join(',\n')}`,
      'FROM (',
      '  SELECT e.customer_id, e.k, e.t_ms, e.type, e.item_id, e.category, e.amount, e.session, e.gap_ms,',
      '    ROW_NUMBER() OVER (PARTITION BY e.customer_id ORDER BY e.k DESC) - 1 AS position',
      `  FROM ${events} e JOIN ${cohort} c ON c.customer_id = e.customer_id CROSS JOIN ${params} p`,
      '  WHERE e.t_ms < p.cutoff_ms',
      ') r',
      `WHERE r.position < ${o.lastEvents}`,
    ].join('\n'),
  );
}
