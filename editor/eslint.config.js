// Static analysis of the editor, run by `npm run lint` (and so by the Maven build, which fails on any finding):
// typescript-eslint's type-checked recommended rules, React's rules of hooks, and nothing about formatting
// (prettier owns that: `npm run format`).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['target/**', 'node_modules/**', 'src/api/generated/**'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic rules of hooks. The React Compiler's rules that react-hooks 7 adds to "recommended"
      // (refs read during render, setState in effects) ask for a redesign of the canvas and forms, not a fix.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // String(value) on unknown parameter values is the editor's deliberate JavaScript-style coercion
      // (as n8n's displayOptions and expressions do), not an accidental "[object Object]".
      '@typescript-eslint/no-base-to-string': 'off',
      // React ignores what an event handler returns; async handlers report their own failures.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // `const { removed: _removed, ...rest } = obj` drops a key on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      // fetchStub answers a thrown { status, detail } with that problem+json response
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  prettier,
);
