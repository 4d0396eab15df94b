// ESLint: typescript-eslint's type-checked rules over the app, scripts and tests (npm run lint).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', '.cache', 'synthetic-models', 'public', 'playwright-report', 'test-results*', 'onnx-models', 'bench-results', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Async stubs stand in for async APIs (tests, fakes); zustand actions are plain closures.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // It also asks `f<T>(x)` for `f(x) as T`, which misreads tfjs's op signatures.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  // Vitest's asymmetric matchers (expect.closeTo …) are typed any.
  { files: ['**/*.test.ts', '**/*.test.tsx'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off' } },
  // Node CLIs: no React there, so a `use…` name is not a hook.
  { files: ['scripts/**', 'test-support/**', 'e2e/**'], rules: { 'react-hooks/rules-of-hooks': 'off' } },
);
