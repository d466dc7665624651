// The playground: a static page (index.html + src/main.ts) built with relative asset paths,
// so the dist folder can be served from anywhere or opened by the Chromium test.
// The package entries it imports are browser-safe as they are (their Node-only halves are the
// `./node` entries); noNodeImportsPlugin fails the build if a Node built-in reaches the page.
import { defaultClientConditions, defineConfig } from 'vite';
import { noNodeImportsPlugin } from './build/no-node-imports-plugin.ts';

/** The workspace packages' TypeScript sources, not their dist/ (docs/architecture.md §Runtime). */
export const RESOLVE = { conditions: ['@clvlab/source', ...defaultClientConditions] };

const browserPlugins = () => [noNodeImportsPlugin()];

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
