// The browser build is the check that no node: module reaches the page: it must succeed
// without warnings, and a Node built-in or a Node-only export on the browser path must fail it,
// naming the file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'vite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserEntryPlugin, browserView } from '../build/browser-entry-plugin.ts';
import { noNodeImportsPlugin } from '../build/no-node-imports-plugin.ts';
import { NODE_ONLY_MODULES, RESOLVE } from '../vite.config.ts';
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
    plugins: [fixture, noNodeImportsPlugin(), browserEntryPlugin(NODE_ONLY_MODULES)],
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

  it('fails on a Node-only export of @clvlab/events (not in its browser view)', async () => {
    await expect(
      buildFixture("import { readEventLog } from '@clvlab/events';\nconsole.log(readEventLog);\n"),
    ).rejects.toThrow(/readEventLog/);
    await buildFixture(
      "import { createEventLog, Tokenizer } from '@clvlab/events';\nconsole.log(createEventLog, Tokenizer);\n",
    );
  });

  it('keeps every other value export of the entry in the browser view', () => {
    const entry = join(PLAYGROUND_DIR, '..', '..', 'packages', 'events', 'src', 'index.ts');
    const view = browserView('@clvlab/events', entry, NODE_ONLY_MODULES['@clvlab/events']);
    expect(view).toMatch(/export \{ createEventLog \} from ".*packages\/events\/src\/create-event-log\.ts";/);
    expect(view).toMatch(/export \{ Tokenizer \} from /);
    expect(view).not.toMatch(/readEventLog|writeZarrGroup|registerGzipCodec|NON_PRODUCT_CODES|export type/);
    expect(() => browserView('@clvlab/events', entry, ['./gone.ts'])).toThrow("'./gone.ts' is not re-exported");
  });
});
