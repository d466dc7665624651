// The SQL event stage (issue 16 §3): the script that turns an event table into the prepared
// per-customer tables (prepared-tables.ts) on DuckDB, PostgreSQL or Spark SQL. One builder per
// table; dialect differences live in sql-dialects.ts only. Stages are session-scoped tables, so a
// run leaves the output tables (`<prefix>events`, …, `<prefix>meta`) and nothing else.
import { cohortStage, cohortTable } from './cohort-table.ts';
import { dictionaryTables } from './dictionary-tables.ts';
import { eventsTable } from './events-table.ts';
import { featuresTable } from './features-table.ts';
import { inputTable } from './input-table.ts';
import { metaTable, paramsTable } from './params-table.ts';
import { PREPARED_TABLE_NAMES, type PreparedTableName } from './prepared-tables.ts';
import { sequencesTable } from './sequences-table.ts';
import { sessionsTable } from './sessions-table.ts';
import { SQL_DIALECTS } from './sql-dialects.ts';
import { resolveSqlOptions, type SqlOptions } from './sql-options.ts';
import { SqlScript } from './sql-script.ts';

export interface EventStageSql {
  readonly options: SqlOptions;
  /** The statements in order, without the trailing `;`. */
  readonly statements: readonly string[];
  /** The whole script. */
  readonly sql: string;
  /** Output table names by table. */
  readonly tables: Readonly<Record<PreparedTableName, string>>;
}

/** Generates the event-stage script for `given` options (defaults: DEFAULT_SQL_OPTIONS). */
export function eventStageSql(given: Partial<SqlOptions>): EventStageSql {
  const o = resolveSqlOptions(given);
  const d = SQL_DIALECTS[o.dialect];
  const s = new SqlScript(d, o.prefix);
  const ev0 = inputTable(s, o);
  const params = paramsTable(s, o, ev0);
  const events = eventsTable(s, o, ev0, params);
  const customers = dictionaryTables(s, events);
  sessionsTable(s, events);
  const cohort = cohortStage(s, events, params, o.shard);
  cohortTable(s, o, events, params, cohort);
  featuresTable(s, o, events, params, cohort);
  sequencesTable(s, o, events, params, cohort);
  metaTable(s, o, params, customers, cohort);
  const tables = Object.fromEntries(PREPARED_TABLE_NAMES.map((t) => [t, s.tableName(t)])) as Record<
    PreparedTableName,
    string
  >;
  if (o.parquetDir !== null) {
    s.comment(
      `Write every output table as Parquet under ${o.parquetDir} (what clvlab ingest --format prepared-parquet reads).`,
    );
    for (const t of PREPARED_TABLE_NAMES) s.raw(d.exportParquet(tables[t], o.parquetDir, t)!);
  }
  const header = [
    `-- clvlab sql --dialect ${o.dialect}: the event stage of clvlab as SQL (issue 16).`,
    `-- Input ${o.inputTable}: customer_id, timestamp, event_type, item_id, category, amount, quantity${o.seq ? `, ${o.seq} (source order)` : ''}.`,
    `-- Output: ${PREPARED_TABLE_NAMES.map((t) => tables[t]).join(', ')}.`,
    `-- Sessions at a gap > ${o.gapMs} ms, seed ${o.seed}, dataset ${o.dataset}, ${o.lastEvents} last events, unit ${o.unit}.`,
    ...(o.shard
      ? ['-- One shard of a table partitioned by customer: the reader checks the window against all shards.']
      : []),
    '',
  ].join('\n');
  return Object.freeze({ options: o, statements: s.statements, sql: header + s.text(), tables: Object.freeze(tables) });
}
