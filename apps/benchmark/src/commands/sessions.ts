// `clvlab sessions` (docs/architecture.md §CLI): read a dataset file, split sessions at the gap, and write
// sessions.csv (customer_id,session,start,end,events,purchases,revenue; ISO 8601 UTC).
import { DEFAULT_GAP_MS, sessionTable, splitSessions } from '@clvlab/sessions';
import { writeSessionsCsv } from '@clvlab/sessions/node';
import { CliError, type Command } from '../command.ts';
import { accountingJson, asCliError, durationOption, INPUT_OPTIONS, readInput } from '../cli-input.ts';

export const command: Command = {
  name: 'sessions',
  summary: 'Split a dataset into sessions (new session after a gap > --gap) and write sessions.csv.',
  usage:
    'sessions --input FILE --format cdnow|online-retail|taobao|ciao|events [--map a=b,..] [--gap 30m] [--strict] [--workers N] --out sessions.csv',
  options: {
    ...INPUT_OPTIONS,
    gap: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!out) throw new CliError('--out sessions.csv is required');
    const gapMs = durationOption(values, 'gap');
    const { log, report } = await readInput(values);
    let rows: number;
    try {
      const session = splitSessions(log, gapMs);
      rows = writeSessionsCsv(out, log, sessionTable(log, session));
    } catch (err) {
      throw asCliError(err);
    }
    const result = {
      ...accountingJson(report),
      sessions: rows,
      gap_ms: gapMs ?? DEFAULT_GAP_MS,
      out,
    };
    if (!ctx.json)
      ctx.log(`${result.sessions} sessions for ${result.customers} customers (${result.events} events) -> ${out}`);
    return result;
  },
};
