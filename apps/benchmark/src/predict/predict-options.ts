// The options of `clvlab predict` (docs/architecture.md §CLI), checked before the input is
// read, each bad value a one-line CliError. --as-of is only parsed here; whether it lies inside
// the data is checked once the log is read (predict.ts).
import { parseDuration, parseInteger } from '@clvlab/core';
import { CliError, type OptionValues } from '../command.ts';
import { str } from '../cli-input.ts';

export interface PredictOptions {
  /** Model specs in --model order (the first gives the top-level columns). */
  readonly models: readonly string[];
  /** Epoch ms, or null = end of data. */
  readonly asOf: number | null;
  readonly horizonMs: number;
  /** The text given, for the summary (`52w`). */
  readonly horizonText: string;
  readonly unit: 'week' | 'day';
  /** Annual discount rate d ≥ 0. */
  readonly discountRate: number;
  readonly margin: number;
  readonly seed: number;
  /** Session gap in ms (the encoders' session fields). */
  readonly gapMs: number | undefined;
  readonly out: string;
}

/** Defaults: a 10% annual cost of capital (as DEFAULT_CLV), revenue as value (margin 1), weeks, seed 1. */
export const DEFAULT_PREDICT = Object.freeze({ discountRate: 0.1, margin: 1, unit: 'week' as const, seed: 1 });

/** A core parser's error (`--name: expected …`) as the CLI's one-line user error. */
function cli<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

function duration(values: OptionValues, name: string): number | undefined {
  const text = str(values, name);
  return text === undefined ? undefined : cli(() => parseDuration(text, `--${name}`));
}

function number(values: OptionValues, name: string, fallback: number, pattern: RegExp, expected: string): number {
  const text = str(values, name);
  if (text === undefined) return fallback;
  const m = pattern.exec(text.trim());
  const v = m ? Number(m[1]) : Number.NaN;
  if (!Number.isFinite(v)) throw new CliError(`--${name}: expected ${expected}, got '${text}'`);
  return v;
}

/** Parses and checks every option but the input (cli-input.ts readInput). */
export function predictOptions(values: OptionValues): PredictOptions {
  const modelText = str(values, 'model');
  if (modelText === undefined) throw new CliError('--model NAME[,NAME..] is required (e.g. bgnbd-gg,rfm-linear)');
  const models = modelText.split(',').map((s) => s.trim());
  if (models.some((m) => m === ''))
    throw new CliError(`--model: expected a comma-separated list of model specs, got '${modelText}'`);
  const twice = models.find((m, i) => models.indexOf(m) !== i);
  if (twice !== undefined) throw new CliError(`--model: '${twice}' is named twice`);
  const out = str(values, 'out');
  if (out === undefined) throw new CliError('--out scores.csv is required');
  const horizonText = str(values, 'horizon');
  if (horizonText === undefined) throw new CliError('--horizon is required (e.g. 52w, 39w, 90d)');
  const horizonMs = duration(values, 'horizon')!;
  if (!(horizonMs > 0)) throw new CliError(`--horizon: expected a duration > 0, got '${horizonText}'`);
  const asOfText = str(values, 'as-of');
  const asOf = asOfText === undefined ? null : Date.parse(asOfText);
  if (asOf !== null && !Number.isFinite(asOf))
    throw new CliError(`--as-of: expected an ISO 8601 date such as 1997-10-01, got '${asOfText}'`);
  const unit = str(values, 'unit') ?? DEFAULT_PREDICT.unit;
  if (unit !== 'week' && unit !== 'day') throw new CliError(`--unit: expected week or day, got '${unit}'`);
  const discountRate = number(
    values,
    'discount-rate',
    DEFAULT_PREDICT.discountRate,
    /^(-?[\d.]+(?:e-?\d+)?)(?:\s*\/\s*year)?$/i,
    'an annual rate ≥ 0 such as 0.10 or 0.10/year',
  );
  if (!(discountRate >= 0))
    throw new CliError(
      `--discount-rate: expected an annual rate ≥ 0 such as 0.10 or 0.10/year, got '${str(values, 'discount-rate')}'`,
    );
  const margin = number(values, 'margin', DEFAULT_PREDICT.margin, /^(-?[\d.]+(?:e-?\d+)?)$/i, 'a number > 0');
  if (!(margin > 0))
    throw new CliError(
      `--margin: expected a number > 0 (the share of revenue that is profit), got '${str(values, 'margin')}'`,
    );
  const seedText = str(values, 'seed');
  const seed = seedText === undefined ? DEFAULT_PREDICT.seed : cli(() => parseInteger(seedText, { where: '--seed' }));
  return Object.freeze({
    models: Object.freeze(models),
    asOf,
    horizonMs,
    horizonText,
    unit,
    discountRate,
    margin,
    seed,
    gapMs: duration(values, 'gap'),
    out,
  });
}
