// `clvlab ingest --format prepared-parquet --input DIR` (issue 16 §4): the tables of `clvlab sql`
// (Parquet, as DuckDB's COPY or Spark's INSERT OVERWRITE DIRECTORY write them; several shards'
// parts side by side in one directory per table) stored as the prepared dataset `clvlab ingest`
// writes from an event file, with features/rfm from the SQL history columns. The window, gap and
// seed were fixed when the SQL was generated, so the options that set them are refused here.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { writePreparedDataset } from '@clvlab/sessions/node';
import { asCliError, str } from '../cli-input.ts';
import { CliError, type CommandContext, type OptionValues } from '../command.ts';
import { readPreparedParquet } from './read-prepared-parquet.ts';

/** Runs ingest for --format prepared-parquet; returns the command's JSON result. */
export async function ingestPreparedParquet(
  values: OptionValues,
  out: string,
  ctx: CommandContext,
): Promise<Record<string, unknown>> {
  const input = str(values, 'input');
  if (!input)
    throw new CliError('--input DIR is required (the directory of Parquet tables clvlab sql --parquet-dir writes)');
  if (!existsSync(input) || !statSync(input).isDirectory())
    throw new CliError(`${input}: no such directory (prepared-parquet reads a directory of Parquet tables)`);
  for (const name of ['gap', 'cutoff', 'horizon', 'seed', 'protocol', 'map', 'date-order', 'edges', 'directed']) {
    if (values[name] !== undefined)
      throw new CliError(
        `--${name} does not apply to --format prepared-parquet: the tables were prepared by clvlab sql (set it there)`,
      );
  }
  let read;
  try {
    read = await readPreparedParquet(input);
    await writePreparedDataset(
      out,
      read.prepared,
      {
        format: 'prepared-parquet',
        source_file: basename(input),
        rows_read: read.prepared.log.length,
        rows_kept: read.prepared.log.length,
        rejected: {},
        ingest_details: { dialect: read.dialect, files: read.files, rows: read.rows },
      },
      { rfm: read.rfm },
    );
  } catch (err) {
    throw asCliError(err);
  }
  const { prepared } = read;
  const a = prepared.attributes;
  let purchases = 0;
  for (let i = 0; i < prepared.log.length; i++) if (prepared.log.type[i] === 2) purchases++;
  const result = {
    rows_read: a.events,
    rows_kept: a.events,
    rejected: {},
    customers: a.customers,
    events: a.events,
    purchases,
    sessions: prepared.sessionCount,
    cohort: a.cohort,
    value_target: a.value_target,
    cutoff: a.cutoff,
    horizon: a.horizon,
    gap: a.gap,
    protocol: a.protocol,
    source_sha256: read.sha256,
    features: { rfm: [...read.rfm.names] },
    tables: read.rows,
    dialect: read.dialect,
    out,
  };
  if (!ctx.json) {
    ctx.log(
      `read ${read.files} Parquet files from ${input} (${read.dialect}): ${a.events} events, ${a.customers} customers, ${prepared.sessionCount} sessions`,
    );
    ctx.log(
      `split ${a.protocol}: cutoff ${a.cutoff}, horizon ${a.horizon}, cohort ${a.cohort}; value target ${a.value_target}`,
    );
    ctx.log(`wrote ${out}`);
  }
  return result;
}
