import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (export condition @clvlab/source, docs/architecture.md §Runtime).
  ssr: { resolve: { conditions: ['@clvlab/source', 'node', 'development|production'] } },
  test: { include: ['tests/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
