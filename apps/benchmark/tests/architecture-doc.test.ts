// The newcomer test of issue 11, automated: every file docs/architecture.md's "Where things live"
// table names exists, so a reader who goes by the document alone lands on the right file (the
// table cannot rot when files move). Bare names in a cell are relative to the previous path's
// folder, `src/...` to its package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.ts';

describe('docs/architecture.md', () => {
  it('names only files that exist in "Where things live", and the six a newcomer looks for first', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/architecture.md'), 'utf8');
    const section = doc.slice(
      doc.indexOf('## Where things live'),
      doc.indexOf('\n## ', doc.indexOf('## Where things live') + 5),
    );
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'));
    expect(rows.length).toBeGreaterThan(30);
    const missing: string[] = [];
    const where = new Map<string, string>();
    for (const row of rows) {
      const [what, files] = row.slice(2, -2).split(' | ');
      let dir = '',
        pkg = '';
      for (const token of files.match(/[\w./-]+\.(ts|md|mjs)|[\w.-]+\/(?:[\w.-]+\/)*(?=[\s,;)]|$)/g) ?? []) {
        let path: string;
        if (/^(packages|apps|examples|tools|docs)\//.test(token)) {
          path = token;
          const parts = token.split('/');
          pkg = parts.slice(0, 2).join('/');
        } else if (token.startsWith('src/')) path = join(pkg, token);
        else if (token.includes('/')) path = join(pkg, token);
        else path = join(dir, token);
        if (/\.(ts|md|mjs)$/.test(path)) dir = dirname(path);
        else dir = path.replace(/\/$/, '');
        if (!existsSync(join(REPO_ROOT, path))) missing.push(`${what}: ${path}`);
        if (!where.has(what)) where.set(what, path);
      }
    }
    expect(missing).toEqual([]);
    // the newcomer's six: sessions, the split, BG/NBD, PageRank, the encoder, the bench runner
    expect(where.get('sessions')).toBe('packages/sessions/src/split-sessions.ts');
    expect(where.get('the split')).toBe('packages/sessions/src/evaluation-split.ts');
    expect(where.get('BG/NBD')).toMatch(/^packages\/baselines\/src\/(btyd\/)?bg-nbd\.ts$/);
    expect(where.get('PageRank')).toBe('packages/social-graph/src/pagerank.ts');
    expect(where.get('the encoder network')).toBe('packages/behavior-encoder/src/network/encoder-network.ts');
    expect(where.get('the bench runner')).toBe('apps/benchmark/src/runner/run-bench.ts');
  });
});
