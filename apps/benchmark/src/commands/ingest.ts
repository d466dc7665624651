// `clvlab ingest` (DESIGN §6): read a dataset file in a named format, split sessions, build
// the evaluation split and labels, and store everything as one Zarr v3 prepared dataset.
import { basename } from 'node:path';
import { prepareDataset, writePreparedDataset } from '@clvlab/sessions';
import { accountingJson, asCliError, durationOption, INPUT_OPTIONS, readInput, str } from '../cli-input.ts';
import { CliError, type Command } from '../command.ts';

export const command: Command = {
  name: 'ingest',
  summary: 'Read a dataset, split sessions, build the evaluation split and labels, store a Zarr v3 prepared dataset.',
  usage:
    'ingest --input FILE --format cdnow|online-retail|taobao|ciao|events [--map a=b,..] [--gap 30m] [--cutoff ISO] ' +
    '[--horizon 39w] [--protocol cross-sectional|temporal] [--seed 1] [--strict] [--date-order auto|ymd|mdy|dmy] --out DS.zarr',
  options: {
    ...INPUT_OPTIONS,
    gap: { type: 'string' },
    cutoff: { type: 'string' },
    horizon: { type: 'string' },
    protocol: { type: 'string' },
    seed: { type: 'string' },
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
      ...accountingJson(report),
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
