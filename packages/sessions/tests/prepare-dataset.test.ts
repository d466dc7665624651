import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readEventLog } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { clvlabVersion, DEFAULT_PREPARE, Fold, prepareDataset } from '../src/index.ts';
import { logOf } from './fixtures.ts';

const master = new URL('../../../../shared/data/cdnow/CDNOW_master.txt.gz', import.meta.url).pathname;

const taobao = new URL('../../../../shared/data/taobao_user_behavior/UserBehavior.csv.gz', import.meta.url).pathname;

describe('prepareDataset', () => {
  it('Taobao: the holdout ends at the last event (2017-12-03 15:59:23 UTC), ~48 h after the cutoff, not 56 h to a UTC midnight', async () => {
    const { log } = await readEventLog(taobao, { format: 'taobao' });
    const p = prepareDataset(log, { dataset: 'taobao' });
    let last = -Infinity;
    for (let i = 0; i < log.length; i++) if (log.t[i] > last) last = log.t[i];
    expect(new Date(last).toISOString()).toBe('2017-12-03T15:59:23.000Z');
    expect(p.split.cutoff).toBe(Date.UTC(2017, 11, 1, 16));
    expect(p.split.cutoff + p.split.horizon).toBe(last + 1000);
    expect(p.split.horizon / 3_600_000).toBeGreaterThan(47.98);
    expect(p.split.horizon / 3_600_000).toBeLessThanOrEqual(48);
  });

  it('prepares CDNOW master with the published Fader–Hardie window', async () => {
    const { log, report } = await readEventLog(master, { format: 'cdnow' });
    const p = prepareDataset(log, { dataset: 'cdnow', sourceHash: `sha256:${report.sha256}` });
    expect(p.attributes.cutoff).toBe('1997-10-01T00:00:00.000Z');
    expect(p.attributes.horizon).toBe('39w');
    expect(p.attributes.gap).toBe('30m');
    expect(p.attributes.value_target).toBe('revenue');
    expect(p.attributes.source_hash).toBe(`sha256:${report.sha256}`);
    // every customer of the CDNOW cohort first bought in Q1 1997, so all are in calibration
    expect(p.split.customers.length).toBe(23_570);
    // daily-dated transactions: one session per (customer, day), counted independently here
    const days = new Set<string>();
    for (let i = 0; i < log.length; i++) days.add(`${log.customer[i]}|${log.t[i]}`);
    expect(p.sessionCount).toBe(days.size);
    // holdout revenue = Σ amounts dated 1997-10-01 .. 1998-06-30 (no returns in CDNOW)
    let holdout = 0,
      labelled = 0;
    for (let i = 0; i < log.length; i++) if (log.t[i] >= Date.UTC(1997, 9, 1)) holdout += log.amount[i];
    for (const v of p.split.score.target) labelled += v;
    expect(labelled).toBeCloseTo(holdout, 6);
    expect(p.offsets.length).toBe(23_571);
    expect(p.offsets[23_570]).toBe(log.length);
    const test = p.split.fold.filter((f) => f === Fold.test).length / p.split.fold.length;
    expect(test).toBeGreaterThan(0.18);
    expect(test).toBeLessThan(0.22);
  });

  it('CDNOW holdout labels agree per customer with an independent python computation', async () => {
    // python reads the raw file itself: holdout = 1997-10-01 .. 1998-06-30 (39 weeks)
    const script = [
      'import gzip, json, collections',
      'rev = collections.defaultdict(float); buy = set(); ids = set()',
      `for line in gzip.open(${JSON.stringify(master)}, 'rt'):`,
      '    f = line.split()',
      '    if len(f) != 4 or not f[0].isdigit(): continue',
      '    ids.add(f[0])',
      "    if '19971001' <= f[1] <= '19980630': rev[f[0]] += float(f[3]); buy.add(f[0])",
      'print(json.dumps({"n": len(ids), "rev": rev, "buy": sorted(buy)}))',
    ].join('\n');
    const ref = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as {
      n: number;
      rev: Record<string, number>;
      buy: string[];
    };
    const { log } = await readEventLog(master, { format: 'cdnow' });
    const p = prepareDataset(log, { dataset: 'cdnow' });
    expect(p.split.customers.length).toBe(ref.n);
    const buyers = new Set(ref.buy);
    let worst = 0,
      repurchaseMismatches = 0;
    p.split.customers.forEach((c, r) => {
      const id = log.customerIds[c];
      worst = Math.max(worst, Math.abs(p.split.score.target[r] - (ref.rev[id] ?? 0)));
      if (p.split.score.repurchase[r] !== (buyers.has(id) ? 1 : 0)) repurchaseMismatches++;
    });
    expect(worst).toBeLessThan(1e-6);
    expect(repurchaseMismatches).toBe(0);
    expect(buyers.size).toBeGreaterThan(5000);
  });

  it('given cutoff wins over the dataset table; unknown options fail', () => {
    const day = (d: number): number => Date.UTC(2020, 0, d);
    const log = logOf([
      { customer: 'a', t: day(1), amount: 1 },
      { customer: 'a', t: day(9), amount: 2 },
    ]);
    const p = prepareDataset(log, { dataset: 'cdnow', cutoff: day(5), gapMs: 60_000 });
    expect(p.split.cutoff).toBe(day(5));
    expect(p.split.cutoff + p.split.horizon).toBe(day(10));
    expect(p.attributes.gap).toBe('1m');
    expect(Object.isFrozen(DEFAULT_PREPARE)).toBe(true);
    expect(() => prepareDataset(log, { gap: 5 } as never)).toThrow(/sessions\/prepare-dataset: unknown option 'gap'/);
  });

  it('records the version of the package.json files (tools/version.ts keeps clvlab-version.ts in step)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(clvlabVersion()).toBe(pkg.version);
    const log = logOf([
      { customer: 'a', t: Date.UTC(2020, 0, 1), amount: 1 },
      { customer: 'a', t: Date.UTC(2020, 0, 9), amount: 1 },
    ]);
    expect(prepareDataset(log, { cutoff: Date.UTC(2020, 0, 5) }).attributes.clvlab_version).toBe(pkg.version);
  });
});
