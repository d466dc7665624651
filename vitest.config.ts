import { defineConfig } from 'vitest/config';

// One run over every package: each package's own vitest.config.ts is a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // 2-core machines: one test file per core; tfjs and worker tests are heavy.
    maxWorkers: 2,
  },
});
