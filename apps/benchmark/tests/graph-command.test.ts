// `clvlab graph` through the real CLI on small edge files: the edge file's row accounting
// (printed and in --json; --strict), PageRank's --alpha and --tol passed through (checked
// against networkx 3.6), and one-line errors for bad options and non-edge-list files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-graph-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// A directed graph with a node nobody links to (4) and a dangling node (5), below a header line.
const edges = file('small.csv', 'src,dst\n1,2\n2,3\n3,1\n1,3\n4,1\n3,5\n');

/** values.csv -> { node: pagerank } */
function pagerankOf(out: string): Record<string, number> {
  const [header, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
  expect(header).toBe('node,pagerank');
  return Object.fromEntries(
    lines.map((l) => {
      const [n, v] = l.split(',');
      return [n, Number(v)];
    }),
  );
}
function expectClose(got: Record<string, number>, want: Record<string, number>): void {
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [k, v] of Object.entries(want)) expect(Math.abs(got[k] - v), k).toBeLessThanOrEqual(1e-12 * v);
}

// python3 -c "import networkx as nx; G = nx.DiGraph([('1','2'),('2','3'),('3','1'),('1','3'),('4','1'),('3','5')]);
//   print(nx.pagerank(G, alpha=A, tol=T))"   (networkx 3.6.1)
const NX = {
  'alpha=0.85 tol=1e-6': {
    1: 0.2519545433973107,
    2: 0.17071793161189114,
    3: 0.3158272034507343,
    4: 0.0636368663140115,
    5: 0.19786345522605256,
  },
  'alpha=0.5 tol=1e-6': {
    1: 0.24539867884939456,
    2: 0.1799593630658008,
    3: 0.26993840386990237,
    4: 0.1186094524869922,
    5: 0.18609410172791016,
  },
  'alpha=0.85 tol=1e-2': {
    1: 0.25646180887500003,
    2: 0.167449723875,
    3: 0.30915192762500004,
    4: 0.06356050325000001,
    5: 0.20337603637500004,
  },
};

describe('clvlab graph', () => {
  it('PageRank --alpha and --tol are passed through, as networkx would use them (default 0.85, 1e-6)', async () => {
    const cases: [string[], keyof typeof NX][] = [
      [[], 'alpha=0.85 tol=1e-6'],
      [['--alpha', '0.5'], 'alpha=0.5 tol=1e-6'],
      [['--tol', '1e-2'], 'alpha=0.85 tol=1e-2'],
    ];
    for (const [k, [extra, ref]] of cases.entries()) {
      const out = join(dir, `pr-${k}.csv`);
      const r = await runCli([
        'graph',
        '--edges',
        edges,
        '--directed',
        '--metrics',
        'pagerank',
        ...extra,
        '--out',
        out,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      expectClose(pagerankOf(out), NX[ref]);
      const [alpha, tol] = ref.match(/[\d.e-]+/g)!.map(Number);
      expect((JSON.parse(r.stdout) as { pagerank: unknown }).pagerank).toEqual({ alpha, tol });
    }
  });

  it('accounts for every row of the edge file, printed and in --json', async () => {
    // header, 2 edges, a repeat, a short row, a blank line, and a weighted row read unweighted (3 columns)
    const mixed = file('mixed.txt', '# a comment\nfrom to\n1 2\n2 3\n1 2\n4\n\n3 1 9\n');
    const r = await runCli([
      'graph',
      '--edges',
      mixed,
      '--metrics',
      'degree',
      '--out',
      join(dir, 'mixed.csv'),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      rows_read: 6,
      rows_kept: 2,
      rejected: { duplicate: 1, header: 1, 'wrong-column-count': 2 },
      comment_lines: 1,
      blank_lines: 1,
      nodes: 3,
      edgeCount: 2,
    });
    expect((json.first_rejected as Record<string, string>)['wrong-column-count']).toBe(
      `${mixed}:6:2: expected 2 fields (source, target; a third column is a weight: read it weighted), found 1, got '4'`,
    );
    const text = await runCli(['graph', '--edges', mixed, '--metrics', 'degree', '--out', join(dir, 'mixed2.csv')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('graph: read 6 rows, kept 2, rejected: duplicate 1, header 1, wrong-column-count 2');
    expect(text.stderr).toContain(
      `first duplicate: ${mixed}:5:1: expected a new edge (1 -- 2 was read before; duplicates: 'last'), got '1 2'`,
    );
    expect(text.stderr).not.toContain('first header');
  });

  it('fails with one-line reasons: bad --alpha/--tol, --strict on a rejected row, a file that is not an edge list', async () => {
    const ratings = file(
      'ratings.csv',
      'user_id,product_id,category_id,rating,helpfulness,timestamp\n1,10,3,4,2,959670000\n',
    );
    const short = file('short.txt', 'a,b\n1 2\n7\n');
    const cases: [string[], string][] = [
      [
        ['--edges', edges, '--alpha', '1.5'],
        '--alpha: expected the PageRank damping, a number in [0, 1] (networkx default 0.85), got "1.5"',
      ],
      [
        ['--edges', edges, '--alpha', 'high'],
        '--alpha: expected the PageRank damping, a number in [0, 1] (networkx default 0.85), got "high"',
      ],
      [
        ['--edges', edges, '--tol', '0'],
        '--tol: expected a PageRank tolerance, a number > 0 (networkx default 1e-6), got "0"',
      ],
      [
        ['--edges', edges, '--tol=-1e-6'],
        '--tol: expected a PageRank tolerance, a number > 0 (networkx default 1e-6), got "-1e-6"',
      ],
      [
        ['--edges', short, '--strict'],
        `${short}:3:2: expected 2 fields (source, target; a third column is a weight: read it weighted), found 1, got '7'`,
      ],
      [
        ['--edges', ratings],
        `social-graph/read-edge-list: ${ratings}: empty graph (no edges; 2 rows read, rejected: header 1, wrong-column-count 1); first: ${ratings}:2:6: expected 2 fields`,
      ],
    ];
    for (const [extra, message] of cases) {
      const r = await runCli(['graph', ...extra, '--out', join(dir, 'never.csv')]);
      expect(r.code, r.stderr).toBe(2);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('clvlab '));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toContain(message);
    }
    // a header line is counted, not an error, even with --strict
    const ok = await runCli([
      'graph',
      '--edges',
      file('header.txt', 'a,b\n1 2\n'),
      '--strict',
      '--metrics',
      'degree',
      '--out',
      join(dir, 'h.csv'),
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows_read: 2, rows_kept: 1, rejected: { header: 1 } });
  });
});
