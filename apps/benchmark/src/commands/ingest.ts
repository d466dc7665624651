// `clvlab ingest` (DESIGN §6): read a dataset file in a named format, split sessions, build
// the evaluation split and labels, and store everything as one Zarr v3 prepared dataset.
// Also exports the input handling shared with `clvlab sessions` (this folder holds only
// commands, so the shared part lives with the command that owns most of it).
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { IngestError, INPUT_FORMATS, readEventLog, type EventLog, type IngestReport, type InputFormat } from '@clvlab/events';
import { parseDuration, prepareDataset, writePreparedDataset } from '@clvlab/sessions';
import { CliError, type Command, type OptionValues } from '../command.ts';

const FORMATS = INPUT_FORMATS;

export interface InputResult {
  log: EventLog;
  report: IngestReport;
}

function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--input`, `--format`, `--map`, `--strict`, `--date-order` -> the event log and its accounting. */
export async function readInput(values: OptionValues): Promise<InputResult> {
  const input = str(values, 'input');
  const format = str(values, 'format');
  if (!input) throw new CliError('--input FILE is required');
  if (!format) throw new CliError(`--format is required (one of ${FORMATS.join(', ')})`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format: expected one of ${FORMATS.join(', ')}, got '${format}'`);
  if (!existsSync(input)) throw new CliError(`${input}: no such file`);
  const map = parseMap(str(values, 'map'));
  const dateOrder = str(values, 'date-order') ?? 'auto';
  if (!['auto', 'ymd', 'mdy', 'dmy'].includes(dateOrder)) throw new CliError(`--date-order: expected auto, ymd, mdy or dmy, got '${dateOrder}'`);
  try {
    const { log, report } = await readEventLog(input, {
      format: format as InputFormat,
      strict: values.strict === true,
      map,
      dateOrder: dateOrder as 'auto' | 'ymd' | 'mdy' | 'dmy',
    });
    return { log, report };
  } catch (err) {
    throw asCliError(err);
  }
}

/** `--map a=b,c=d` -> { a: 'b', c: 'd' } (column renames for the generic `events` format). */
export function parseMap(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=]+?)\s*$/.exec(pair);
    if (!m) throw new CliError(`--map: expected name=column pairs separated by commas, got '${pair}'`);
    map[m[1]] = m[2];
  }
  return map;
}

/** `--gap 30m` etc. as ms, with the CLI's one-line error. */
export function durationOption(values: OptionValues, name: string): number | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  try {
    return parseDuration(text);
  } catch (err) {
    throw new CliError(`--${name}: ${(err as Error).message.replace(/^sessions\/parse-duration: /, '')}`);
  }
}

/** Library errors are user errors here (bad file, bad option): one line, no stack. */
export function asCliError(err: unknown): Error {
  if (err instanceof CliError) return err;
  if (err instanceof IngestError) return new CliError(err.message);
  const e = err as Error & { code?: string };
  if (e && typeof e.message === 'string' && (/^[a-z-]+\/[a-z-]+: /.test(e.message) || e.code === 'ENOENT' || e.code === 'EISDIR')) {
    return new CliError(e.message.split('\n')[0]);
  }
  return e;
}

export const command: Command = {
  name: 'ingest',
  summary: 'Read a dataset, split sessions, build the evaluation split and labels, store a Zarr v3 prepared dataset.',
  usage:
    'ingest --input FILE --format cdnow|online-retail|taobao|ciao|events [--map a=b,..] [--gap 30m] [--cutoff ISO] ' +
    '[--horizon 39w] [--protocol cross-sectional|temporal] [--seed 1] [--strict] [--date-order auto|ymd|mdy|dmy] --out DS.zarr',
  options: {
    input: { type: 'string' },
    format: { type: 'string' },
    map: { type: 'string' },
    gap: { type: 'string' },
    cutoff: { type: 'string' },
    horizon: { type: 'string' },
    protocol: { type: 'string' },
    seed: { type: 'string' },
    strict: { type: 'boolean' },
    'date-order': { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const out = str(values, 'out');
    if (!out) throw new CliError('--out DS.zarr is required');
    const gapMs = durationOption(values, 'gap');
    const horizon = durationOption(values, 'horizon');
    const cutoffText = str(values, 'cutoff');
    const cutoff = cutoffText === undefined ? undefined : Date.parse(cutoffText);
    if (cutoff !== undefined && !Number.isFinite(cutoff)) throw new CliError(`--cutoff: expected an ISO date such as 1997-10-01, got '${cutoffText}'`);
    const protocol = str(values, 'protocol');
    if (protocol !== undefined && protocol !== 'cross-sectional' && protocol !== 'temporal') {
      throw new CliError(`--protocol: expected cross-sectional or temporal, got '${protocol}'`);
    }
    const seedText = str(values, 'seed');
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed)) throw new CliError(`--seed: expected an integer, got '${seedText}'`);

    const { log, report } = await readInput(values);
    const sourceHash = `sha256:${report.sha256}`;
    let prepared;
    try {
      prepared = prepareDataset(log, { dataset: str(values, 'format')!, sourceHash, gapMs, cutoff, horizon, protocol, seed });
      await writePreparedDataset(out, prepared, {
        format: report.format, source_file: basename(report.file), rows_read: report.rowsRead,
        rows_kept: report.rowsKept, rejected: report.rejected, ingest_details: report.details,
      });
    } catch (err) {
      throw asCliError(err);
    }
    const a = prepared.attributes;
    const result = {
      rows_read: report.rowsRead,
      rows_kept: report.rowsKept,
      rejected: report.rejected,
      customers: report.customers,
      events: report.events,
      purchases: report.purchases,
      sessions: prepared.sessionCount,
      cohort: a.cohort,
      value_target: a.value_target,
      cutoff: a.cutoff,
      horizon: a.horizon,
      gap: a.gap,
      protocol: a.protocol,
      source_sha256: report.sha256,
      out,
    };
    if (!ctx.json) {
      const rejected = Object.entries(result.rejected).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
      ctx.log(`read ${result.rows_read} rows, kept ${result.rows_kept}, rejected: ${rejected}`);
      ctx.log(`${result.customers} customers, ${result.events} events (${result.purchases} purchases), ${result.sessions} sessions at gap ${a.gap}`);
      ctx.log(`split ${a.protocol}: cutoff ${a.cutoff}, horizon ${a.horizon}, cohort ${a.cohort}; value target ${a.value_target}`);
      ctx.log(`wrote ${out}`);
    }
    return result;
  },
};
