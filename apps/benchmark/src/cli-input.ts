// Input handling shared by the commands that read an event file (ingest, sessions, btyd), the
// integer and duration options every command reads (core's parseInteger / parseDuration, one
// wording: `--name: expected …, got '…'`) and the library-error-to-CliError mapping.
import { existsSync } from 'node:fs';
import { IngestError, type EventLog, type IngestReport, type InputFormat } from '@clvlab/events';
import { INPUT_FORMATS, readEventLog } from '@clvlab/events/node';
import { parseDuration, parseInteger, type IntegerRange } from '@clvlab/core';
import { CliError, type OptionValues } from './command.ts';

const FORMATS = INPUT_FORMATS;

/** The parseArgs options of `readInput`, for commands to spread into their own. */
export const INPUT_OPTIONS = Object.freeze({
  input: { type: 'string' },
  format: { type: 'string' },
  map: { type: 'string' },
  strict: { type: 'boolean' },
  'date-order': { type: 'string' },
  workers: { type: 'string' },
} as const);

/** A string option's value, or undefined. */
export function str(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export interface InputResult {
  log: EventLog;
  report: IngestReport;
}

/**
 * `--input`, `--format`, `--map`, `--strict`, `--date-order`, `--workers` -> the event log and its
 * accounting. `--workers N` parses a plain file in N byte ranges on N threads (0 = one per 64 MiB up
 * to the cores; default 1): the same log and accounting as one thread (events read-ranges.ts).
 */
export async function readInput(values: OptionValues): Promise<InputResult> {
  const input = str(values, 'input');
  const format = str(values, 'format');
  if (!input) throw new CliError('--input FILE is required');
  if (!format) throw new CliError(`--format is required (one of ${FORMATS.join(', ')})`);
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliError(`--format: expected one of ${FORMATS.join(', ')}, got '${format}'`);
  if (!existsSync(input)) throw new CliError(`${input}: no such file`);
  const workers = intOption(values, 'workers', { min: 0 });
  const map = parseMap(str(values, 'map'));
  const dateOrder = str(values, 'date-order') ?? 'auto';
  if (!['auto', 'ymd', 'mdy', 'dmy'].includes(dateOrder))
    throw new CliError(`--date-order: expected auto, ymd, mdy or dmy, got '${dateOrder}'`);
  try {
    const { log, report } = await readEventLog(input, {
      format: format as InputFormat,
      strict: values.strict === true,
      map,
      dateOrder: dateOrder as 'auto' | 'ymd' | 'mdy' | 'dmy',
      ...(workers !== undefined ? { workers } : {}),
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

/** `--gap 30m` etc. as ms (undefined when absent), with the CLI's one-line error. */
export function durationOption(values: OptionValues, name: string): number | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  try {
    return parseDuration(text, `--${name}`);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** `--seeds 5` etc. as an integer within `range` (undefined when absent), with the CLI's one-line error. */
export function intOption(
  values: OptionValues,
  name: string,
  range: Omit<IntegerRange, 'where'> = {},
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  try {
    return parseInteger(String(raw), { ...range, where: `--${name}` });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

/** Library errors are user errors here (bad file, bad option): one line, no stack. */
export function asCliError(err: unknown): Error {
  if (err instanceof CliError) return err;
  if (err instanceof IngestError) return new CliError(err.message);
  const e = err as Error & { code?: string };
  if (
    e &&
    typeof e.message === 'string' &&
    (/^[a-z-]+\/[a-z-]+: /.test(e.message) || e.code === 'ENOENT' || e.code === 'EISDIR')
  ) {
    return new CliError(e.message.split('\n')[0]);
  }
  return e;
}

/** The row accounting every reading command prints (`--json` keys, docs/architecture.md §CLI / issue 2). */
export interface AccountingJson {
  readonly rows_read: number;
  readonly rows_kept: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly customers: number;
  readonly events: number;
}

export function accountingJson(report: IngestReport): AccountingJson {
  return {
    rows_read: report.rowsRead,
    rows_kept: report.rowsKept,
    rejected: report.rejected,
    customers: report.customers,
    events: report.events,
  };
}
