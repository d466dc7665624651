// The playground: a static page (index.html + src/main.ts) built with relative asset paths,
// so the dist folder can be served from anywhere or opened by the Chromium test.
import { defaultClientConditions, defineConfig } from 'vite';
import { browserEntryPlugin } from './build/browser-entry-plugin.ts';
import { noNodeImportsPlugin } from './build/no-node-imports-plugin.ts';

/** Modules of the package entries that need Node (file readers, Zarr store, dataset writers). */
export const NODE_ONLY_MODULES = Object.freeze({
  '@clvlab/events': ['./read-event-log.ts', './zarr-group.ts', './gzip-codec.ts', './online-retail-reader.ts'],
  '@clvlab/sessions': ['./write-sessions-csv.ts', './prepare-dataset.ts', './prepared-dataset-store.ts'],
});

/** The workspace packages' TypeScript sources, not their dist/ (docs/architecture.md §Runtime). */
export const RESOLVE = { conditions: ['@clvlab/source', ...defaultClientConditions] };

const browserPlugins = () => [noNodeImportsPlugin(), browserEntryPlugin(NODE_ONLY_MODULES)];

export default defineConfig({
  base: './',
  resolve: RESOLVE,
  plugins: browserPlugins(),
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
  // The analysis worker is bundled on its own and needs the same two plugins.
  worker: { format: 'es', plugins: browserPlugins },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
