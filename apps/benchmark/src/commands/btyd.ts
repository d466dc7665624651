// `clvlab btyd` (docs/architecture.md §CLI, issues 3 and 15): fit a model of the BTYD family by
// maximum likelihood and print the parameters, standard errors and log-likelihood.
//   bgnbd, pareto-nbd, mbg-nbd, ggom-nbd, gamma-gamma (continuous time, noncontractual):
//     --format summary reads a per-customer CSV with header columns frequency, recency, T
//     (+ monetary_value or monetary for gamma-gamma), like lifetimes' cdnow_customers_summary.csv;
//     any other format is read as an event log and summarised at --cutoff (default: the
//     dataset's published cutoff, else 75% of the span) in --unit (default week), with spend
//     per purchase day net of same-day returns; gamma-gamma reports the customers it excluded;
//     ggom-nbd reports `boundary` (and the warning) when the fit reduces to the Pareto/NBD.
//   bg-bb (discrete time, noncontractual): --format summary reads frequency, recency, periods
//     and an optional weight (or weights) column, one row per customer or per pattern
//     (lifetimes' donations.csv); an event log is discretised at the cutoff into periods of
//     --period (1w, 30d, …; baselines period-history.ts: whole periods counted back from the
//     cutoff, a period with a purchase is one transaction).
//   sbg (contractual): a survival table, see btyd/survival-fit.ts (projections and DERL);
//     --out DIR writes its report (sbg.json, report.md, report.html: btyd/survival-report.ts).
// Bad rows are one-line errors naming file:line.
import {
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitGgomNbd,
  fitMbgNbd,
  fitParetoNbd,
  periodHistory,
} from '@clvlab/baselines';
import { calibrationCohort, customerHistory } from '@clvlab/features';
import type { EventLog, IngestReport } from '@clvlab/events';
import { customerOffsets } from '@clvlab/events';
import { formatDuration } from '@clvlab/core';
import { DATASET_SPLITS } from '@clvlab/sessions';
import { CliError, type Command, type OptionValues } from '../command.ts';
import { asCliError, durationOption, INPUT_OPTIONS, readInput } from '../cli-input.ts';
import { readNumericCsv } from '../btyd/numeric-csv.ts';
import { survivalFit } from '../btyd/survival-fit.ts';
import { writeSurvivalReport, type SurvivalResult } from '../btyd/survival-report.ts';

const MODELS = ['bgnbd', 'pareto-nbd', 'mbg-nbd', 'ggom-nbd', 'gamma-gamma', 'bg-bb', 'sbg'] as const;
type Model = (typeof MODELS)[number];
const UNITS = ['week', 'day'] as const;

interface Fitted {
  /** Named parameters and their standard errors ({name: number}). */
  readonly params: object;
  readonly stdErrors: object;
  readonly logLikelihood: number;
  readonly nCustomers: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly gradientNorm: number;
}

/** Columns of a summary file or an event log's summary, with the file line of each row (summary files only). */
type Data = { columns: Record<string, number[]>; lines?: readonly number[] };

/** The cutoff of an event log: --cutoff, else the format's published one, else 75% of the span. */
function eventCutoff(values: OptionValues, log: EventLog): number {
  if (typeof values.cutoff === 'string') {
    const cutoff = Date.parse(values.cutoff);
    if (!Number.isFinite(cutoff)) throw new CliError(`--cutoff: expected an ISO 8601 date, got '${values.cutoff}'`);
    return cutoff;
  }
  const published = DATASET_SPLITS[String(values.format)]?.cutoff;
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < log.length; i++) {
    lo = Math.min(lo, log.t[i]);
    hi = Math.max(hi, log.t[i]);
  }
  return typeof published === 'number' ? published : lo + 0.75 * (hi - lo);
}

const eventFacts = (cutoff: number, report: IngestReport): Record<string, unknown> => ({
  cutoff: new Date(cutoff).toISOString(),
  value_target: report.valueTarget,
  rows_read: report.rowsRead,
  rejected: report.rejected,
});

/** Reads the model's input: a summary file or an event log summarised at the cutoff; `extra` collects facts for the output. */
async function readData(model: Model, values: OptionValues, extra: Record<string, unknown>): Promise<Data> {
  const period = durationOption(values, 'period');
  if (period !== undefined && model !== 'bg-bb')
    throw new CliError('--period applies to --model bg-bb (discrete periods), not continuous-time models');
  if (model === 'bg-bb' && values.unit !== undefined)
    throw new CliError('--unit applies to continuous-time models; --model bg-bb counts periods (--period)');
  const unit = typeof values.unit === 'string' ? values.unit : 'week';
  if (!(UNITS as readonly string[]).includes(unit)) throw new CliError(`--unit: expected week or day, got '${unit}'`);
  if (values.format === 'summary') {
    if (typeof values.input !== 'string') throw new CliError('--input FILE is required');
    if (values.cutoff !== undefined) throw new CliError('--cutoff applies to event formats, not --format summary');
    if (period !== undefined)
      throw new CliError('--period applies to event formats: a summary file already counts periods');
    if (model === 'bg-bb') {
      const csv = readNumericCsv(
        values.input,
        ['frequency', 'recency', 'periods'],
        'frequency,recency,periods[,weight]',
        [['weight', 'weights']],
      );
      return { columns: csv.columns, lines: csv.lines };
    }
    const csv = readNumericCsv(values.input, ['frequency', 'recency', 'T'], 'frequency,recency,T', [
      ['monetary_value', 'monetary'],
    ]);
    if (model === 'gamma-gamma' && !csv.columns.monetary_value)
      throw new CliError(`${values.input}:1:1: expected a monetary_value column for --model gamma-gamma`);
    return { columns: csv.columns, lines: csv.lines };
  }
  if (model === 'bg-bb' && period === undefined)
    throw new CliError(
      '--period is required for --model bg-bb on an event log (the length of one transaction opportunity, e.g. --period 1w)',
    );
  const { log, report } = await readInput(values);
  const cutoff = eventCutoff(values, log);
  try {
    const cohort = calibrationCohort(log, cutoff, -Infinity, 'btyd');
    if (model === 'bg-bb') {
      const h = periodHistory(log, customerOffsets(log), cohort, -Infinity, cutoff, period!);
      Object.assign(extra, eventFacts(cutoff, report), {
        period: formatDuration(period!),
        max_periods: h.periods.reduce((m, v) => Math.max(m, v), 0),
      });
      return {
        columns: { frequency: Array.from(h.frequency), recency: Array.from(h.recency), periods: Array.from(h.periods) },
      };
    }
    const h = customerHistory(log, customerOffsets(log), cohort, -Infinity, cutoff, unit as 'week' | 'day');
    Object.assign(extra, eventFacts(cutoff, report), { unit });
    return {
      columns: {
        frequency: Array.from(h.frequency),
        recency: Array.from(h.recency),
        T: Array.from(h.T),
        monetary_value: Array.from(h.monetary),
      },
    };
  } catch (err) {
    throw asCliError(err);
  }
}

/** Fits `model` to the columns; GGom/NBD's boundary goes to `extra`. */
function fitModel(
  model: Model,
  c: Record<string, number[]>,
  extra: Record<string, unknown>,
  log: (line: string) => void,
): Fitted {
  const btyd = { frequency: c.frequency, recency: c.recency, T: c.T };
  switch (model) {
    case 'gamma-gamma': {
      const fit = fitGammaGamma({ frequency: c.frequency, monetary: c.monetary_value ?? [] });
      extra.excluded = {
        no_repeat_purchases: fit.excluded.noRepeatPurchases,
        non_positive_spend: fit.excluded.nonPositiveSpend,
      };
      log(
        `gamma-gamma: excluded ${fit.excluded.noRepeatPurchases} customers without repeat purchases and ${fit.excluded.nonPositiveSpend} with mean repeat spend <= 0`,
      );
      return fit;
    }
    case 'bgnbd':
      return fitBgNbd(btyd);
    case 'mbg-nbd':
      return fitMbgNbd(btyd);
    case 'pareto-nbd': {
      const fit = fitParetoNbd(btyd);
      if (fit.boundary) {
        // s, β → ∞ (no finite MLE): the limiting model with one dropout rate was fitted instead.
        extra.boundary = true;
        if (fit.warning) {
          extra.warning = fit.warning;
          log(`pareto-nbd: ${fit.warning}`);
        }
      }
      return fit;
    }
    case 'ggom-nbd': {
      const fit = fitGgomNbd(btyd);
      extra.boundary = fit.boundary;
      if (fit.boundary) {
        // b → 0 with β/b fixed: the likelihood rises to the Pareto/NBD limit, which was fitted.
        extra.limit = { params: { ...fit.limit!.params }, std_errors: { ...fit.limit!.stdErrors } };
        if (fit.warning) {
          extra.warning = fit.warning;
          log(`ggom-nbd: ${fit.warning}`);
        }
      }
      return fit;
    }
    case 'bg-bb':
      return fitBgBb({
        frequency: c.frequency,
        recency: c.recency,
        periods: c.periods,
        ...(c.weight ? { weights: c.weight } : {}),
      });
    default:
      throw new Error(`benchmark/btyd: no fitter for '${model}'`);
  }
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : String(v));

export const command: Command = {
  name: 'btyd',
  summary:
    'Fit a BTYD-family model (BG/NBD, Pareto/NBD, MBG/NBD, GGom/NBD, Gamma-Gamma, BG/BB, sBG) by MLE; print parameters, standard errors, log-likelihood.',
  usage:
    'btyd --input FILE --format summary|cdnow|online-retail|events --model bgnbd|pareto-nbd|mbg-nbd|ggom-nbd|gamma-gamma [--unit week|day] [--cutoff ISO] [--map a=b,..]\n' +
    '  btyd --input FILE --format summary|cdnow|online-retail|events --model bg-bb [--period 1w] [--cutoff ISO]   (summary: frequency,recency,periods[,weight])\n' +
    '  btyd --input survival.csv --model sbg [--cohort NAME] [--periods K] [--cohort-size N] [--project N] [--discount 0.1] [--out DIR]',
  options: {
    ...INPUT_OPTIONS,
    model: { type: 'string' },
    unit: { type: 'string' },
    cutoff: { type: 'string' },
    period: { type: 'string' },
    cohort: { type: 'string' },
    periods: { type: 'string' },
    'cohort-size': { type: 'string' },
    project: { type: 'string' },
    discount: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const model = values.model;
    if (typeof model !== 'string' || !(MODELS as readonly string[]).includes(model)) {
      throw new CliError(`--model: expected one of ${MODELS.join(', ')}, got '${String(model ?? '')}'`);
    }
    const sbgOnly = ['cohort', 'periods', 'cohort-size', 'project', 'discount', 'out'].filter(
      (k) => values[k] !== undefined,
    );
    if (model === 'sbg') {
      const other = ['unit', 'cutoff', 'period', 'map'].filter((k) => values[k] !== undefined);
      if (other.length) throw new CliError(`--${other[0]} does not apply to --model sbg (a survival table)`);
      const result = survivalFit(values, ctx);
      if (typeof values.out !== 'string') return result;
      const command = ['clvlab btyd']
        .concat(
          Object.entries(values)
            .filter(([k, v]) => typeof v === 'string' && k !== 'out')
            .map(([k, v]) => `--${k} ${String(v)}`),
        )
        .join(' ');
      const files = await writeSurvivalReport(values.out, result as unknown as SurvivalResult, command);
      if (!ctx.json) ctx.log(`report: ${files.join(', ')}`);
      return { ...result, files };
    }
    if (sbgOnly.length) throw new CliError(`--${sbgOnly[0]} applies to --model sbg only`);
    const extra: Record<string, unknown> = {};
    const data = await readData(model as Model, values, extra);
    let fit: Fitted;
    try {
      fit = fitModel(model as Model, data.columns, extra, (line) => ctx.log(line));
    } catch (err) {
      // a bad summary row: name the file and line instead of the row index
      const m = /^(baselines\/\w+): row (\d+): (.*)$/.exec((err as Error).message);
      if (m && data.lines) throw new CliError(`${String(values.input)}:${data.lines[Number(m[2]) - 1]}:1: ${m[3]}`);
      // Whole-input problems (empty cohort, no positive spend) have no row: name the file.
      throw new CliError(`${String(values.input)}: ${(err as Error).message.split('\n')[0]}`);
    }
    const result = {
      model,
      params: { ...fit.params } as Record<string, number>,
      std_errors: { ...fit.stdErrors } as Record<string, number>,
      log_likelihood: fit.logLikelihood,
      n_customers: fit.nCustomers,
      converged: fit.converged,
      iterations: fit.iterations,
      gradient_norm: fit.gradientNorm,
      ...extra,
    };
    if (!ctx.json) {
      ctx.log(
        `${model} on ${fit.nCustomers} customers: ${Object.entries(result.params)
          .map(([k, v]) => `${k} ${fmt(v)} (se ${fmt(result.std_errors[k])})`)
          .join(', ')}; LL ${fit.logLikelihood.toFixed(2)}`,
      );
    }
    return result;
  },
};
