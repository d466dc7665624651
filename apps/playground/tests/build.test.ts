// The browser build is the check that no node: module reaches the page: it must succeed
// without warnings, the package entries it depends on must bundle whole, and a Node built-in
// or a package's `./node` entry on the browser path must fail it, naming the file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { noNodeImportsPlugin } from '../build/no-node-imports-plugin.ts';
import { RESOLVE } from '../vite.config.ts';
import { buildPlayground, PLAYGROUND_DIR } from './build-playground.ts';

/** Builds one in-memory module (as if it were src/__fixture__.ts) through the page's plugins. */
async function buildFixture(code: string): Promise<void> {
  const id = `${PLAYGROUND_DIR}src/__fixture__.ts`;
  const fixture: Plugin = {
    name: 'fixture',
    enforce: 'pre',
    resolveId: (s) => (s === id ? id : null),
    load: (s) => (s === id ? code : null),
  };
  await build({
    root: PLAYGROUND_DIR,
    configFile: false,
    logLevel: 'silent',
    resolve: RESOLVE,
    plugins: [fixture, noNodeImportsPlugin()],
    build: { write: false, rollupOptions: { input: id } },
  });
}

describe('playground browser build', () => {
  it('builds index.html, the page script and the analysis worker without warnings', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'clvlab-playground-build-')),
      out = join(tmp, 'dist');
    onTestFinished(() => rmSync(tmp, { recursive: true, force: true }));
    const warnings = await buildPlayground(out);
    expect(warnings).toEqual([]);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const assets = readdirSync(join(out, 'assets'));
    expect(assets.filter((f) => /^analysis-worker-.*\.js$/.test(f))).toHaveLength(1);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/src="\.\/assets\/index-[\w-]+\.js"/);
  });

  it('fails on a Node built-in, naming the importing file', async () => {
    await expect(buildFixture("import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n")).rejects.toThrow(
      /'node:fs' imported by .*src\/__fixture__\.ts: the browser path must not import Node built-ins/,
    );
    await expect(
      buildFixture("import { writeFileAtomic } from '@clvlab/core/node';\nconsole.log(writeFileAtomic);\n"),
    ).rejects.toThrow(/imported by .*packages\/core\/src\/.*: the browser path must not import Node built-ins/);
  });

  it('fails on a Node-only entry (@clvlab/events/node), naming the file', async () => {
    await expect(
      buildFixture("import { readEventLog } from '@clvlab/events/node';\nconsole.log(readEventLog);\n"),
    ).rejects.toThrow(/imported by .*packages\/events\/src\/.*: the browser path must not import Node built-ins/);
  });

  it("bundles every value export of the page's package entries (no browser view, no stub)", async () => {
    const entries = ['core', 'events', 'features', 'baselines', 'metrics'];
    await buildFixture(
      `${entries.map((p, i) => `import * as m${i} from '@clvlab/${p}';`).join('\n')}\n` +
        `console.log(${entries.map((_, i) => `m${i}`).join(', ')});\n`,
    );
  });
});
