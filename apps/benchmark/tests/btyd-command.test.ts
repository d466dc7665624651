// `clvlab btyd` for the rest of the BTYD family (issue 15 §7) through the real CLI, against the
// published numbers in ../shared/data (SOURCE.md of each): MBG/NBD and GGom/NBD on lifetimes'
// CDNOW summary, BG/BB on the donations patterns (a weighted summary file) and on the CDNOW
// sample discretised into weeks, the sBG on Fader & Hardie's (2007) retention table with its
// projections and DERL, and one-line errors naming file:line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { discountedExpectedResidualLifetime, fitBgBb } from '@clvlab/baselines';
import { afterAll, describe, expect, it } from 'vitest';
import { expectUserError, REPO_ROOT, runCli, type CliResult } from './run-cli.ts';

const DATA = join(REPO_ROOT, '../shared/data');
const SUMMARY = join(DATA, 'cdnow/cdnow_customers_summary.csv');
const SAMPLE = join(DATA, 'cdnow/CDNOW_sample.txt.gz');
const DONATIONS = join(DATA, 'donations/donations.csv');
const SURVIVAL = join(DATA, 'retention_fh2007/survival.csv');
const dir = mkdtempSync(join(tmpdir(), 'clvlab-btyd-family-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Out = Record<string, unknown> & {
  params: Record<string, number>;
  std_errors: Record<string, number | null>;
  log_likelihood: number;
};
function json(r: CliResult): Out {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Out;
}
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const btyd = (...args: string[]) => runCli(['btyd', ...args, '--json']);

describe('clvlab btyd --model mbg-nbd | ggom-nbd (CDNOW summary)', () => {
  it('MBG/NBD: r 0.525, alpha 6.183, a 0.891, b 1.614 (Batislam et al. 2007 / lifetimes, 0.5%)', async () => {
    const out = json(await btyd('--input', SUMMARY, '--format', 'summary', '--model', 'mbg-nbd'));
    expect(out.model).toBe('mbg-nbd');
    expect(out.n_customers).toBe(2357);
    for (const [k, v] of Object.entries({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }))
      expect(rel(out.params[k], v), k).toBeLessThan(0.005);
    for (const k of ['r', 'alpha', 'a', 'b']) expect(out.std_errors[k]).toBeGreaterThan(0);
  });

  it('GGom/NBD: r 0.55313, alpha 10.5758, s 0.60682 at the b → 0 boundary, flagged, b and beta without standard errors', async () => {
    const out = json(await btyd('--input', SUMMARY, '--format', 'summary', '--model', 'ggom-nbd'));
    for (const [k, v] of Object.entries({ r: 0.55313, alpha: 10.5758, s: 0.60682 }))
      expect(rel(out.params[k], v), k).toBeLessThan(0.005);
    expect(out.boundary).toBe(true);
    expect(String(out.warning)).toMatch(/reduces to the Pareto\/NBD/);
    expect(out.std_errors.b).toBeNull(); // NaN in JSON
    expect(out.std_errors.beta).toBeNull();
    expect((out.limit as { params: Record<string, number> }).params.beta).toBeCloseTo(11.67, 1);
  });
});

describe('clvlab btyd --model bg-bb', () => {
  it('a weighted summary file (donations): alpha 1.204, beta 0.750, gamma 0.657, delta 2.783, LL −33,225.6 (Fader, Hardie & Shang 2010)', async () => {
    const out = json(await btyd('--input', DONATIONS, '--format', 'summary', '--model', 'bg-bb'));
    expect(out.n_customers).toBe(11_104);
    for (const [k, v] of Object.entries({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }))
      expect(rel(out.params[k], v), k).toBeLessThan(0.005);
    expect(Math.abs(out.log_likelihood - -33_225.6)).toBeLessThan(0.1);
  });

  it('an event log discretised into weeks back from the cutoff fits what the same histories computed from the raw file fit', async () => {
    const out = json(await btyd('--input', SAMPLE, '--format', 'cdnow', '--model', 'bg-bb', '--period', '1w'));
    expect(out).toMatchObject({ cutoff: '1997-10-01T00:00:00.000Z', period: '1w', n_customers: 2357, converged: true });
    // independent: weeks counted back from 1997-10-01; the first purchase week is the birth, later weeks with a purchase are transactions
    const cutoffDay = Date.UTC(1997, 9, 1) / 86_400_000;
    const weeks = new Map<string, Set<number>>();
    for (const line of gunzipSync(readFileSync(SAMPLE)).toString('utf8').split(/\r?\n/)) {
      const f = line.trim().split(/\s+/);
      if (f.length !== 5) continue;
      const day = Date.UTC(+f[2].slice(0, 4), +f[2].slice(4, 6) - 1, +f[2].slice(6, 8)) / 86_400_000;
      if (day >= cutoffDay) continue;
      if (!weeks.has(f[1])) weeks.set(f[1], new Set());
      weeks.get(f[1])!.add(Math.floor((cutoffDay - day - 1e-9) / 7));
    }
    const h = { frequency: [] as number[], recency: [] as number[], periods: [] as number[] };
    for (const set of weeks.values()) {
      const b = [...set].sort((x, y) => y - x);
      h.periods.push(b[0]);
      h.frequency.push(b.length - 1);
      h.recency.push(b.length > 1 ? b[0] - b[b.length - 1] : 0);
    }
    expect(h.periods.length).toBe(2357);
    expect(out.max_periods).toBe(Math.max(...h.periods));
    const want = fitBgBb(h);
    expect(Math.abs(out.log_likelihood - want.logLikelihood)).toBeLessThan(1e-6);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const)
      expect(rel(out.params[k], want.params[k]), k).toBeLessThan(1e-6);
  });
});

describe('clvlab btyd --model sbg (Fader & Hardie 2007, Table 1)', () => {
  it('regular: alpha 0.704, beta 1.182, LL −1,680.27 on years 0..7 of 1,000; projects years 8..12 within 1.8%; DERL as the library computes it', async () => {
    const out = json(
      await btyd(
        '--input',
        SURVIVAL,
        '--model',
        'sbg',
        '--cohort',
        'regular_pct_alive',
        '--periods',
        '7',
        '--cohort-size',
        '1000',
      ),
    );
    expect(out).toMatchObject({
      model: 'sbg',
      cohort: 'regular_pct_alive',
      periods: 7,
      n_customers: 1000,
      cohort_size: 1000,
      converged: true,
      discount_rate: 0.1,
    });
    expect(rel(out.params.alpha, 0.704)).toBeLessThan(0.001);
    expect(rel(out.params.beta, 1.182)).toBeLessThan(0.001);
    expect(Math.abs(out.log_likelihood - -1680.27)).toBeLessThan(0.01);
    const projection = out.projection as {
      period: number;
      observed: number;
      projected: number;
      survival: number;
      retention: number | null;
      fitted: boolean;
    }[];
    expect(projection.map((p) => p.period)).toEqual([...Array(13).keys()]);
    for (const p of projection.slice(8)) {
      expect(p.fitted).toBe(false);
      expect(Math.abs(p.projected - p.observed) / p.observed, `year ${p.period}`).toBeLessThan(0.018);
    }
    for (let t = 1; t < projection.length; t++) {
      expect(projection[t].retention).toBeCloseTo(projection[t].survival / projection[t - 1].survival, 12);
      if (t > 1) expect(projection[t].retention!).toBeGreaterThan(projection[t - 1].retention!); // rises under heterogeneity
    }
    const derl = out.derl as { period: number; derl: number }[];
    expect(derl.map((d) => d.period)).toEqual([1, 2, 3, 4, 5]);
    derl.forEach((d) =>
      expect(d.derl).toBeCloseTo(
        discountedExpectedResidualLifetime({ alpha: out.params.alpha, beta: out.params.beta }, 0.1, d.period),
        12,
      ),
    );
  });

  it('high end: alpha 0.668, beta 3.806 from the percentages themselves (same estimates, LL of the percentages); --project and --discount', async () => {
    const out = json(
      await btyd(
        '--input',
        SURVIVAL,
        '--model',
        'sbg',
        '--cohort',
        'highend_pct_alive',
        '--periods',
        '7',
        '--project',
        '20',
        '--discount',
        '0.2',
      ),
    );
    expect(rel(out.params.alpha, 0.668)).toBeLessThan(0.001);
    expect(rel(out.params.beta, 3.806)).toBeLessThan(0.001);
    expect(Math.abs(out.log_likelihood - -161.116)).toBeLessThan(0.01); // −1,611.16 / 10
    expect((out.projection as unknown[]).length).toBe(21);
    expect((out.projection as { observed: number | null }[])[20].observed).toBeNull();
    expect(out.discount_rate).toBe(0.2);
  });
});

describe('clvlab btyd --model sbg --out DIR (the sBG report)', () => {
  it('writes sbg.json (= the --json output), report.md and a self-contained report.html with the survival chart', async () => {
    const out = join(dir, 'sbg-report');
    const args = ['--input', SURVIVAL, '--model', 'sbg', '--cohort', 'regular_pct_alive', '--periods', '7'];
    const plain = json(await btyd(...args));
    const withOut = json(await btyd(...args, '--out', out));
    expect(withOut.files).toEqual(['sbg.json', 'report.md', 'report.html'].map((f) => join(out, f)));
    const stored = JSON.parse(readFileSync(join(out, 'sbg.json'), 'utf8')) as Out;
    expect(stored.params).toEqual(plain.params);
    expect(stored.projection).toEqual(plain.projection);
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toContain(`| alpha | ${plain.params.alpha.toFixed(4)} | ${plain.std_errors.alpha!.toFixed(4)} |`);
    expect(md).toContain(`| beta | ${plain.params.beta.toFixed(4)} |`);
    // 13 periods (0..12), 0..7 fitted, 8..12 projected; the observed share of period 12 is 17.3%.
    const rows = md.split('\n').filter((l) => /^\| \d+ \|/.test(l) && /fitted|projected/.test(l));
    expect(rows).toHaveLength(13);
    expect(rows.filter((l) => l.includes('| projected |'))).toHaveLength(5);
    expect(rows[12]).toContain('| 0.1730 |');
    expect(md).toContain('Reproduce: `clvlab btyd --input');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expectUserError(
      await btyd('--input', SUMMARY, '--format', 'summary', '--model', 'bgnbd', '--out', out),
      'btyd',
      /--out applies to --model sbg only/,
    );
  });
});

describe('clvlab btyd: one-line errors', () => {
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('names file:line for bad summary rows and survival tables, and says which options apply to which model', async () => {
    const bb = 'frequency,recency,periods,weight\n1,1,6,10\n';
    const survival = 'year,a,b\n0,100,100\n1,60,80\n2,50,70\n';
    const cases: Array<[string[], RegExp]> = [
      [
        ['--input', write('late.csv', `${bb}2,7,6,3\n`), '--format', 'summary', '--model', 'bg-bb'],
        /late\.csv:3:1: expected recency <= periods, got recency 7 > periods 6$/,
      ],
      [
        ['--input', write('neg.csv', `${bb}2,3,6,-1\n`), '--format', 'summary', '--model', 'bg-bb'],
        /neg\.csv:3:1: expected a weight >= 0, got -1$/,
      ],
      [
        ['--input', write('word.csv', `${bb}2,x,6,1\n`), '--format', 'summary', '--model', 'bg-bb'],
        /word\.csv:3:3: expected a number for recency, got 'x'$/,
      ],
      [
        ['--input', SUMMARY, '--format', 'summary', '--model', 'bg-bb'],
        /cdnow_customers_summary\.csv:1:1: expected a header with columns frequency,recency,periods\[,weight\]/,
      ],
      [
        ['--input', write('gap.csv', `${survival}4,40,60\n`), '--model', 'sbg', '--cohort', 'a'],
        /gap\.csv:5:1: expected period 3 \(periods run 0, 1, 2, … one per row\), got 4$/,
      ],
      [
        ['--input', write('up.csv', `${survival}3,55,60\n`), '--model', 'sbg', '--cohort', 'a'],
        /up\.csv:5:1: a: survival counts must not increase/,
      ],
      [
        ['--input', write('s.csv', survival), '--model', 'sbg', '--cohort', 'c'],
        /--cohort: expected one of a, b, got 'c'$/,
      ],
      [
        ['--input', write('s2.csv', survival), '--model', 'sbg', '--cohort', 'a', '--periods', '5'],
        /--periods: the file has periods 0\.\.2, got 5$/,
      ],
      [
        ['--input', write('s3.csv', survival), '--model', 'sbg', '--cohort', 'a', '--discount', '0'],
        /--discount: expected a discount rate per period > 0, got '0'$/,
      ],
      [
        ['--input', SURVIVAL, '--model', 'sbg', '--cohort', 'regular_pct_alive', '--unit', 'week'],
        /--unit does not apply to --model sbg/,
      ],
      [
        ['--input', SUMMARY, '--format', 'summary', '--model', 'bgnbd', '--period', '1w'],
        /--period applies to --model bg-bb/,
      ],
      [
        ['--input', SUMMARY, '--format', 'summary', '--model', 'bgnbd', '--cohort', 'x'],
        /--cohort applies to --model sbg only/,
      ],
      [
        ['--input', SAMPLE, '--format', 'cdnow', '--model', 'bg-bb'],
        /--period is required for --model bg-bb on an event log/,
      ],
      [
        ['--input', SUMMARY, '--format', 'summary', '--model', 'sbgg'],
        /--model: expected one of bgnbd, pareto-nbd, mbg-nbd, ggom-nbd, gamma-gamma, bg-bb, sbg, got 'sbgg'/,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => btyd(...args)));
    results.forEach((r, k) => expectUserError(r, 'btyd', cases[k][1]));
  }, 60_000);
});
