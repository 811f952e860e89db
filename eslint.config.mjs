import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Nest's decorators and class-validator need classes whose bodies are metadata only.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            // Operator and terminal tools (libs/pos): built on the shared libs, never imported by an app.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            // The sales benchmark (bench/): drives the platform through the pos client.
            {
              sourceTag: 'type:bench',
              onlyDependOnLibsWithTags: ['type:tool', 'type:contracts', 'type:util'],
            },
            {
              sourceTag: 'scope:gateway',
              notDependOnLibsWithTags: ['scope:auth', 'scope:ledger', 'scope:voucher', 'scope:notifications'],
            },
            {
              sourceTag: 'scope:auth',
              notDependOnLibsWithTags: [
                'scope:gateway',
                'scope:ledger',
                'scope:voucher',
                'scope:notifications',
              ],
            },
            {
              sourceTag: 'scope:ledger',
              notDependOnLibsWithTags: [
                'scope:gateway',
                'scope:auth',
                'scope:voucher',
                'scope:notifications',
              ],
            },
            {
              sourceTag: 'scope:voucher',
              notDependOnLibsWithTags: ['scope:gateway', 'scope:auth', 'scope:ledger', 'scope:notifications'],
            },
            {
              sourceTag: 'scope:notifications',
              notDependOnLibsWithTags: ['scope:gateway', 'scope:auth', 'scope:ledger', 'scope:voucher'],
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may reach for the testing lib and use jest's loose typing of matchers.
    files: ['**/*.spec.ts', '**/*-spec.ts', '**/test/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@nx/enforce-module-boundaries': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
  prettier,
);
