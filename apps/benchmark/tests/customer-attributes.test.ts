// Customer attributes reaching the `+cov` models (issue 15 §7): `clvlab ingest --customers FILE`
// on the apparel data (../shared/data/apparel, SOURCE.md: 600 customers, Gender and Channel 0/1)
// stores `customers/attributes` [cohort × k] with its coding; the named dataset `apparel` loads
// the same covariates; `bench` runs pareto-nbd-gg+cov / bgnbd-gg+cov where attributes exist and
// skips them, with the reason, where they do not; categorical columns become k − 1 dummies; bad
// attribute files are one-line errors naming file:line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZarrGroup } from '@clvlab/events/node';
import { evaluationFolds } from '@clvlab/sessions';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { createModel } from '../src/models/model-registry.ts';
import { createForecaster } from '../src/predict/create-forecaster.ts';
import { modelsFor } from '../src/runner/run-bench.ts';
import { sealedSplit, sealedTask, sealPayload } from '../src/runner/sealed-task.ts';
import { expectUserError, REPO_ROOT, runCli } from './run-cli.ts';

const APPAREL = join(REPO_ROOT, '../shared/data/apparel');
const TRANS = join(APPAREL, 'apparelTrans.csv'),
  STATIC = join(APPAREL, 'apparelStaticCov.csv');
const MAP = 'customer_id=Id,timestamp=Date,amount=Price';
const dir = mkdtempSync(join(tmpdir(), 'clvlab-customer-attributes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Gender and Channel per customer id, straight from the file. */
function staticCovariates(): Map<string, [number, number]> {
  const rows = readFileSync(STATIC, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  return new Map(rows.map((r) => [r[0], [Number(r[1]), Number(r[2])]]));
}

const ingest = (customers: string, extra: string[] = [], out = join(dir, 'x.zarr')) =>
  runCli([
    'ingest',
    '--input',
    TRANS,
    '--format',
    'events',
    '--map',
    MAP,
    '--cutoff',
    '2007-01-01',
    '--customers',
    customers,
    ...extra,
    '--out',
    out,
    '--json',
  ]);

describe('ingest --customers (apparel)', () => {
  const out = join(dir, 'apparel.zarr');

  it("stores the cohort's attributes at customers/attributes, row i = customers/ids[i], and reports them", async () => {
    const r = await ingest(STATIC, [], out);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { cohort: number; customer_attributes: Record<string, unknown> };
    expect(result.cohort).toBe(600);
    expect(result.customer_attributes).toMatchObject({
      columns: ['Gender', 'Channel'],
      file: 'apparelStaticCov.csv',
      id_column: 'Id',
      rows: 600,
      rows_not_in_cohort: 0,
      numeric: ['Gender', 'Channel'],
      categorical: {},
    });
    const raw = (await readZarrGroup(out, ['customers/attributes'])).arrays['customers/attributes'];
    expect(raw.shape).toEqual([600, 2]);
    expect(raw.attributes?.columns).toEqual(['Gender', 'Channel']);
    const back = await readPreparedDataset(out);
    const want = staticCovariates();
    let gender = 0,
      channel = 0;
    back.split.customers.forEach((c, i) => {
      const [g, ch] = want.get(back.log.customerIds[c])!;
      expect([back.covariates!.columns[0][i], back.covariates!.columns[1][i]]).toEqual([g, ch]);
      gender += g;
      channel += ch;
    });
    expect([gender, channel]).toEqual([296, 228]); // SOURCE.md
    expect(
      (back.attributes as unknown as { customer_attributes: { sha256: string } }).customer_attributes.sha256,
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it('feeds +cov models from the store; a store without attributes skips them with the reason', async () => {
    const withAttrs = await loadBenchDataset(out);
    expect(withAttrs.payload.covariates!.names).toEqual(['Gender', 'Channel']);
    expect(modelsFor(withAttrs, ['pareto-nbd-gg+cov', 'bgnbd-gg+cov']).skipped).toEqual([]);
    const plainOut = join(dir, 'plain.zarr');
    const r = await runCli([
      'ingest',
      '--input',
      TRANS,
      '--format',
      'events',
      '--map',
      MAP,
      '--cutoff',
      '2007-01-01',
      '--out',
      plainOut,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const plain = await loadBenchDataset(plainOut);
    expect(plain.payload.covariates).toBeUndefined();
    expect(plain.sourceHash).not.toBe(withAttrs.sourceHash); // the attribute file is part of the source
    const { models, skipped } = modelsFor(plain, ['pareto-nbd-gg', 'pareto-nbd-gg+cov']);
    expect(models.map((m) => m.name)).toEqual(['pareto-nbd-gg']);
    expect(skipped).toEqual([
      `pareto-nbd-gg+cov (dataset '${plain.id}' has no customer attributes; ingest --customers FILE adds them, the named dataset apparel has them)`,
    ]);
  });

  it('expands categorical columns into k − 1 dummies against the first level and records the coding', async () => {
    const rows = [...staticCovariates().keys()].map(
      (id, i) => `${id},${['north', 'east', '"south, far"'][i % 3]},${i % 4},${(i % 7) / 2}`,
    );
    const file = join(dir, 'coded.csv');
    writeFileSync(file, `customer_id,region,tier,score\n${rows.join('\n')}\n999999,east,1,0\n`);
    const store = join(dir, 'coded.zarr');
    const r = await ingest(file, ['--categorical', 'tier'], store);
    expect(r.code, r.stderr).toBe(0);
    const back = await readPreparedDataset(store);
    expect(back.covariates!.names).toEqual([
      'region.north',
      'region.south, far',
      'tier.1',
      'tier.2',
      'tier.3',
      'score',
    ]);
    expect(back.covariates!.source).toMatchObject({
      rows: 601,
      rows_not_in_cohort: 1,
      numeric: ['score'],
      categorical: {
        region: {
          levels: ['east', 'north', 'south, far'],
          reference: 'east',
          dummies: ['region.north', 'region.south, far'],
        },
        tier: { levels: ['0', '1', '2', '3'], reference: '0', dummies: ['tier.1', 'tier.2', 'tier.3'] },
      },
    });
    const ids = [...staticCovariates().keys()];
    back.split.customers.forEach((c, i) => {
      const k = ids.indexOf(back.log.customerIds[c]);
      const region = ['north', 'east', 'south, far'][k % 3];
      expect(back.covariates!.columns[0][i]).toBe(region === 'north' ? 1 : 0);
      expect(back.covariates!.columns[1][i]).toBe(region === 'south, far' ? 1 : 0);
      expect(back.covariates!.columns[2][i]).toBe(k % 4 === 1 ? 1 : 0);
      expect(back.covariates!.columns[5][i]).toBe((k % 7) / 2);
    });
  });

  it('refuses bad attribute files in one line naming file:line', async () => {
    const write = (name: string, text: string): string => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const ids = [...staticCovariates().keys()];
    const good = ids.map((id) => `${id},${Number(id) % 2}`);
    const short = write('short.csv', `Id,Gender\n${good.slice(0, 3).join('\n')}\n4\n${good.slice(4).join('\n')}\n`);
    expectUserError(
      await ingest(short),
      'ingest',
      new RegExp(`--customers: ${short}:5:1: expected 2 comma-separated fields \\(Id,Gender\\), got 1$`),
    );
    const dup = write('dup.csv', `Id,Gender\n${good.join('\n')}\n1,0\n`);
    expectUserError(
      await ingest(dup),
      'ingest',
      new RegExp(`--customers: ${dup}:602:1: duplicate customer id '1' \\(first on line 2\\)$`),
    );
    const empty = write('empty.csv', `Id,Gender\n${good.slice(0, 9).join('\n')}\n10,\n${good.slice(10).join('\n')}\n`);
    expectUserError(
      await ingest(empty),
      'ingest',
      new RegExp(`--customers: ${empty}:11:4: expected a value for column 'Gender', got an empty cell`),
    );
    const missing = write('missing.csv', `Id,Gender\n${good.filter((l) => !l.startsWith('7,')).join('\n')}\n`);
    expectUserError(
      await ingest(missing),
      'ingest',
      new RegExp(`--customers: ${missing}: customer '7' \\(history row \\d+\\) is missing from the covariate table`),
    );
    const constant = write('constant.csv', `Id,Gender\n${ids.map((id) => `${id},1`).join('\n')}\n`);
    expectUserError(await ingest(constant), 'ingest', /column 'Gender' is constant \(1 for all 600 customers\)/);
    expectUserError(
      await ingest(STATIC, ['--categorical', 'Age']),
      'ingest',
      /--categorical column 'Age' is not an attribute column \(the file has Gender, Channel\)/,
    );
    expectUserError(await ingest(join(dir, 'nope.csv')), 'ingest', /nope\.csv: no such file/);
    expectUserError(
      await runCli([
        'ingest',
        '--input',
        TRANS,
        '--format',
        'events',
        '--map',
        MAP,
        '--categorical',
        'x',
        '--out',
        join(dir, 'y.zarr'),
        '--json',
      ]),
      'ingest',
      /--categorical needs --customers FILE/,
    );
  }, 60_000);
});

describe('the named dataset apparel', () => {
  it('loads the transactions with the published 104-week split and Gender, Channel as covariates of every cohort customer', async () => {
    const ds = await loadBenchDataset('apparel');
    const { split, covariates } = ds.payload;
    expect(new Date(split.cutoff).toISOString()).toBe('2007-01-01T00:00:00.000Z');
    expect(split.customers.length).toBe(600);
    expect(covariates!.names).toEqual(['Gender', 'Channel']);
    const want = staticCovariates();
    split.customers.forEach((c, i) =>
      expect([covariates!.columns[0][i], covariates!.columns[1][i]]).toEqual(want.get(ds.payload.log.customerIds[c])),
    );
    expect(ds.facts.covariates).toMatchObject({
      names: ['Gender', 'Channel'],
      file: 'apparelStaticCov.csv',
      rows: 600,
    });
    expect(modelsFor(ds, ['pareto-nbd-gg+cov', 'bgnbd-gg+cov', 'rfm-linear']).models).toHaveLength(3);
    expect(() => createForecaster('pareto-nbd-gg+cov')).toThrow(
      "benchmark/predict: 'pareto-nbd-gg+cov' needs customer attributes, which predict does not read",
    );
  });

  it('the +cov models see the covariates through the sealed path and predict bit-identically with or without holdout events and test labels', async () => {
    const ds = await loadBenchDataset('apparel');
    const p = ds.payload,
      seed = 3;
    const fold = evaluationFolds(p.log.customerIds, p.split.customers, seed);
    const sealed = sealPayload(p);
    expect(sealed.covariates).toBe(p.covariates);
    const task = sealedTask(sealed, sealedSplit(p.split, fold), seed);
    expect(task.covariates).toBe(p.covariates);
    for (const name of ['pareto-nbd-gg+cov', 'bgnbd-gg+cov']) {
      const closed = await createModel(name, sealed).run(task);
      const open = await createModel(name, sealed).run({
        log: p.log,
        session: p.session,
        offsets: p.offsets,
        split: p.split,
        seed: task.seed,
        covariates: p.covariates,
      });
      expect(Array.from(closed.value), name).toEqual(Array.from(open.value));
      expect(Array.from(closed.repurchase), name).toEqual(Array.from(open.repurchase));
    }
  });

  it('bench runs pareto-nbd-gg+cov beside pareto-nbd-gg and pairs them (the CLVTools fit in the cell)', async () => {
    const out = join(dir, 'bench');
    const r = await runCli([
      'bench',
      '--dataset',
      'apparel',
      '--models',
      'pareto-nbd-gg,pareto-nbd-gg+cov',
      '--seeds',
      '1',
      '--workers',
      '2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const metrics = readFileSync(join(out, 'metrics.csv'), 'utf8');
    expect(metrics).toMatch(/^apparel,pareto-nbd-gg\+cov,1,/m);
    expect(readFileSync(join(out, 'paired.csv'), 'utf8')).toMatch(
      /^apparel,pareto-nbd-gg\+cov,pareto-nbd-gg,1,normalized_gini,/m,
    );
  }, 120_000);
});
