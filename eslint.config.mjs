// Lint: typescript-eslint recommended + Nx module boundaries. The tags in each package.json
// ("layer:*") encode docs/architecture.md §Dependency graph's one-way graph:
// core -> events -> sessions -> features -> models -> app; trees and metrics need only core; nothing imports the app.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'results/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // Test-only imports across packages: the README example runner and shared test fixtures (downward only).
          allow: [
            '../../../tools/readme-example.ts',
            '../../features/tests/fixtures.ts',
            '../../features/tests/small-log.ts',
            '../../sessions/tests/fixtures.ts',
          ],
          depConstraints: [
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:events', onlyDependOnLibsWithTags: ['layer:core', 'layer:events'] },
            { sourceTag: 'layer:synth', onlyDependOnLibsWithTags: ['layer:core', 'layer:events'] },
            { sourceTag: 'layer:metrics', onlyDependOnLibsWithTags: ['layer:core'] },
            { sourceTag: 'layer:sessions', onlyDependOnLibsWithTags: ['layer:core', 'layer:events'] },
            { sourceTag: 'layer:features', onlyDependOnLibsWithTags: ['layer:core', 'layer:events', 'layer:sessions'] },
            { sourceTag: 'layer:trees', onlyDependOnLibsWithTags: ['layer:core'] },
            { sourceTag: 'layer:decisions', onlyDependOnLibsWithTags: ['layer:core', 'layer:metrics'] },
            {
              sourceTag: 'layer:model',
              onlyDependOnLibsWithTags: [
                'layer:core',
                'layer:events',
                'layer:sessions',
                'layer:features',
                'layer:trees',
              ],
            },
            {
              sourceTag: 'layer:app',
              onlyDependOnLibsWithTags: [
                'layer:core',
                'layer:events',
                'layer:sessions',
                'layer:features',
                'layer:trees',
                'layer:decisions',
                'layer:synth',
                'layer:metrics',
                'layer:model',
              ],
            },
          ],
        },
      ],
    },
  },
);
