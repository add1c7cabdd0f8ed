// The seams of the architecture, enforced by lint (as VS Code's local/code-layering does): the local
// rule `local/layers` (eslint-rules/layers.js) holds the layer table of docs/architecture.md and
// checks every import, `export … from`, `import()` and `require()` of a file in shared/, renderer/,
// electron/station, electron/serve or electron/sim against it — relative paths by the layer they
// land in, packages by per-layer lists (only electron/shell imports 'electron'; shared/ imports no
// Node and no browser package; renderer/ never reaches into electron/). electron/shell, tests/,
// scripts/ and config files are not fenced. shared/ also has no DOM lib (tsconfig.shared.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import local from './eslint-rules/layers.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'scripts/**/*.{ts,mjs,js}',
      'tests/**/*.ts',
      '*.config.{ts,js}',
      'eslint-rules/**/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    plugins: { local },
    rules: { 'local/layers': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
