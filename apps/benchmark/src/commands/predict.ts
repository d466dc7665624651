// `clvlab predict` (docs/architecture.md §CLI, issue 14 §1): the production use, no holdout.
// Every --model is fitted or trained on all history before --as-of (default: the end of the data)
// and scores every customer with a purchase before it, over --horizon:
//   BTYD models (bgnbd-gg, pareto-nbd-gg) are fitted label-free on the summary at as-of
//     (predict/btyd-forecaster.ts: P(alive), expected purchases, Gamma-Gamma spend, DERT-style
//     discounted CLV);
//   every other registered model learns from the last full horizon before as-of, as the temporal
//     protocol does (predict/forecast-split.ts; 80/20 train/valid, no test fold), and is run as
//     the benchmark runs it (predict/model-forecaster.ts).
// Output: scores.csv (atomic) with customer_id, the BTYD triple (frequency, recency, T in --unit),
// expected_purchases, p_alive, expected_spend_per_purchase (from the first BTYD model named, empty
// without one), expected_value, clv, repurchase_probability (from the first --model), rfm_segment,
// lifecycle_stage, then one `<spec>.<column>` group per model; encoder embeddings as Zarr groups
// beside it (`<out stem>.<spec>.embeddings.zarr`). --json prints the summary.
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '@clvlab/core/node';
import { customerOffsets, type EventLog } from '@clvlab/events';
import { calibrationCohort, lifecycleStage, rfmColumns, rfmSegment, rfmTiers } from '@clvlab/features';
import { endOfData, splitSessions, type ModelTask } from '@clvlab/sessions';
import { CliError, type Command, type CommandContext } from '../command.ts';
import { accountingJson, asCliError, INPUT_OPTIONS, readInput } from '../cli-input.ts';
import { coRatingGraphFeatures } from '../datasets/graph-features.ts';
import { modelEntry } from '../models/model-registry.ts';
import { sealedTask, sealPayload } from '../runner/sealed-task.ts';
import { createForecaster } from '../predict/create-forecaster.ts';
import { forecastSplit } from '../predict/forecast-split.ts';
import type { ForecastColumns, Forecaster } from '../predict/forecaster.ts';
import { predictOptions } from '../predict/predict-options.ts';
import { scoresCsv, type ScoreColumn } from '../predict/scores-csv.ts';
import { writeForecastEmbeddings } from '../predict/write-forecast-embeddings.ts';

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

/** First event and the end of the data (endOfData: the whole last day of a daily-dated log). */
function dataWindow(log: EventLog): { first: number; end: number } {
  let first = Infinity,
    last = -Infinity,
    daily = true;
  for (const t of log.t) {
    first = Math.min(first, t);
    last = Math.max(last, t);
    daily &&= t % DAY_MS === 0;
  }
  return { first, end: endOfData(last, daily) };
}

/** A progress callback that logs at most every 10 s (encoder training can take minutes). */
function throttledProgress(ctx: CommandContext, name: string): ModelTask['progress'] {
  let next = 0;
  return (fraction, message) => {
    const now = performance.now();
    if (now < next) return;
    next = now + 10_000;
    ctx.log(`predict: ${name}: ${Math.round(fraction * 100)}% ${message}`);
  };
}

const COLUMN_NAMES = [
  'expected_purchases',
  'p_alive',
  'expected_spend_per_purchase',
  'expected_value',
  'clv',
  'repurchase_probability',
] as const;

/** A model's six value columns, NaN where it has none (the BTYD ones of a non-BTYD model). */
function valueColumns(c: ForecastColumns | undefined, b: ForecastColumns | undefined, n: number): ArrayLike<number>[] {
  const none = new Float64Array(n).fill(Number.NaN);
  const btyd = b?.btyd;
  return [
    btyd?.expectedPurchases ?? none,
    btyd?.pAlive ?? none,
    btyd?.spend ?? none,
    c?.expectedValue ?? none,
    c?.clv ?? none,
    c?.repurchase ?? none,
  ];
}

export const command: Command = {
  name: 'predict',
  summary:
    'Score every customer as of a date (no holdout): expected purchases, P(alive), spend, value, discounted CLV, repurchase, RFM segment, lifecycle stage per model → scores.csv.',
  usage:
    'predict --input FILE --format F --model NAME[,..] [--as-of ISO (end of data)] --horizon 52w [--unit week|day] ' +
    '[--discount-rate 0.10/year] [--margin 1] [--seed 1] [--gap 30m] --out scores.csv',
  options: {
    ...INPUT_OPTIONS,
    model: { type: 'string' },
    'as-of': { type: 'string' },
    horizon: { type: 'string' },
    unit: { type: 'string' },
    'discount-rate': { type: 'string' },
    margin: { type: 'string' },
    seed: { type: 'string' },
    gap: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const started = performance.now();
    const o = predictOptions(values);
    let forecasters: Forecaster[];
    try {
      forecasters = o.models.map(createForecaster);
    } catch (err) {
      throw asCliError(err);
    }
    const { log, report } = await readInput(values);
    const input = String(values.input),
      readSeconds = (performance.now() - started) / 1000;
    try {
      const { first, end } = dataWindow(log);
      const asOf = o.asOf ?? end;
      if (!(asOf > first && asOf <= end))
        throw new CliError(`--as-of ${iso(asOf)} is outside the data (${iso(first)} .. ${iso(end)})`);
      let customers: Int32Array;
      try {
        customers = calibrationCohort(log, asOf, first);
      } catch {
        throw new CliError(
          `no customer has a purchase between ${iso(first)} and --as-of ${iso(asOf)}: nothing to score`,
        );
      }
      const datasetId = basename(input);
      const split = forecastSplit(log, customers, first, asOf, o.horizonMs, o.seed);
      const sealed = sealPayload({
        id: datasetId,
        log,
        session: splitSessions(log, o.gapMs),
        offsets: customerOffsets(log),
        split,
      });
      const needsGraph = o.models.some((m) => modelEntry(m).needsGraph);
      const graph = needsGraph ? (await coRatingGraphFeatures(sealed.log, split)).features : {};
      const history = rfmColumns(sealed.log, sealed.offsets, customers, first, asOf, o.unit);
      const n = customers.length;
      ctx.log(`predict: ${n} customers with a purchase before ${iso(asOf)}, horizon ${o.horizonText}`);

      const results: { forecaster: Forecaster; columns: ForecastColumns; seconds: number }[] = [];
      for (const f of forecasters) {
        const t0 = performance.now();
        const task = sealedTask({ ...sealed, ...graph }, split, o.seed, throttledProgress(ctx, f.name));
        const columns = await f.forecast({
          task,
          horizonMs: o.horizonMs,
          unit: o.unit,
          discountRate: o.discountRate,
          margin: o.margin,
          datasetId,
        });
        const seconds = (performance.now() - t0) / 1000;
        results.push({ forecaster: f, columns, seconds });
        ctx.log(
          `predict: ${f.name}: ${seconds.toFixed(1)} s, expected value ${sum(columns.expectedValue).toFixed(2)}, clv ${sum(columns.clv).toFixed(2)}`,
        );
      }

      const tiers = rfmTiers(history);
      const firstBtyd = results.find((r) => r.forecaster.btyd)?.columns;
      const ids = Array.from(customers, (c) => log.customerIds[c]);
      const h = history.history;
      const columns: ScoreColumn[] = [
        { name: 'customer_id', values: ids },
        { name: 'frequency', values: h.frequency },
        { name: 'recency', values: h.recency },
        { name: 'T', values: h.T },
        ...valueColumns(results[0].columns, firstBtyd, n).map((values, k) => ({ name: COLUMN_NAMES[k], values })),
        {
          name: 'rfm_segment',
          values: Array.from(customers, (_, i) => rfmSegment(tiers.recency[i], tiers.frequency[i], tiers.monetary[i])),
        },
        { name: 'lifecycle_stage', values: lifecycleStage(h) },
      ];
      for (const r of results) {
        const own = valueColumns(r.columns, r.columns, n);
        COLUMN_NAMES.forEach((name, k) => {
          if (r.forecaster.btyd || k >= 3) columns.push({ name: `${r.forecaster.name}.${name}`, values: own[k] });
        });
      }
      writeFileAtomic(o.out, scoresCsv(columns, n));

      const embeddings: Record<string, string> = {};
      const stem = join(dirname(o.out), basename(o.out).replace(/\.csv$/i, ''));
      for (const r of results) {
        const e = r.columns.embedding;
        if (!e) continue;
        const path = `${stem}.${r.forecaster.name.replace(/[^A-Za-z0-9.+_-]/g, '_')}.embeddings.zarr`;
        await writeForecastEmbeddings(path, {
          model: r.forecaster.name,
          dim: e.dim,
          data: e.data,
          customers,
          customerIds: ids,
          value: r.columns.expectedValue,
          repurchase: r.columns.repurchase,
          asOf,
        });
        embeddings[r.forecaster.name] = path;
      }

      const total = (c: ForecastColumns): Record<string, number> => ({
        expected_value: sum(c.expectedValue),
        clv: sum(c.clv),
        ...(c.btyd ? { expected_purchases: sum(c.btyd.expectedPurchases) } : {}),
      });
      const result = {
        input,
        format: String(values.format),
        out: o.out,
        as_of: iso(asOf),
        horizon: o.horizonText,
        horizon_units: o.horizonMs / (o.unit === 'week' ? 7 * DAY_MS : DAY_MS),
        unit: o.unit,
        discount_rate: o.discountRate,
        margin: o.margin,
        seed: o.seed,
        customers_scored: n,
        totals: total(results[0].columns),
        models: results.map((r) => ({
          name: r.forecaster.name,
          family: r.forecaster.family,
          btyd: r.forecaster.btyd,
          seconds: r.seconds,
          totals: total(r.columns),
          info: r.columns.info,
        })),
        embeddings,
        read_seconds: readSeconds,
        seconds: (performance.now() - started) / 1000,
        ...accountingJson(report),
      };
      if (!ctx.json)
        ctx.log(`predict: ${n} customers × ${results.length} models -> ${o.out} in ${result.seconds.toFixed(1)} s`);
      return result;
    } catch (err) {
      throw asCliError(err);
    }
  },
};
