// The browser view of a workspace package whose entry (src/index.ts) also exports Node-only
// modules. `@clvlab/events` re-exports its file readers and Zarr store (node:fs, node:zlib,
// hyparquet's file source, @zarrita/storage/fs) beside the pure EventLog code, and
// `@clvlab/sessions` its dataset writers; `@clvlab/features` and `@clvlab/baselines` import
// those entries, so without this the page would pull node: modules in through them. Until the
// packages split a browser entry off (as `@clvlab/core` / `@clvlab/core/node` do), the build
// resolves each listed entry to a virtual module holding the same `export { … } from './x.ts'`
// lines minus the modules named in `drop`. A name the browser path still needs from a dropped
// module fails the build (missing export); a new Node-bound export fails it through
// noNodeImportsPlugin, naming the file.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '\0clvlab-browser-entry:';
const EXPORT = /export\s+(type\s+)?(\{[^}]*\}|\*(?:\s+as\s+\w+)?)\s+from\s+'([^']+)'\s*;?/g;

/** Package name → modules of its entry (as written there, e.g. './read-event-log.ts') left out of the browser view. */
export type BrowserEntries = Readonly<Record<string, readonly string[]>>;

export function browserEntryPlugin(entries: BrowserEntries): Plugin {
  return {
    name: 'clvlab-browser-entry',
    enforce: 'pre',
    async resolveId(id, importer) {
      if (!Object.hasOwn(entries, id)) return null;
      const real = await this.resolve(id, importer, { skipSelf: true });
      if (real === null) return null;
      return `${PREFIX}${id}\0${real.id}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const [name, entry] = id.slice(PREFIX.length).split('\0');
      return browserView(name, entry, entries[name]);
    },
  };
}

/** The value exports of `entry` minus those from `drop`, with absolute paths (type exports vanish at runtime anyway). */
export function browserView(name: string, entry: string, drop: readonly string[]): string {
  const source = readFileSync(entry, 'utf8').replace(/\/\/[^\n]*/g, '');
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const m of source.matchAll(EXPORT)) {
    const [, typeOnly, names, from] = m;
    if (!from.startsWith('./'))
      throw new Error(`${name}: browser view: expected './…' re-exports in ${entry}, got '${from}'`);
    seen.add(from);
    if (typeOnly !== undefined || drop.includes(from)) continue;
    lines.push(
      `export ${names.replace(/\btype\s+\w+(\s+as\s+\w+)?\s*,?/g, '')} from ${JSON.stringify(resolve(dirname(entry), from))};`,
    );
  }
  const rest = source.replace(EXPORT, '').trim();
  if (rest !== '')
    throw new Error(`${name}: browser view: ${entry} holds more than re-exports: '${rest.slice(0, 80)}'`);
  for (const d of drop)
    if (!seen.has(d)) throw new Error(`${name}: browser view: '${d}' is not re-exported by ${entry} (stale drop list)`);
  return `${lines.join('\n')}\n`;
}
