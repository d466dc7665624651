// `clvlab sql` (issue 16 §3): print the SQL that turns an event table into the prepared
// per-customer tables (events with sessions, dictionaries, sessions, cohort with folds and labels,
// the customer-history features, the last L events per customer, meta) on DuckDB, PostgreSQL or
// Spark SQL; `clvlab ingest --format prepared-parquet` reads the tables back (apps/benchmark/src/sql).
// Same defaults as `clvlab ingest`: --gap 30m, the dataset's published window or 75% of the span to
// the end of data, seed 1.
import { writeFileAtomic } from '@clvlab/core/node';
import { eventStageSql } from '../sql/generate-sql.ts';
import { DIALECT_NAMES, type DialectName } from '../sql/sql-dialects.ts';
import type { SqlOptions } from '../sql/sql-options.ts';
import { asCliError, durationOption, intOption, parseMap, str } from '../cli-input.ts';
import { CliError, type Command } from '../command.ts';

export const command: Command = {
  name: 'sql',
  summary:
    'Print the SQL (DuckDB, PostgreSQL or Spark) that prepares an event table: sessions, cohort, folds, labels, history features, last-L events.',
  usage:
    'sql --dialect duckdb|postgres|spark --input-table T [--seq COLUMN] [--map a=b,..] [--gap 30m] [--cutoff ISO] [--horizon 39w] ' +
    '[--seed S] [--dataset NAME] [--prefix clvlab_] [--last 32] [--unit week] [--max-id-length 64] [--parquet-dir DIR] [--shard] [--out FILE.sql]',
  options: {
    dialect: { type: 'string' },
    'input-table': { type: 'string' },
    seq: { type: 'string' },
    map: { type: 'string' },
    gap: { type: 'string' },
    cutoff: { type: 'string' },
    horizon: { type: 'string' },
    seed: { type: 'string' },
    dataset: { type: 'string' },
    prefix: { type: 'string' },
    last: { type: 'string' },
    unit: { type: 'string' },
    'max-id-length': { type: 'string' },
    'parquet-dir': { type: 'string' },
    shard: { type: 'boolean' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const dialect = str(values, 'dialect');
    if (dialect === undefined || !(DIALECT_NAMES as readonly string[]).includes(dialect)) {
      throw new CliError(`--dialect: expected one of ${DIALECT_NAMES.join(', ')}, got '${dialect ?? ''}'`);
    }
    const inputTable = str(values, 'input-table');
    if (!inputTable) throw new CliError('--input-table T is required (the event table to prepare)');
    const cutoffText = str(values, 'cutoff');
    const cutoff = cutoffText === undefined ? undefined : Date.parse(cutoffText);
    if (cutoff !== undefined && !Number.isFinite(cutoff))
      throw new CliError(`--cutoff: expected an ISO date such as 1997-10-01, got '${cutoffText}'`);
    const given: Partial<SqlOptions> = {
      dialect: dialect as DialectName,
      inputTable,
      seq: str(values, 'seq'),
      map: parseMap(str(values, 'map')),
      gapMs: durationOption(values, 'gap'),
      cutoff,
      horizon: durationOption(values, 'horizon'),
      seed: intOption(values, 'seed'),
      dataset: str(values, 'dataset'),
      prefix: str(values, 'prefix'),
      lastEvents: intOption(values, 'last'),
      unit: str(values, 'unit') as SqlOptions['unit'] | undefined,
      maxIdLength: intOption(values, 'max-id-length'),
      parquetDir: str(values, 'parquet-dir'),
      shard: values.shard === true ? true : undefined,
    };
    let script;
    try {
      script = eventStageSql(given);
    } catch (err) {
      throw asCliError(err);
    }
    const out = str(values, 'out');
    if (out !== undefined) writeFileAtomic(out, script.sql);
    else if (!ctx.json) process.stdout.write(script.sql);
    const o = script.options;
    if (out !== undefined && !ctx.json)
      ctx.log(
        `wrote ${out}: ${script.statements.length} statements for ${o.dialect}, tables ${Object.values(script.tables).join(', ')}`,
      );
    return {
      dialect: o.dialect,
      input_table: o.inputTable,
      seq: o.seq,
      dataset: o.dataset,
      cutoff: o.cutoff === null ? null : new Date(o.cutoff).toISOString(),
      horizon_ms: o.horizon,
      gap_ms: o.gapMs,
      seed: o.seed,
      tables: script.tables,
      statements: script.statements.length,
      ...(out !== undefined ? { out } : { sql: script.sql }),
    };
  },
};
