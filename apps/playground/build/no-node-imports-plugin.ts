// Fails the browser build on any Node built-in import (`node:fs`, `fs`, …), naming the
// importing file. Vite itself only warns ("externalized for browser compatibility") and
// bundles an empty stub that breaks at run time; here it is an error, so CI catches a
// node: import that sneaks onto the browser path of a package.
import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

const BUILTINS = new Set(builtinModules);

export function noNodeImportsPlugin(): Plugin {
  return {
    name: 'clvlab-no-node-imports',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id.startsWith('node:') || BUILTINS.has(id)) {
        this.error(`'${id}' imported by ${importer ?? 'the entry'}: the browser path must not import Node built-ins`);
      }
      return null;
    },
  };
}
