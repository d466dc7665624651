// `clvlab btyd --model sbg`: the shifted-beta-geometric of Fader & Hardie (2007) for contractual
// data, from a survival table (retention_fh2007/survival.csv: `year,regular_pct_alive,…`): the
// first column is the period 0, 1, 2, … (consecutive), every other column one cohort's customers
// (or percent) still active at the start of each period. One cohort (`--cohort NAME`, needed when
// the file has several) is fitted on periods 0..k (`--periods k`, default every row), optionally
// rescaled so period 0 holds `--cohort-size N` customers (percentages of a cohort of 1,000: the
// log-likelihood is then that of the counts). Printed: α, β with standard errors and LL, the
// survival S(t) and retention r_t = S(t)/S(t−1) from period 0 to `--project N` (default the last
// row, at least k + 5) beside the observed share, and the discounted expected residual lifetime
// DERL(d | α, β, n) of FH (2010) for a customer in period n = 1..5 at `--discount d` (default 0.1).
import {
  discountedExpectedResidualLifetime,
  fitShiftedBetaGeometric,
  shiftedBetaGeometricRetention,
  shiftedBetaGeometricSurvival,
} from '@clvlab/baselines';
import { CliError, type CommandContext, type OptionValues } from '../command.ts';
import { intOption, str } from '../cli-input.ts';
import { readNumericCsv } from './numeric-csv.ts';

/** Periods n for which DERL is reported (FH 2010 Table 3: a customer after 0..4 renewals). */
const DERL_PERIODS = [1, 2, 3, 4, 5];

/** Fits the sBG to one cohort of the survival table named by --input and prints the projections (see header). */
export function survivalFit(values: OptionValues, ctx: CommandContext): Record<string, unknown> {
  const path = str(values, 'input');
  if (!path) throw new CliError('--input FILE is required');
  const format = str(values, 'format');
  if (format !== undefined && format !== 'survival')
    throw new CliError(`--model sbg reads a survival table (--format survival), got --format ${format}`);
  const csv = readNumericCsv(path, [], 'period,<cohort>…', [], []);
  if (csv.header.length < 2)
    throw new CliError(
      `${path}:1:1: expected a header period,<cohort>,… with at least one cohort column (got '${csv.header.join(',')}')`,
    );
  const cohorts = csv.header.slice(1);
  const cohort = str(values, 'cohort') ?? (cohorts.length === 1 ? cohorts[0] : undefined);
  if (cohort === undefined)
    throw new CliError(`--cohort: the file has ${cohorts.length} cohorts (${cohorts.join(', ')}); name one`);
  if (!cohorts.includes(cohort)) throw new CliError(`--cohort: expected one of ${cohorts.join(', ')}, got '${cohort}'`);
  const table = readNumericCsv(path, [csv.header[0], cohort], `${csv.header[0]},${cohort}`);
  const period = table.columns[csv.header[0]],
    observed = table.columns[cohort];
  period.forEach((t, i) => {
    if (t !== i)
      throw new CliError(
        `${path}:${table.lines[i]}:1: expected period ${i} (periods run 0, 1, 2, … one per row), got ${t}`,
      );
  });
  const last = period.length - 1;
  const k = intOption(values, 'periods', { min: 1 }) ?? last;
  if (k > last) throw new CliError(`--periods: the file has periods 0..${last}, got ${k}`);
  const size = intOption(values, 'cohort-size', { min: 1 });
  const projectTo = intOption(values, 'project', { min: 1 }) ?? Math.max(last, k + 5);
  const discountText = str(values, 'discount') ?? '0.1';
  const discount = Number(discountText);
  if (!(Number.isFinite(discount) && discount > 0))
    throw new CliError(`--discount: expected a discount rate per period > 0, got '${discountText}'`);
  const scale = size === undefined ? 1 : size / observed[0];
  const alive = observed.slice(0, k + 1).map((v) => v * scale);
  let fit;
  try {
    fit = fitShiftedBetaGeometric(alive);
  } catch (err) {
    // a bad count names its period: report it at the file line of that period
    const message = (err as Error).message;
    const m = /^baselines\/\w+: period (\d+): (.*)$/.exec(message);
    if (m) throw new CliError(`${path}:${table.lines[Number(m[1])]}:1: ${cohort}: ${m[2]}`);
    throw new CliError(`${path}: ${message.split('\n')[0]}`);
  }
  const survival = shiftedBetaGeometricSurvival(fit.params, projectTo),
    retention = shiftedBetaGeometricRetention(fit.params, projectTo);
  const n0 = observed[0];
  const projection = Array.from(survival, (s, t) => ({
    period: t,
    observed: t <= last ? observed[t] : null,
    projected: n0 * s,
    survival: s,
    retention: t === 0 ? null : retention[t - 1],
    fitted: t <= k,
  }));
  const derl = DERL_PERIODS.map((n) => ({
    period: n,
    derl: discountedExpectedResidualLifetime(fit.params, discount, n),
  }));
  const result = {
    model: 'sbg',
    cohort,
    params: { ...fit.params },
    std_errors: { ...fit.stdErrors },
    log_likelihood: fit.logLikelihood,
    n_customers: fit.nCustomers,
    periods: fit.periods,
    converged: fit.converged,
    iterations: fit.iterations,
    gradient_norm: fit.gradientNorm,
    ...(size !== undefined ? { cohort_size: size } : {}),
    projection,
    discount_rate: discount,
    derl,
  };
  if (!ctx.json) {
    ctx.log(
      `sbg on ${cohort} (periods 0..${k}, cohort ${fit.nCustomers}): alpha ${fit.params.alpha.toFixed(4)} (se ${fit.stdErrors.alpha.toFixed(4)}), ` +
        `beta ${fit.params.beta.toFixed(4)} (se ${fit.stdErrors.beta.toFixed(4)}); LL ${fit.logLikelihood.toFixed(2)}`,
    );
    ctx.log('period  observed  projected  survival  retention');
    for (const p of projection) {
      ctx.log(
        `${String(p.period).padStart(6)}  ${(p.observed === null ? '' : p.observed.toFixed(1)).padStart(8)}  ${p.projected.toFixed(1).padStart(9)}  ` +
          `${p.survival.toFixed(4).padStart(8)}  ${(p.retention === null ? '' : p.retention.toFixed(4)).padStart(9)}${p.fitted ? '' : '  (projected)'}`,
      );
    }
    ctx.log(
      `DERL at d = ${discount} for a customer in period n: ${derl.map((d) => `n ${d.period}: ${d.derl.toFixed(2)}`).join(', ')}`,
    );
  }
  return result;
}
