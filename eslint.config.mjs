// Lint: typescript-eslint recommended + Nx module boundaries. The tags in each package.json
// ("layer:*") encode docs/architecture.md §Dependency graph's one-way graph: events -> sessions -> models -> app;
// metrics and synth depend only on events; nothing imports the app.
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
          allow: [],
          depConstraints: [
            { sourceTag: 'layer:events', onlyDependOnLibsWithTags: ['layer:events'] },
            { sourceTag: 'layer:synth', onlyDependOnLibsWithTags: ['layer:events'] },
            { sourceTag: 'layer:metrics', onlyDependOnLibsWithTags: ['layer:events'] },
            { sourceTag: 'layer:sessions', onlyDependOnLibsWithTags: ['layer:events'] },
            { sourceTag: 'layer:model', onlyDependOnLibsWithTags: ['layer:events', 'layer:sessions'] },
            { sourceTag: 'layer:app', onlyDependOnLibsWithTags: ['layer:events', 'layer:sessions', 'layer:synth', 'layer:metrics', 'layer:model'] },
          ],
        },
      ],
    },
  },
);
