// `clvlab predict` (issue 14 §1) on the real CDNOW sample (Fader, Hardie & Lee 2005, "Counting
// your customers the easy way": 2,357 customers, calibration 1997-01-01..09-30, 39-week holdout):
//   - as of 1997-10-01, 39 weeks, BG/NBD: customer 0001 (x = 2, t_x = 30.43, T = 38.86) expects
//     1.226 purchases (FHL 2005 §4) within 0.5%; the sums over customers vs the actual holdout;
//   - P(alive), E[Y(t)] and the discounted expected transactions (DECT, DERT-style) of BG/NBD and
//     Pareto/NBD against numerical integration of each model over its latent rates (scipy quad,
//     a python3 child process), and the Pareto/NBD discounted CLV against its closed form
//     P(alive)·(r+x)/(α+T)·(β+T)^s e^{δ(β+T)} δ^{s−1} [Γ(1−s, δ(β+T)) − Γ(1−s, δ(β+T+H))];
//   - the bgnbd-gg columns equal the registry's benchmark model on the same history;
//   - as of the end of data: rfm-linear and a tiny transformer learn from the last full horizon,
//     their clv is value × (1 − e^{−δH})/(δH), the transformer's embeddings land in Zarr;
//   - bad input (as-of outside the data, negative discount rate, unknown model, no customer with
//     a purchase, a horizon too long for a supervised model) → exit 2 and one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBaselineModel } from '@clvlab/baselines';
import { EventType, customerOffsets, type EventLog } from '@clvlab/events';
import { readEventLog, readZarrGroup } from '@clvlab/events/node';
import { ENCODER_PRESETS } from '@clvlab/behavior-encoder';
import { evaluationSplit, splitSessions } from '@clvlab/sessions';
import { beforeAll, describe, expect, it } from 'vitest';
import { command } from '../src/commands/predict.ts';
import type { OptionValues } from '../src/command.ts';
import { runCli } from './run-cli.ts';

const SAMPLE = fileURLToPath(new URL('../../../../shared/data/cdnow/CDNOW_sample.txt.gz', import.meta.url));
const DAY_MS = 86_400_000,
  WEEK_MS = 7 * DAY_MS,
  YEAR_DAYS = 365.25;
const AS_OF = Date.UTC(1997, 9, 1),
  HOLDOUT_END = Date.UTC(1998, 6, 1);
const RATE = 0.1,
  MARGIN = 0.5;

interface Scores {
  header: string[];
  rows: Map<string, Record<string, string>>;
}

function readScores(path: string): Scores {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const header = head.split(',');
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split(',');
    rows.set(cells[0], Object.fromEntries(header.map((h, k) => [h, cells[k]])));
  }
  return { header, rows };
}

async function predict(values: OptionValues): Promise<Record<string, unknown>> {
  return command.run(values, [], { json: true, log: () => undefined, interactive: false });
}

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

// Numerical integration of the models over their latent rates, and the Pareto/NBD closed form.
// BG/NBD (FHL 2005 eq. 3): alive weight (1−p)^x λ^x e^{−λT}, dead weight p(1−p)^{x−1} λ^x e^{−λ t_x},
// prior λ ~ Gamma(r, α), p ~ Beta(a, b); alive at T with (λ, p), purchases arrive at rate
// λ e^{−λpu}, so E[Y(H)] = (1 − e^{−λpH})/p and DECT = λ(1 − e^{−(δ+λp)H})/(δ+λp).
// Pareto/NBD: alive λ^x e^{−(λ+μ)T}, dead λ^x μ/(λ+μ)(e^{−(λ+μ)t_x} − e^{−(λ+μ)T}), priors
// Gamma(r, α), Gamma(s, β); alive: E[Y(H)] = λ(1 − e^{−μH})/μ, DECT = λ(1 − e^{−(δ+μ)H})/(δ+μ).
// Substitutions: λ = w/c (and w = z^{1/(x+r)} when x + r < 1), p = u^{1/a}, μ = v^{1/s}.
const REFERENCE_PY = String.raw`
import json, sys, math
from scipy import integrate, special
req = json.load(sys.stdin)
H, d = req['H'], req['delta']
def quad(f, a, b):
    return integrate.quad(f, a, b, epsabs=0, epsrel=1e-9, limit=200)[0]
def lam(k, c, g):
    # ∫_0^∞ λ^{k−1} e^{−cλ} g(λ) dλ, with λ = w/c (and w = z^{1/k} when k < 1)
    if k < 1:
        inner = quad(lambda z: g(z ** (1 / k) / c) * math.exp(-z ** (1 / k)) / k, 0, math.inf)
    else:
        inner = quad(lambda w: math.exp((k - 1) * math.log(w) - w) * g(w / c) if w > 0 else 0.0, 0, math.inf)
    return inner / c ** k
def bgnbd(p, x, tx, T):
    r, al, a, b = p['r'], p['alpha'], p['a'], p['b']
    k = x + r
    moments = [
        lambda pp: (1 - pp) ** (x + b - 1) * lam(k, al + T, lambda l: 1.0),
        lambda pp: pp * (1 - pp) ** (x + b - 2) * lam(k, al + tx, lambda l: 1.0) if x > 0 else 0.0,
        lambda pp: (1 - pp) ** (x + b - 1) * lam(k, al + T, lambda l: -math.expm1(-l * pp * H) / pp),
        lambda pp: (1 - pp) ** (x + b - 1) * lam(k, al + T, lambda l: l * -math.expm1(-(d + l * pp) * H) / (d + l * pp)),
    ]
    m = [quad(lambda u, f=f: f(u ** (1 / a)), 0, 1) for f in moments]
    z = m[0] + m[1]
    return {'p_alive': m[0] / z, 'expected': m[2] / z, 'dect': m[3] / z}
def pnbd(p, x, tx, T):
    r, al, s, be = p['r'], p['alpha'], p['s'], p['beta']
    k = x + r
    alive = lambda mu: math.exp(-(be + T) * mu)
    terms = [
        lambda mu: alive(mu) * lam(k, al + T, lambda l: 1.0),
        lambda mu: math.exp(-(be + tx) * mu) * lam(k, al + tx, lambda l: mu / (l + mu) * -math.expm1(-(l + mu) * (T - tx))),
        lambda mu: alive(mu) * lam(k, al + T, lambda l: l * -math.expm1(-mu * H) / mu),
        lambda mu: alive(mu) * lam(k, al + T, lambda l: l * -math.expm1(-(d + mu) * H) / (d + mu)),
    ]
    m = [quad(lambda v, f=f: f(v ** (1 / s)) / s, 0, math.inf) for f in terms]
    z = m[0] + m[1]
    B = be + T
    bracket = special.gamma(1 - s) * (special.gammaincc(1 - s, d * B) - special.gammaincc(1 - s, d * (B + H)))
    closed = (r + x) / (al + T) * B ** s * math.exp(d * B) * d ** (s - 1) * bracket
    return {'p_alive': m[0] / z, 'expected': m[2] / z, 'dect': m[3] / z, 'closed_dect_given_alive': closed}
out = [{'bgnbd': bgnbd(req['bgnbd'], *cu), 'pnbd': pnbd(req['pnbd'], *cu)} for cu in req['customers']]
print(json.dumps(out))
`;

/** Distinct purchase days and revenue per customer id in [from, to). */
function holdoutActuals(log: EventLog, from: number, to: number): { days: number; revenue: number } {
  const offsets = customerOffsets(log);
  let days = 0,
    revenue = 0;
  for (let c = 0; c < log.customerIds.length; c++) {
    let prev = -1;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (log.type[i] !== EventType.purchase || log.t[i] < from || log.t[i] >= to) continue;
      revenue += log.amount[i];
      const day = Math.floor(log.t[i] / DAY_MS);
      if (day !== prev) days++;
      prev = day;
    }
  }
  return { days, revenue };
}

describe('clvlab predict on the CDNOW sample as of 1997-10-01, 39 weeks (BTYD)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-predict-'));
  const out = join(dir, 'scores.csv');
  let scores: Scores;
  let summary: Record<string, unknown>;
  let log: EventLog;

  beforeAll(async () => {
    summary = await predict({
      input: SAMPLE,
      format: 'cdnow',
      model: 'bgnbd-gg,pareto-nbd-gg',
      'as-of': '1997-10-01',
      horizon: '39w',
      'discount-rate': '0.10/year',
      margin: String(MARGIN),
      out,
    });
    scores = readScores(out);
    log = (await readEventLog(SAMPLE, { format: 'cdnow' })).log;
  });

  it('writes one row per customer with the documented columns, atomically, and a --json summary', () => {
    const groups = (m: string, btyd: boolean): string[] =>
      [
        ...(btyd ? ['expected_purchases', 'p_alive', 'expected_spend_per_purchase'] : []),
        'expected_value',
        'clv',
        'repurchase_probability',
      ].map((c) => `${m}.${c}`);
    expect(scores.header).toEqual([
      'customer_id',
      'frequency',
      'recency',
      'T',
      'expected_purchases',
      'p_alive',
      'expected_spend_per_purchase',
      'expected_value',
      'clv',
      'repurchase_probability',
      'rfm_segment',
      'lifecycle_stage',
      ...groups('bgnbd-gg', true),
      ...groups('pareto-nbd-gg', true),
    ]);
    expect(scores.rows.size).toBe(2357);
    expect(readdirSync(dir)).toEqual(['scores.csv']);
    expect(summary).toMatchObject({
      customers_scored: 2357,
      as_of: '1997-10-01T00:00:00.000Z',
      horizon: '39w',
      horizon_units: 39,
      unit: 'week',
      discount_rate: 0.1,
      margin: MARGIN,
    });
    const models = summary.models as { name: string; totals: Record<string, number>; seconds: number }[];
    expect(models.map((m) => m.name)).toEqual(['bgnbd-gg', 'pareto-nbd-gg']);
    expect((summary.totals as Record<string, number>).expected_value).toBeCloseTo(models[0].totals.expected_value, 6);
    for (const row of scores.rows.values()) {
      expect(row.expected_value).toBe(row['bgnbd-gg.expected_value']); // the first --model is the top level
      expect(Number(row.p_alive)).toBeGreaterThan(0);
      expect(Number(row.p_alive)).toBeLessThanOrEqual(1);
    }
  });

  it('customer 0001 (x = 2, t_x = 30.43, T = 38.86) expects 1.226 purchases in 39 weeks (FHL 2005) within 0.5%', () => {
    const row = scores.rows.get('0001')!;
    expect([Number(row.frequency), Number(row.recency).toFixed(2), Number(row.T).toFixed(2)]).toEqual([
      2,
      '30.43',
      '38.86',
    ]);
    expect(relErr(Number(row['bgnbd-gg.expected_purchases']), 1.226)).toBeLessThan(0.005);
  });

  it('sums over customers track the actual holdout (1997-10-01 .. 1998-06-30)', () => {
    const actual = holdoutActuals(log, AS_OF, HOLDOUT_END);
    const total = (col: string): number => [...scores.rows.values()].reduce((s, r) => s + Number(r[col]), 0);
    const figures = {
      actual_purchase_days: actual.days,
      bgnbd: total('bgnbd-gg.expected_purchases'),
      pnbd: total('pareto-nbd-gg.expected_purchases'),
      actual_revenue: actual.revenue,
      bgnbd_value: total('bgnbd-gg.expected_value'),
      pnbd_value: total('pareto-nbd-gg.expected_value'),
    };
    console.log(`predict CDNOW holdout: ${JSON.stringify(figures)}`);
    // Same-day purchases are one occasion; both models under-forecast this holdout by ~12% (tracking-data.ts benchmark).
    for (const k of ['bgnbd', 'pnbd'] as const) expect(figures[k] / actual.days).toBeGreaterThan(0.85);
    for (const k of ['bgnbd', 'pnbd'] as const) expect(figures[k] / actual.days).toBeLessThan(1);
    for (const k of ['bgnbd_value', 'pnbd_value'] as const)
      expect(relErr(figures[k], actual.revenue)).toBeLessThan(0.2);
  });

  it('bgnbd-gg columns equal the registry benchmark model on the same history', async () => {
    const split = evaluationSplit(log, { cutoff: AS_OF, horizon: 39 * WEEK_MS });
    const task = { log, session: splitSessions(log), offsets: customerOffsets(log), split, seed: 1 };
    const bench = await createBaselineModel('bgnbd-gg', { unit: 'week' }).run(task);
    split.customers.forEach((c, i) => {
      const row = scores.rows.get(log.customerIds[c])!;
      expect(relErr(Number(row['bgnbd-gg.expected_value']), bench.value[i])).toBeLessThan(1e-8);
      expect(relErr(Number(row['bgnbd-gg.repurchase_probability']), bench.repurchase[i])).toBeLessThan(1e-8);
    });
  });

  it('P(alive), E[Y(39)] and DECT match numerical integration of BG/NBD and Pareto/NBD; Pareto/NBD CLV matches its closed form', () => {
    const models = summary.models as { info: { params: Record<string, number> } }[];
    const ids = ['0001', '0002', '1000', '0123'];
    const heavy = [...scores.rows.values()].reduce((a, b) => (Number(b.frequency) > Number(a.frequency) ? b : a));
    ids.push(heavy.customer_id);
    const rows = ids.map((id) => scores.rows.get(id)!);
    const delta = (Math.log1p(RATE) * 7) / YEAR_DAYS; // per week
    const daily = -Math.expm1(-delta / 7);
    const req = {
      H: 39,
      delta,
      bgnbd: models[0].info.params,
      pnbd: models[1].info.params,
      customers: rows.map((r) => [Number(r.frequency), Number(r.recency), Number(r.T)]),
    };
    const py = spawnSync('python3', ['-c', REFERENCE_PY], { input: JSON.stringify(req), encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const ref = JSON.parse(py.stdout) as Record<
      'bgnbd' | 'pnbd',
      { p_alive: number; expected: number; dect: number; closed_dect_given_alive?: number }
    >[];
    rows.forEach((row, k) => {
      for (const [prefix, key] of [
        ['bgnbd-gg', 'bgnbd'],
        ['pareto-nbd-gg', 'pnbd'],
      ] as const) {
        const r = ref[k][key],
          col = (c: string): number => Number(row[`${prefix}.${c}`]);
        const what = `${prefix} customer ${row.customer_id} (x ${row.frequency})`;
        expect(relErr(col('p_alive'), r.p_alive), `${what} P(alive) ${col('p_alive')} vs ${r.p_alive}`).toBeLessThan(
          1e-6,
        );
        expect(
          relErr(col('expected_purchases'), r.expected),
          `${what} E[Y] ${col('expected_purchases')} vs ${r.expected}`,
        ).toBeLessThan(1e-6);
        const dect = col('clv') / (MARGIN * col('expected_spend_per_purchase'));
        // Each day's purchases are discounted at the day's end: below the continuous integral by
        // less than 1 − e^{−δ·1 day} (2.6e-4 at 10%/year; ~δ·day/2 in practice).
        for (const want of key === 'pnbd' ? [r.dect, col('p_alive') * r.closed_dect_given_alive!] : [r.dect]) {
          expect(dect / want - 1, `${what} DECT ${dect} vs ${want}`).toBeLessThanOrEqual(1e-8);
          expect(dect / want - 1, `${what} DECT ${dect} vs ${want}`).toBeGreaterThan(-daily);
        }
      }
    });
  });
});

describe('clvlab predict at the end of data with supervised models and an encoder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-predict-end-'));
  const out = join(dir, 'scores.csv');
  // The tiny preset, spelled as overrides (a model spec takes keys, not presets), one epoch.
  const tiny = Object.entries({ ...ENCODER_PRESETS.tiny, epochs: 1, batchSize: 64 })
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(':');
  const transformer = `transformer:${tiny}`;
  let scores: Scores;
  let summary: Record<string, unknown>;

  beforeAll(async () => {
    summary = await predict({
      input: SAMPLE,
      format: 'cdnow',
      model: `rfm-linear,${transformer},bgnbd-gg`,
      horizon: '39w',
      'discount-rate': '0.1',
      out,
    });
  });

  it('defaults --as-of to the end of data and fills every model group; BTYD top-level columns come from the first BTYD model', () => {
    scores = readScores(out);
    expect(summary.as_of).toBe('1998-07-01T00:00:00.000Z');
    expect(scores.rows.size).toBe(2357); // every customer bought in Q1 1997
    for (const row of scores.rows.values()) {
      expect(row.expected_value).toBe(row['rfm-linear.expected_value']);
      expect(row.p_alive).toBe(row['bgnbd-gg.p_alive']);
      const v = Number(row[`${transformer}.expected_value`]),
        p = Number(row[`${transformer}.repurchase_probability`]);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    expect(scores.header).not.toContain('rfm-linear.p_alive');
  });

  it('discounts a horizon total uniformly: clv = margin · value · (1 − (1+d)^{−H}) / (H ln(1+d)), H in years', () => {
    const years = (39 * 7) / YEAR_DAYS;
    const factor = (1 - Math.pow(1 + RATE, -years)) / (years * Math.log(1 + RATE));
    for (const m of ['rfm-linear', transformer]) {
      for (const row of scores.rows.values()) {
        const v = Number(row[`${m}.expected_value`]);
        if (v > 1e-6) expect(relErr(Number(row[`${m}.clv`]), v * factor)).toBeLessThan(1e-8);
      }
    }
  });

  it('writes the transformer embeddings to Zarr, rows aligned with scores.csv', async () => {
    const paths = summary.embeddings as Record<string, string>;
    expect(Object.keys(paths)).toEqual([transformer]);
    const group = await readZarrGroup(paths[transformer]);
    const ids = group.attributes.customer_ids as string[];
    expect(ids).toEqual([...scores.rows.keys()]);
    expect(group.arrays.embedding.shape).toEqual([2357, ENCODER_PRESETS.tiny.dModel]);
    const value = group.arrays.value.data;
    ids.forEach((id, i) => {
      const csv = Number(scores.rows.get(id)![`${transformer}.expected_value`]);
      expect(Math.abs(csv - value[i])).toBeLessThanOrEqual(1e-8 * Math.max(1, value[i]));
    });
  });
});

describe('clvlab predict: bad input is a one-line error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-predict-bad-'));
  const viewsOnly = join(dir, 'events.csv');
  writeFileSync(
    viewsOnly,
    'customer_id,timestamp,event_type,amount\na,2024-01-02,view,\nb,2024-01-03,view,\na,2024-02-05,purchase,10\n',
  );

  it('as-of outside the data, a negative discount rate, unknown model, no customer with a purchase, a horizon a supervised model cannot learn from', async () => {
    const base = [
      'predict',
      '--input',
      SAMPLE,
      '--format',
      'cdnow',
      '--horizon',
      '39w',
      '--out',
      join(dir, 'x.csv'),
      '--json',
    ];
    const cases: [string[], RegExp][] = [
      [
        [...base, '--model', 'bgnbd-gg', '--as-of', '2030-01-01'],
        /--as-of 2030-01-01T00:00:00\.000Z is outside the data \(1997-01-01T00:00:00\.000Z \.\. 1998-07-01T00:00:00\.000Z\)/,
      ],
      [[...base, '--model', 'bgnbd-gg', '--discount-rate=-0.1'], /--discount-rate: expected an annual rate ≥ 0/],
      [[...base, '--model', 'bgnbd-gg,no-such-model'], /unknown model 'no-such-model'/],
      [
        [
          'predict',
          '--input',
          viewsOnly,
          '--format',
          'events',
          '--model',
          'bgnbd-gg',
          '--as-of',
          '2024-01-20',
          '--horizon',
          '1w',
          '--out',
          join(dir, 'y.csv'),
          '--json',
        ],
        /no customer has a purchase/,
      ],
      [
        [...base, '--model', 'rfm-linear', '--as-of', '1997-10-01'],
        /'rfm-linear' learns from the last full horizon before --as-of/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach((r, k) => {
      // progress lines start with 'predict:'; the error is the one `clvlab predict:` line
      const stderr = r.stderr.split('\n').filter((l) => l.startsWith('clvlab '));
      expect(r.code, r.stderr).toBe(2);
      expect(stderr, r.stderr).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(stderr[0]).toMatch(/^clvlab predict: /);
      expect(stderr[0]).toMatch(cases[k][1]);
      expect((JSON.parse(r.stdout) as { error: string }).error).toBe(stderr[0].slice('clvlab predict: '.length));
    });
    expect(readdirSync(dir)).toEqual(['events.csv']);
  });
});
