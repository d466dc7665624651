// `clvlab ingest --edges` through the real CLI on Ciao (../shared/data/ciao, see SOURCE.md:
// 57,544 directed trust edges among 2,342 users, all of them raters): the stored
// `features/graph` and `features/rfm` arrays read back raw (shape, `columns` attribute, and the
// gzip chunk decoded by hand with node:zlib), their values against a direct
// customerGraphFeatures / rfmFeatures computation, the edge file's row accounting (header,
// wrong column count, duplicates; --strict) and edges whose labels are not customers, the
// benchmark refusing the stored (undated) graph for `+social` models unless allowed, and
// one-line errors.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { rfmFeatures } from '@clvlab/features';
import { readZarrGroup } from '@clvlab/events/node';
import { type FeatureTable } from '@clvlab/sessions';
import { readPreparedDataset } from '@clvlab/sessions/node';
import { customerGraphFeatures } from '@clvlab/social-graph';
import { closeGraphPools, readEdgeList } from '@clvlab/social-graph/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { modelsFor } from '../src/runner/run-bench.ts';
import { REPO_ROOT, runCli } from './run-cli.ts';

const ratings = join(REPO_ROOT, '../shared/data/ciao/ciao_ratings.csv.gz');
const trust = join(REPO_ROOT, '../shared/data/ciao/ciao_trust.csv.gz');

/** |a − b| ≤ 1e-12 · max(1, |b|) in every cell (both NaN also counts as equal). */
function expectTablesEqual(got: FeatureTable, want: FeatureTable): void {
  expect(got.names).toEqual([...want.names]);
  want.columns.forEach((col, j) => {
    expect(got.columns[j].length, want.names[j]).toBe(col.length);
    for (let i = 0; i < col.length; i++) {
      const a = got.columns[j][i],
        b = col[i];
      if (Number.isNaN(b)) expect(a, `${want.names[j]}[${i}]`).toBeNaN();
      else expect(Math.abs(a - b), `${want.names[j]}[${i}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    }
  });
}

describe('clvlab ingest --edges (Ciao)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clvlab-ingest-features-'));
  const out = join(dir, 'ciao.zarr');
  let result: Record<string, unknown> = {};

  beforeAll(async () => {
    const r = await runCli([
      'ingest',
      '--format',
      'ciao',
      '--input',
      ratings,
      '--edges',
      trust,
      '--directed',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    result = JSON.parse(r.stdout) as Record<string, unknown>;
  });
  afterAll(() => closeGraphPools());

  it('reports every trust row and edge as kept or dropped (SOURCE.md: a header, 57,544 edges, 2,342 users, all raters)', () => {
    expect(result.rows_read).toBe(284_086);
    expect(result.customers).toBe(7_375);
    expect(result.graph).toEqual({
      edges: trust,
      directed: true,
      dated: false,
      rows_read: 57_545,
      rows_kept: 57_544,
      rejected: { header: 1 },
      comment_lines: 0,
      blank_lines: 0,
      first_rejected: { header: `${trust}:1:1: expected an edge, got 'truster_id,trustee_id'` },
      file_nodes: 2_342,
      nodes_not_customers: 0,
      file_edges: 57_544,
      kept: 57_544,
      dropped_not_customer: 0,
    });
  });

  it('prints the edge accounting and says the graph is undated', async () => {
    const r = await runCli([
      'ingest',
      '--format',
      'ciao',
      '--input',
      ratings,
      '--edges',
      trust,
      '--directed',
      '--out',
      join(dir, 'text.zarr'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`edges ${trust}: read 57545 rows, kept 57544, rejected: header 1`);
    expect(r.stderr).toContain(
      'graph: 57544 edges, kept 57544, dropped 0 (a label is not a customer; 0 of 2342 labels)',
    );
    expect(r.stderr).toContain('the edge file is undated');
  });

  it('records where the graph came from in the group attributes (edge file hash as in SOURCE.md)', async () => {
    const attributes = (await readZarrGroup(out, [])).attributes;
    expect(attributes.graph_source).toEqual({
      edges_file: 'ciao_trust.csv.gz',
      edges_sha256: 'aa744b278dbfc8f20478128062fad09c89c150cdbeb06df74dcbcd78414b10a8',
      directed: true,
      dated: false,
      rows_read: 57_545,
      rows_kept: 57_544,
      rejected: { header: 1 },
      comment_lines: 0,
      blank_lines: 0,
      file_nodes: 2_342,
      nodes_not_customers: 0,
      file_edges: 57_544,
      kept: 57_544,
      dropped_not_customer: 0,
    });
  });

  it('stores features/graph as [cohort × columns] float64 with the column names, equal to a direct computation', async () => {
    const ds = await readPreparedDataset(out);
    const cohort = ds.split.customers.length;
    expect(cohort).toBe(result.cohort);
    // independent path: the edge file read with the customers as fixed node labels (an unknown label would throw)
    const graph = readEdgeList(trust, { directed: true, nodes: ds.log.customerIds, strict: true }).graph;
    expect(graph.edgeCount).toBe(57_544);
    const direct = await customerGraphFeatures(graph, { log: ds.log, split: ds.split });
    expect((result.features as Record<string, string[]>).graph).toEqual([...direct.names]);
    // raw group: one 2-D array, names in the `columns` attribute
    const raw = (await readZarrGroup(out, ['features/graph'])).arrays['features/graph'];
    const k = direct.names.length;
    expect(raw.shape).toEqual([cohort, k]);
    expect(raw.attributes?.columns).toEqual([...direct.names]);
    // the chunk on disk, decoded without zarrita: one gzip chunk (cohort·k < 1 Mi elements), little-endian, row-major
    const meta = JSON.parse(readFileSync(join(out, 'features/graph/zarr.json'), 'utf8')) as {
      chunk_grid: { configuration: { chunk_shape: number[] } };
    };
    expect(meta.chunk_grid.configuration.chunk_shape).toEqual([cohort, k]);
    const bytes = gunzipSync(readFileSync(join(out, 'features/graph/c/0/0')));
    expect(bytes.length).toBe(cohort * k * 8);
    const cells = Array.from({ length: k }, (_, j) =>
      Float64Array.from({ length: cohort }, (_, i) => bytes.readDoubleLE((i * k + j) * 8)),
    );
    expectTablesEqual({ names: raw.attributes?.columns as string[], columns: cells }, direct);
    // and through readPreparedDataset
    expectTablesEqual(ds.graph!, direct);
    // a feature that varies (not an all-zero column written by mistake): trust users have degree > 0
    const degree =
      ds.graph!.columns[ds.graph!.names.indexOf(direct.names.find((n) => /degree/.test(n)) ?? direct.names[0])];
    expect(degree.some((v) => v > 0)).toBe(true);
  });

  it('stores features/rfm equal to rfmFeatures at the cutoff', async () => {
    const ds = await readPreparedDataset(out);
    const f = rfmFeatures(ds, ds.split.score.featureEnd);
    expect((result.features as Record<string, string[]>).rfm).toEqual([...f.names]);
    expectTablesEqual(ds.rfm!, f);
    // Ciao has no prices: monetary is the purchase (rating) count before the cutoff, ≥ frequency (distinct days)
    const m = ds.rfm!.columns[f.names.indexOf('monetary')],
      fr = ds.rfm!.columns[f.names.indexOf('frequency')];
    for (let i = 0; i < m.length; i++) expect(m[i]).toBeGreaterThanOrEqual(fr[i]);
  });

  it('bench --dataset DS.zarr refuses the stored graph (an undated edge file) unless allowUndatedGraph', async () => {
    await expect(loadBenchDataset(out)).rejects.toThrow(
      `benchmark/datasets: ${out}: its features/graph come from an edge file (ciao_trust.csv.gz), which is undated and may hold information from after the cutoff, ` +
        'so +social models would use the future; pass --allow-undated-graph to use it anyway (the record marks it)',
    );
  });

  it('bench --dataset DS.zarr with allowUndatedGraph uses the stored graph (marked), so +social models are scheduled', async () => {
    const bench = await loadBenchDataset(out, { allowUndatedGraph: true });
    const ds = await readPreparedDataset(out);
    expectTablesEqual(bench.payload.graph!, ds.graph!);
    expect(bench.payload.graphFit).toBeUndefined();
    expect(bench.facts.graph).toMatchObject({
      source: 'edge-file',
      dated: false,
      future_information: true,
      directed: true,
      edges: 57_544,
      edges_file: 'ciao_trust.csv.gz',
    });
    const { models } = modelsFor(bench, null);
    const social = models.filter((m) => m.needsGraph).map((m) => m.name);
    expect(social.length).toBeGreaterThan(0);
    expect(social.every((name) => name.endsWith('+social'))).toBe(true);
  });

  it('counts edges whose label is not a customer as dropped, never silently', async () => {
    const ds = await readPreparedDataset(out);
    const [a, b, c] = ds.log.customerIds;
    const ghost = 'not-a-customer';
    expect(ds.log.customerIds.includes(ghost)).toBe(false);
    const edges = join(dir, 'edges.txt');
    writeFileSync(edges, `# src dst\n${a} ${b}\n${b} ${c}\n${a} ${ghost}\n${ghost} ${b}\n${a} ${b}\n`);
    const small = join(dir, 'small.zarr');
    const r = await runCli([
      'ingest',
      '--format',
      'ciao',
      '--input',
      ratings,
      '--edges',
      edges,
      '--out',
      small,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    // 5 rows, 4 distinct undirected edges (a–b repeats: a duplicate row): 2 kept, 2 dropped, 1 label not a customer
    expect((JSON.parse(r.stdout) as { graph: unknown }).graph).toEqual({
      edges,
      directed: false,
      dated: false,
      rows_read: 5,
      rows_kept: 4,
      rejected: { duplicate: 1 },
      comment_lines: 1,
      blank_lines: 0,
      first_rejected: {
        duplicate: `${edges}:6:1: expected a new edge (${a} -- ${b} was read before; duplicates: 'last'), got '${a} ${b}'`,
      },
      file_nodes: 4,
      nodes_not_customers: 1,
      file_edges: 4,
      kept: 2,
      dropped_not_customer: 2,
    });
    const back = await readPreparedDataset(small);
    expect(back.graph!.columns.every((col) => col.length === back.split.customers.length)).toBe(true);
    expect(
      (back.attributes as unknown as { graph_source: { kept: number; dropped_not_customer: number } }).graph_source,
    ).toMatchObject({ kept: 2, dropped_not_customer: 2 });
  });

  it('counts a malformed edge row by reason (lenient), and --strict stops at it', async () => {
    const bad = join(dir, 'short-row.txt');
    writeFileSync(bad, '1 2\n3\n2 3\n');
    const r = await runCli([
      'ingest',
      '--format',
      'ciao',
      '--input',
      ratings,
      '--edges',
      bad,
      '--out',
      join(dir, 'short.zarr'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { graph: unknown }).graph).toMatchObject({
      rows_read: 3,
      rows_kept: 2,
      rejected: { 'wrong-column-count': 1 },
      kept: 2,
    });
    const text = await runCli([
      'ingest',
      '--format',
      'ciao',
      '--input',
      ratings,
      '--edges',
      bad,
      '--out',
      join(dir, 'short-text.zarr'),
    ]);
    expect(text.stderr).toContain(
      `first wrong-column-count: ${bad}:2:2: expected 2 fields (source, target; a third column is a weight: read it weighted), found 1, got '3'`,
    );
  });

  it('fails with one-line reasons and writes nothing on bad edge input', async () => {
    const bad = join(dir, 'bad-edges.txt');
    writeFileSync(bad, '1 2\n3\n');
    const cases: [string[], RegExp][] = [
      [['--directed'], /--directed needs --edges FILE/],
      [['--edges', join(dir, 'missing.txt')], /missing\.txt: no such file/],
      [
        ['--edges', bad, '--strict'],
        /--edges: .*bad-edges\.txt:2:2: expected 2 fields \(source, target; a third column is a weight: read it weighted\), found 1, got '3'$/,
      ],
      // the ratings CSV given as an edge list: a header and six columns, so not one edge
      [
        ['--edges', ratings],
        /--edges: social-graph\/read-edge-list: .*ciao_ratings\.csv\.gz: empty graph \(no edges; 284087 rows read, rejected: header 1, wrong-column-count 284086\); first: .*ciao_ratings\.csv\.gz:2:\d+: expected 2 fields/,
      ],
    ];
    for (const [k, [extra, message]] of cases.entries()) {
      const target = join(dir, `bad-${k}.zarr`);
      const r = await runCli(['ingest', '--format', 'ciao', '--input', ratings, ...extra, '--out', target]);
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('clvlab '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(existsSync(target)).toBe(false);
    }
  });
});
