// Layer rules (see ARCHITECTURE.md): `vscode` only in src/vscode and the integration suite; Node built-ins
// never in src/core, src/protocol or webview/, which must run in a browser as well as in Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const noVscode = { name: 'vscode', message: 'Only src/vscode/ may import vscode (see ARCHITECTURE.md).' };
const noNode = nodeBuiltins.map((name) => ({
  name,
  message: 'src/core, src/protocol and webview/ must stay portable: no Node built-ins.',
}));

export default tseslint.config(
  // Fixture workspaces hold sample user code (Express apps, Flask views …) for the source index and the lint.
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.test-artifacts/**', '**/*.d.ts', 'test/fixtures/lintCorpus/**', 'test/fixtures/sourceWorkspace/**', 'test/fixtures/workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/jaeger/**/*.ts', 'src/kube/**/*.ts', 'src/cli/**/*.ts', 'src/treeSitter/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts', 'webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...noNode] }] },
  },
  {
    // Scripts loaded into a browser page by the benchmarks.
    files: ['scripts/bench/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', performance: 'readonly', requestAnimationFrame: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly' },
    },
  },
);
