// The reference datasets of the BTYD-family tests, read from ../shared/data (beside the
// repository, never copied into it) the way fixtures.ts finds CDNOW, plus a finite-difference
// gradient check shared by the model tests.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { dynamicCovariateSet } from '../src/index.ts';
import type { DynamicCovariateTable } from '../src/index.ts';

export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

/** A headed CSV as an array of string rows (header removed) and its column names. */
export function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(`${SHARED_DATA}${path}`, 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** donations.csv (Fader, Hardie & Shang 2010): one row per (x, t_x) pattern, n = 6, with weights. */
export function donations(): { frequency: number[]; recency: number[]; periods: number[]; weights: number[] } {
  const { rows } = readCsv('donations/donations.csv');
  return {
    frequency: rows.map((r) => +r[0]),
    recency: rows.map((r) => +r[1]),
    periods: rows.map((r) => +r[2]),
    weights: rows.map((r) => +r[3]),
  };
}

/** survival.csv (Fader & Hardie 2007, Table 1): customers alive at the start of years 0..12 out of 1,000. */
export function retention(): { regular: number[]; highEnd: number[] } {
  const { rows } = readCsv('retention_fh2007/survival.csv');
  return { regular: rows.map((r) => Math.round(+r[1] * 10)), highEnd: rows.map((r) => Math.round(+r[2] * 10)) };
}

/**
 * Checks an analytic gradient against central differences of the function itself:
 * |g − fd| < tol·(1 + |fd|) for every coordinate.
 */
export function expectGradient(
  f: (theta: Float64Array, grad: Float64Array) => number,
  theta: Float64Array,
  tol = 1e-6,
  h = 1e-6,
): void {
  const g = new Float64Array(theta.length),
    scratch = new Float64Array(theta.length);
  f(theta, g);
  for (let j = 0; j < theta.length; j++) {
    const tp = theta.slice(),
      tm = theta.slice();
    tp[j] += h;
    tm[j] -= h;
    const fd = (f(tp, scratch) - f(tm, scratch)) / (2 * h);
    expect(Math.abs(g[j] - fd), `coordinate ${j}: analytic ${g[j]} vs central difference ${fd}`).toBeLessThan(
      tol * (1 + Math.abs(fd)),
    );
  }
}

const DAY = 86_400_000;
/**
 * apparelTrans.csv summarised as CLVTools' clvdata(time.unit = 'week', estimation.split = weeks):
 * same-day transactions merged, estimation end = first date of the data + `weeks` weeks
 * (inclusive), x = repeat transaction days up to it, t_x and T = (last, end) − first in weeks.
 */
export function apparelSummary(weeks = 104): {
  ids: string[];
  frequency: number[];
  recency: number[];
  T: number[];
  firstMs: number[];
  endMs: number;
} {
  const { rows } = readCsv('apparel/apparelTrans.csv');
  const days = new Map<string, Set<number>>();
  let start = Infinity;
  for (const [id, date] of rows) {
    const t = Date.parse(`${date}T00:00:00Z`);
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(t);
    start = Math.min(start, t);
  }
  const endMs = start + weeks * 7 * DAY;
  const ids = [...days.keys()].sort((a, b) => Number(a) - Number(b));
  const out = {
    ids: [] as string[],
    frequency: [] as number[],
    recency: [] as number[],
    T: [] as number[],
    firstMs: [] as number[],
    endMs,
  };
  for (const id of ids) {
    const ts = [...days.get(id)!].filter((t) => t <= endMs).sort((a, b) => a - b);
    if (ts.length === 0) continue;
    out.ids.push(id);
    out.firstMs.push(ts[0]);
    out.frequency.push(ts.length - 1);
    out.recency.push((ts[ts.length - 1] - ts[0]) / (7 * DAY));
    out.T.push((endMs - ts[0]) / (7 * DAY));
  }
  return out;
}

/** apparelStaticCov.csv as a covariate table (Gender, Channel: 0/1). */
export function apparelStaticCovariates(): { ids: string[]; columns: { Gender: number[]; Channel: number[] } } {
  const { rows } = readCsv('apparel/apparelStaticCov.csv');
  return { ids: rows.map((r) => r[0]), columns: { Gender: rows.map((r) => +r[1]), Channel: rows.map((r) => +r[2]) } };
}

/**
 * apparelDynCov.csv.gz for the first `weeks` weekly periods from 2005-01-02 (every apparel
 * customer's first purchase day) as DynamicCovariates columns, plus the matching histories with
 * repeat purchase times in weeks, for the customers of apparelSummary(weeks).
 */
export function apparelDynamic(weeks = 104): {
  histories: { first: number[]; T: number[]; purchaseOffsets: number[]; purchaseTimes: number[] };
  boundaries: number[];
  values: (cols: readonly string[]) => Float64Array;
  table: DynamicCovariateTable;
  summary: ReturnType<typeof apparelSummary>;
} {
  const summary = apparelSummary(weeks);
  const origin = Date.UTC(2005, 0, 2);
  const { rows: trans } = readCsv('apparel/apparelTrans.csv');
  const days = new Map<string, Set<number>>();
  for (const [id, date] of trans) {
    const t = Date.parse(`${date}T00:00:00Z`);
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(t);
  }
  const histories = { first: [] as number[], T: [] as number[], purchaseOffsets: [0], purchaseTimes: [] as number[] };
  summary.ids.forEach((id, i) => {
    const f = summary.firstMs[i];
    histories.first.push((f - origin) / (7 * DAY));
    histories.T.push(summary.T[i]);
    for (const t of [...days.get(id)!].filter((t) => t > f && t <= summary.endMs).sort((a, b) => a - b))
      histories.purchaseTimes.push((t - f) / (7 * DAY));
    histories.purchaseOffsets.push(histories.purchaseTimes.length);
  });
  const text = gunzipSync(readFileSync(`${SHARED_DATA}apparel/apparelDynCov.csv.gz`))
    .toString('utf8')
    .trim()
    .split(/\r?\n/);
  const header = text[0].split(','),
    lines = text.slice(1).map((l) => l.split(','));
  const table = {
    ids: lines.map((r) => r[0]),
    periodStarts: lines.map((r) => Math.round((Date.parse(`${r[1]}T00:00:00Z`) - origin) / (7 * DAY))),
    columns: Object.fromEntries(header.slice(2).map((c, j) => [c, lines.map((r) => Number(r[j + 2]))])),
  };
  const boundaries = Array.from({ length: weeks + 1 }, (_, m) => m);
  const values = (cols: readonly string[]): Float64Array =>
    dynamicCovariateSet(summary.ids, boundaries, table, cols).values;
  return { histories, boundaries, values, table, summary };
}
