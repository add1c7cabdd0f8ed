// The seams of the architecture, enforced by lint (as VS Code's local/code-layering does):
//   - only electron/shell imports 'electron';
//   - shared/ imports neither Node built-ins nor Node-only packages (and has no DOM lib: tsconfig);
//   - renderer/ imports shared/ and its own folders, never electron/ (it reaches the core only
//     through the contract).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'mqtt', 'aedes', 'ws', 'electron'];

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: "Only electron/shell may import 'electron'." }],
  patterns: [{ group: ['electron/*'], message: "Only electron/shell may import 'electron'." }],
};

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
    files: ['electron/**/*.ts', 'scripts/**/*.{ts,mjs,js}', 'tests/**/*.ts', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({
            name,
            message: 'shared/ runs in every layer: no Node built-ins or Node-only packages.',
          })),
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({
            name,
            message: 'The renderer runs in a sandboxed page: no Node, no electron.',
          })),
          patterns: [
            {
              group: ['**/electron/**', 'electron/*'],
              message: 'The renderer reaches the core only through the contract (shared/api.ts).',
            },
          ],
        },
      ],
    },
  },
);
