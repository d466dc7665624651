// `clvlab btyd` (docs/architecture.md §CLI, issue 3): fit BG/NBD, Pareto/NBD or Gamma-Gamma by maximum
// likelihood and print the parameters, standard errors and log-likelihood.
// --format summary reads a per-customer CSV with header columns frequency, recency, T
// (+ monetary_value or monetary for gamma-gamma), like lifetimes' cdnow_customers_summary.csv;
// any other format is read as an event log and summarised at --cutoff (default: the
// dataset's published cutoff, else 75% of the span) in --unit (default week), with spend
// per purchase day net of same-day returns; gamma-gamma reports the customers it excluded.
import { readFileSync } from 'node:fs';
import { fitBgNbd, fitGammaGamma, fitParetoNbd } from '@clvlab/baselines';
import { calibrationCohort, customerHistory } from '@clvlab/features';
import type { BgNbdFit, GammaGammaFit, ParetoNbdFit } from '@clvlab/baselines';
import { customerOffsets } from '@clvlab/events';
import { DATASET_SPLITS } from '@clvlab/sessions';
import { CliError, type Command } from '../command.ts';
import { asCliError, INPUT_OPTIONS, readInput } from '../cli-input.ts';

const MODELS = ['bgnbd', 'pareto-nbd', 'gamma-gamma'] as const;
const UNITS = ['week', 'day'] as const;

interface Columns { frequency: number[]; recency: number[]; T: number[]; monetary: number[] | null; lines?: number[] }

/** Reads a summary CSV; bad cells fail as `file:line:col: expected ...`. */
function readSummary(path: string, needMonetary: boolean): Columns {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (err) { throw asCliError(err); }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const col = (name: string): number => header.indexOf(name);
  for (const name of ['frequency', 'recency', 'T']) {
    if (col(name) < 0) throw new CliError(`${path}:1:1: expected a header with columns frequency,recency,T (got '${lines[0] ?? ''}')`);
  }
  const mCol = col('monetary_value') >= 0 ? col('monetary_value') : col('monetary');
  if (needMonetary && mCol < 0) throw new CliError(`${path}:1:1: expected a monetary_value column for --model gamma-gamma`);
  const out: Columns = { frequency: [], recency: [], T: [], monetary: mCol >= 0 ? [] : null, lines: [] };
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',');
    if (cells.length !== header.length) throw new CliError(`${path}:${i + 1}:1: expected ${header.length} columns, got ${cells.length}`);
    const num = (c: number, name: string): number => {
      const v = Number(cells[c]);
      if (cells[c].trim() === '' || !Number.isFinite(v)) {
        const at = cells.slice(0, c).reduce((s, x) => s + x.length + 1, 1);
        throw new CliError(`${path}:${i + 1}:${at}: expected a number for ${name}, got '${cells[c]}'`);
      }
      return v;
    };
    out.lines!.push(i + 1);
    out.frequency.push(num(col('frequency'), 'frequency'));
    out.recency.push(num(col('recency'), 'recency'));
    out.T.push(num(col('T'), 'T'));
    if (out.monetary) out.monetary.push(num(mCol, header[mCol]));
  }
  return out;
}

const names = (fit: BgNbdFit | ParetoNbdFit | GammaGammaFit): Record<string, number> => ({ ...fit.params });

export const command: Command = {
  name: 'btyd',
  summary: 'Fit BG/NBD, Pareto/NBD or Gamma-Gamma (MLE) and print parameters, standard errors and log-likelihood.',
  usage: 'btyd --input FILE --format summary|cdnow|online-retail|events --model bgnbd|pareto-nbd|gamma-gamma [--unit week|day] [--cutoff ISO] [--map a=b,..]',
  options: {
    ...INPUT_OPTIONS,
    model: { type: 'string' },
    unit: { type: 'string' },
    cutoff: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const model = values.model;
    if (typeof model !== 'string' || !(MODELS as readonly string[]).includes(model)) {
      throw new CliError(`--model: expected one of ${MODELS.join(', ')}, got '${String(model ?? '')}'`);
    }
    const unit = typeof values.unit === 'string' ? values.unit : 'week';
    if (!(UNITS as readonly string[]).includes(unit)) throw new CliError(`--unit: expected week or day, got '${unit}'`);
    let data: Columns;
    const extra: Record<string, unknown> = {};
    if (values.format === 'summary') {
      if (typeof values.input !== 'string') throw new CliError('--input FILE is required');
      if (values.cutoff !== undefined) throw new CliError('--cutoff applies to event formats, not --format summary');
      data = readSummary(values.input, model === 'gamma-gamma');
    } else {
      const { log, report } = await readInput(values);
      let cutoff: number;
      if (typeof values.cutoff === 'string') {
        cutoff = Date.parse(values.cutoff);
        if (!Number.isFinite(cutoff)) throw new CliError(`--cutoff: expected an ISO 8601 date, got '${values.cutoff}'`);
      } else {
        const published = DATASET_SPLITS[String(values.format)]?.cutoff;
        let lo = Infinity, hi = -Infinity;
        for (let i = 0; i < log.length; i++) { lo = Math.min(lo, log.t[i]); hi = Math.max(hi, log.t[i]); }
        cutoff = typeof published === 'number' ? published : lo + 0.75 * (hi - lo);
      }
      try {
        const cohort = calibrationCohort(log, cutoff, -Infinity, 'btyd');
        const h = customerHistory(log, customerOffsets(log), cohort, -Infinity, cutoff, unit as 'week' | 'day');
        data = { frequency: Array.from(h.frequency), recency: Array.from(h.recency), T: Array.from(h.T), monetary: Array.from(h.monetary) };
      } catch (err) { throw asCliError(err); }
      Object.assign(extra, { cutoff: new Date(cutoff).toISOString(), unit, value_target: report.valueTarget, rows_read: report.rowsRead, rejected: report.rejected });
    }
    let fit: BgNbdFit | ParetoNbdFit | GammaGammaFit;
    try {
      if (model === 'gamma-gamma') fit = fitGammaGamma({ frequency: data.frequency, monetary: data.monetary ?? [] });
      else fit = (model === 'bgnbd' ? fitBgNbd : fitParetoNbd)({ frequency: data.frequency, recency: data.recency, T: data.T });
    } catch (err) {
      // a bad summary row: name the file and line instead of the row index
      const m = /^(baselines\/\w+): row (\d+): (.*)$/.exec((err as Error).message);
      if (m && data.lines) throw new CliError(`${String(values.input)}:${data.lines[Number(m[2]) - 1]}:1: ${m[3]}`);
      // Whole-input problems (empty cohort, no positive spend) have no row: name the file.
      throw new CliError(`${String(values.input)}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (fit.model === 'pareto-nbd' && fit.boundary) {
      // s, β → ∞ (no finite MLE): the limiting model with one dropout rate was fitted instead.
      extra.boundary = true;
      if (fit.warning) { extra.warning = fit.warning; ctx.log(`pareto-nbd: ${fit.warning}`); }
    }
    if (fit.model === 'gamma-gamma') {
      extra.excluded = { no_repeat_purchases: fit.excluded.noRepeatPurchases, non_positive_spend: fit.excluded.nonPositiveSpend };
      ctx.log(`gamma-gamma: excluded ${fit.excluded.noRepeatPurchases} customers without repeat purchases and ${fit.excluded.nonPositiveSpend} with mean repeat spend <= 0`);
    }
    const result = {
      model, params: names(fit), std_errors: { ...fit.stdErrors } as Record<string, number>, log_likelihood: fit.logLikelihood,
      n_customers: fit.nCustomers, converged: fit.converged, iterations: fit.iterations, gradient_norm: fit.gradientNorm, ...extra,
    };
    if (!ctx.json) {
      ctx.log(`${model} on ${fit.nCustomers} customers: ${Object.entries(result.params).map(([k, v]) => `${k} ${v.toFixed(4)} (se ${result.std_errors[k].toFixed(4)})`).join(', ')}; LL ${fit.logLikelihood.toFixed(2)}`);
    }
    return result;
  },
};
