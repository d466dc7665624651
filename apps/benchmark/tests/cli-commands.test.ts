// `clvlab synth`, `btyd`, `ingest` → `rfm`, and `train` → `embed` end to end through the real
// CLI (a child process, as a user runs them) on small inputs: the --json summaries checked
// against counts recomputed from the written files, BTYD parameters against the published
// CDNOW numbers (Fader, Hardie & Lee 2005, "Counting your customers the easy way", BG/NBD
// r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4 and Pareto/NBD r 0.553, α 10.578, s 0.606,
// β 11.669; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value", p 6.25, q 3.74,
// γ 15.44), RFM columns against an independent pass over the raw CDNOW sample, the embedding
// store's shape, and exit code 2 with one stderr line on bad input.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readZarrGroup } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { expectUserError, runCli, type CliResult } from './run-cli.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const SUMMARY = join(DATA, 'cdnow_customers_summary.csv');
const SAMPLE = join(DATA, 'CDNOW_sample.txt.gz');
const DAY_MS = 86_400_000;

/** Parses the --json object (the last stdout line). */
function json(r: CliResult): Record<string, unknown> {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** Relative closeness: |got − want| ≤ rel·|want|. */
function expectRel(got: unknown, want: number, rel: number, what: string): void {
  expect(typeof got, what).toBe('number');
  expect(Math.abs((got as number) - want), `${what}: ${String(got)} vs ${want}`).toBeLessThanOrEqual(
    rel * Math.abs(want),
  );
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

describe('clvlab synth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-cli-synth-'));
  const FILES = ['events.csv', 'edges.csv', 'truth.csv'];

  it('writes events/edges/truth whose counts match the --json summary; same seed → same bytes', async () => {
    const [a, b, c] = await Promise.all([
      runCli(['synth', '--customers', '300', '--seed', '7', '--out', join(dir, 'a'), '--json']),
      runCli(['synth', '--customers', '300', '--seed', '7', '--out', join(dir, 'b'), '--json']),
      runCli(['synth', '--customers', '300', '--seed', '8', '--out', join(dir, 'c'), '--json']),
    ]);
    const s = json(a);
    for (const f of FILES) expect(existsSync(join(dir, 'a', f)), f).toBe(true);
    expect(s.files).toEqual(FILES);
    expect(s.seed).toBe(7);

    const events = csvRows(join(dir, 'a', 'events.csv'));
    const head = events[0];
    expect(head).toEqual(['customer_id', 'timestamp', 'event_type', 'item_id', 'category', 'amount', 'quantity']);
    const rows = events.slice(1);
    const cutoff = Date.parse(String(s.cutoff));
    let purchases = 0,
      holdout = 0,
      revenue = 0;
    for (const r of rows) {
      expect(r).toHaveLength(head.length);
      if (r[2] !== 'purchase') continue;
      purchases++;
      revenue += Number(r[5]);
      if (Date.parse(r[1]) >= cutoff) holdout++;
    }
    expect(s.events).toBe(rows.length);
    expect(s.purchases).toBe(purchases);
    expect(s.holdout_purchases).toBe(holdout);
    expect(Math.abs((s.revenue as number) - revenue)).toBeLessThan(0.01 * purchases + 0.01);
    expect(s.customers).toBe(new Set(rows.map((r) => r[0])).size);
    expect(s.customers).toBe(300);

    const edges = csvRows(join(dir, 'a', 'edges.csv'));
    expect(edges[0]).toEqual(['src', 'dst', 'weight']);
    expect(s.edges).toBe(edges.length - 1);

    const truth = csvRows(join(dir, 'a', 'truth.csv'));
    const col = (name: string): number => truth[0].indexOf(name);
    expect(truth.length - 1).toBe(300);
    expect(s.sessions).toBe(truth.slice(1).reduce((sum, r) => sum + Number(r[col('sessions')]), 0));
    expect(s.alive_at_cutoff).toBe(truth.slice(1).reduce((sum, r) => sum + Number(r[col('alive_at_cutoff')]), 0));

    // determinism: seed 7 twice → byte-identical files; seed 8 → different events
    expect(json(b).events).toBe(s.events);
    for (const f of FILES)
      expect(readFileSync(join(dir, 'b', f)).equals(readFileSync(join(dir, 'a', f))), f).toBe(true);
    json(c);
    expect(readFileSync(join(dir, 'c', 'events.csv')).equals(readFileSync(join(dir, 'a', 'events.csv')))).toBe(false);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual([...FILES].sort()); // no temp files left
  });

  it('rejects a bad --customers with a one-line error', async () => {
    expectUserError(
      await runCli(['synth', '--customers', 'ten', '--out', join(dir, 'x'), '--json']),
      'synth',
      /--customers.*expected an integer.*'ten'/,
    );
  });
});

describe('clvlab btyd', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-cli-btyd-'));

  it('reproduces the published BG/NBD, Pareto/NBD and Gamma-Gamma CDNOW estimates', async () => {
    const [bg, pnbd, gg] = (
      await Promise.all([
        runCli(['btyd', '--input', SUMMARY, '--format', 'summary', '--model', 'bgnbd', '--json']),
        runCli(['btyd', '--input', SUMMARY, '--format', 'summary', '--model', 'pareto-nbd', '--json']),
        runCli(['btyd', '--input', SAMPLE, '--format', 'cdnow', '--model', 'gamma-gamma', '--json']),
      ])
    ).map(json);

    expect(bg.model).toBe('bgnbd');
    expect(bg.n_customers).toBe(2357);
    expect(bg.converged).toBe(true);
    const p1 = bg.params as Record<string, number>;
    expectRel(p1.r, 0.243, 0.005, 'bgnbd r');
    expectRel(p1.alpha, 4.414, 0.005, 'bgnbd alpha');
    expectRel(p1.a, 0.793, 0.005, 'bgnbd a');
    expectRel(p1.b, 2.426, 0.005, 'bgnbd b');
    expect(Math.abs((bg.log_likelihood as number) - -9582.4)).toBeLessThan(0.1);

    expect(pnbd.n_customers).toBe(2357);
    expect(pnbd.converged).toBe(true);
    const p2 = pnbd.params as Record<string, number>;
    expectRel(p2.r, 0.553, 0.005, 'pareto-nbd r');
    expectRel(p2.alpha, 10.578, 0.005, 'pareto-nbd alpha');
    expectRel(p2.s, 0.606, 0.005, 'pareto-nbd s');
    expectRel(p2.beta, 11.669, 0.005, 'pareto-nbd beta');

    // Gamma-Gamma on the 946 repeat buyers of the sample's 39-week calibration period
    expect(gg.converged).toBe(true);
    expect(gg.cutoff).toBe('1997-10-01T00:00:00.000Z');
    expect(gg.n_customers).toBe(946);
    expect(gg.excluded).toEqual({ no_repeat_purchases: 2357 - 946, non_positive_spend: 0 });
    const p3 = gg.params as Record<string, number>;
    expectRel(p3.p, 6.25, 0.005, 'gamma-gamma p');
    expectRel(p3.q, 3.74, 0.005, 'gamma-gamma q');
    expectRel(p3.gamma, 15.44, 0.005, 'gamma-gamma gamma');
  });

  it('fails with exit code 2 and one line naming the problem on bad summaries', async () => {
    const header = 'ID,frequency,recency,T\n1,2,30.43,38.86\n';
    const cases: Array<[string, string, string, RegExp]> = [
      ['recency-gt-t.csv', header + '2,1,40,38.86\n', 'bgnbd', /recency-gt-t\.csv:3:.*recency.*40.*T 38\.86/],
      ['negative-t.csv', header + '2,1,1.71,-3\n', 'pareto-nbd', /negative-t\.csv:3:.*T >= 0.*-3/],
      [
        'fractional-frequency.csv',
        header + '2,1.5,1.71,38.86\n',
        'bgnbd',
        /fractional-frequency\.csv:3:.*frequency.*integer.*1\.5/,
      ],
      [
        'not-a-number.csv',
        header + '2,x,1.71,38.86\n',
        'bgnbd',
        /not-a-number\.csv:3:3: expected a number for frequency, got 'x'/,
      ],
      ['header-only.csv', 'ID,frequency,recency,T\n', 'bgnbd', /header-only\.csv: .*(empty|no customers)/],
      [
        'zero-spend.csv',
        'ID,frequency,recency,T,monetary_value\n1,2,30.43,38.86,0\n2,1,1.71,38.86,0\n3,0,0,38.86,0\n',
        'gamma-gamma',
        /zero-spend\.csv: .*positive.*spend/,
      ],
    ];
    const results = await Promise.all(
      cases.map(([name, text, model]) => {
        writeFileSync(join(dir, name), text);
        return runCli(['btyd', '--input', join(dir, name), '--format', 'summary', '--model', model, '--json']);
      }),
    );
    results.forEach((r, k) => expectUserError(r, 'btyd', cases[k][3]));
  });
});

interface RawCustomer {
  days: Set<number>;
  first: number;
  spend: number;
}

/** Independent RFM from the raw CDNOW sample (no header; sample id, YYYYMMDD, cds, dollars). */
function rawCdnow(cutoff: number): Map<string, RawCustomer> {
  const out = new Map<string, RawCustomer>();
  for (const line of gunzipSync(readFileSync(SAMPLE)).toString('utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 5) continue;
    const day = Date.UTC(Number(f[2].slice(0, 4)), Number(f[2].slice(4, 6)) - 1, Number(f[2].slice(6, 8))) / DAY_MS;
    const c = out.get(f[1]) ?? { days: new Set<number>(), first: Infinity, spend: 0 };
    out.set(f[1], c);
    if (day * DAY_MS >= cutoff) continue;
    c.days.add(day);
    c.first = Math.min(c.first, day);
    c.spend += Number(f[4]);
  }
  return out;
}

describe('clvlab ingest → rfm / train → embed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-cli-rfm-'));
  const ds = join(dir, 'cdnow.zarr');
  let cohort = 0;
  let ingested: Promise<void> | null = null;
  /** Ingests the CDNOW sample once for the tests below. */
  const ingest = (): Promise<void> =>
    (ingested ??= runCli(['ingest', '--input', SAMPLE, '--format', 'cdnow', '--out', ds, '--json']).then((r) => {
      const s = json(r);
      expect(s.rows_read).toBe(6919);
      expect(s.customers).toBe(2357);
      cohort = s.cohort as number;
    }));

  it('rfm.csv has one row per cohort customer and recomputable R, F, M, tenure', async () => {
    await ingest();
    const out = join(dir, 'rfm.csv');
    const s = json(await runCli(['rfm', '--dataset', ds, '--out', out, '--json']));
    const rows = csvRows(out);
    const head = rows[0];
    expect(head.slice(0, 6)).toEqual(['customer_id', 'fold', 'recency_days', 'frequency', 'monetary', 'tenure_days']);
    expect(rows.length - 1).toBe(cohort);
    expect(s.customers).toBe(cohort);
    expect(Object.values(s.segments as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(cohort);

    const cutoff = Date.UTC(1997, 9, 1); // the published CDNOW calibration end (ingest's default)
    const lastDay = cutoff / DAY_MS - 1; // 1997-09-30, the last feature day
    const raw = rawCdnow(cutoff);
    const inCohort = [...raw.values()].filter((c) => c.days.size > 0).length;
    expect(cohort).toBe(inCohort);
    for (const r of rows.slice(1)) {
      const c = raw.get(r[0]);
      expect(c, r[0]).toBeDefined();
      expect(['train', 'valid', 'test']).toContain(r[1]);
      const days = [...c!.days];
      expect(Number(r[3]), `frequency ${r[0]}`).toBe(days.length);
      expect(Number(r[2]), `recency ${r[0]}`).toBe(lastDay - Math.max(...days));
      expect(Math.abs(Number(r[4]) - c!.spend), `monetary ${r[0]}`).toBeLessThan(1e-5);
      expect(Number(r[5]), `tenure ${r[0]}`).toBe(cutoff / DAY_MS - c!.first);
      for (const k of [6, 7, 8]) expect(['1', '2', '3', '4']).toContain(r[k]);
    }
    // customer 0001 by hand: purchases 1997-01-01 29.33, 01-18 29.73, 08-02 14.96 (12-12 is after the
    // cutoff): 59 days from 08-02 to 09-30, 3 purchase days, 74.02 spent, 273 days since 01-01
    expect(rows.find((r) => r[0] === '0001')!.slice(2, 6)).toEqual(['59', '3', '74.02', '273']);
  });

  it('trains a small GRU and embeds every cohort customer as [customers × d]', async () => {
    await ingest();
    const model = join(dir, 'model'),
      emb = join(dir, 'emb.zarr');
    const sets = [
      'dModel=8',
      'heads=2',
      'maxEvents=8',
      'epochs=2',
      'batchSize=64',
      'itemBuckets=32',
      'categoryBuckets=8',
      'headHidden=8',
    ];
    const [t, bad] = await Promise.all([
      runCli([
        'train',
        '--dataset',
        ds,
        '--model',
        'gru',
        ...sets.flatMap((x) => ['--set', x]),
        '--seed',
        '3',
        '--out',
        model,
        '--json',
      ]),
      runCli(['train', '--dataset', ds, '--model', 'gru', '--set', 'foo=1', '--out', join(dir, 'bad-model'), '--json']),
    ]);
    expectUserError(bad, 'train', /unknown option 'foo'/);
    expect(existsSync(join(dir, 'bad-model'))).toBe(false);

    const trained = json(t);
    const config = trained.config as Record<string, unknown>;
    expect(config.architecture).toBe('gru');
    expect(config.dModel).toBe(8);
    expect(config.maxEvents).toBe(8);
    // A lone `train` uses one data-parallel gradient worker per core unless --set workers=N.
    expect(config.workers).toBe(availableParallelism());
    expect(trained.epochs).toBeLessThanOrEqual(2);
    expect(Number.isFinite(trained.bestValidLoss)).toBe(true);
    expect(readdirSync(model).sort()).toEqual(['model.json', 'weights.bin']);
    const saved = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')) as Record<string, unknown>;
    expect((saved.config as Record<string, unknown>).dModel).toBe(8);
    expect(saved.datasetHash).toBe(trained.datasetHash);

    const e = json(await runCli(['embed', '--model', model, '--dataset', ds, '--out', emb, '--json']));
    expect(e.customers).toBe(cohort);
    expect(e.dim).toBe(8);
    expect(e.sameDataset).toBe(true);
    const g = await readZarrGroup(emb, ['embedding', 'customer_index']);
    expect(g.arrays.embedding.shape).toEqual([cohort, 8]);
    expect(g.arrays.customer_index.shape).toEqual([cohort]);
    const v = g.arrays.embedding.data;
    expect(v.every((x) => Number.isFinite(x))).toBe(true);
    // a real embedding: customers are not all mapped to the same vector
    let differs = 0;
    for (let i = 1; i < cohort; i++) if (Math.abs(v[i * 8] - v[0]) > 1e-6) differs++;
    expect(differs).toBeGreaterThan(cohort / 2);
  });

  it('fails with one line on a missing dataset', async () => {
    expectUserError(
      await runCli(['rfm', '--dataset', join(dir, 'nope.zarr'), '--out', join(dir, 'x.csv'), '--json']),
      'rfm',
      /nope\.zarr: no such dataset/,
    );
  });
});
