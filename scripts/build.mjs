// Bundles the three entry points with esbuild:
//   src/vscode/extension.ts -> dist/extension.js  (Node, CommonJS, `vscode` external: the extension host)
//   webview/main.ts         -> dist/webview.js    (browser IIFE: the waterfall panel)
//   webview/search/main.ts  -> dist/searchView.js (browser IIFE: the Traces view, search and results)
//   src/cli/main.ts         -> dist/cli.js        (Node, CommonJS, executable: the trace-lens CLI)
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { chmod, copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...shared,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    // VS Code >= 1.125 runs extensions on Node 22.x/24.x.
    target: 'node22',
    external: ['vscode'],
  },
  {
    ...shared,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...shared,
    entryPoints: ['webview/search/main.ts'],
    outfile: 'dist/searchView.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...shared,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
  },
].filter((options) => existsSync(options.entryPoints[0]));

if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching for changes…');
} else {
  await Promise.all(targets.map((options) => esbuild.build(options)));
  if (existsSync('dist/cli.js')) await chmod('dist/cli.js', 0o755);
  await copyTreeSitterWasm();
  console.log(`esbuild: built ${targets.map((t) => t.outfile).join(', ')}${production ? ' (production)' : ''}`);
}

/**
 * The bundles load tree-sitter's runtime and grammars as .wasm files at run time: copy them next to the
 * bundles (dist/grammars/), where src/treeSitter/grammarLoader.ts looks first, so the .vsix carries them.
 */
async function copyTreeSitterWasm() {
  const require = createRequire(import.meta.url);
  const runtimeDir = dirname(require.resolve('web-tree-sitter'));
  const grammarsDir = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  const grammars = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'ruby', 'c-sharp'];
  await mkdir('dist/grammars', { recursive: true });
  await copyFile(join(runtimeDir, 'tree-sitter.wasm'), 'dist/grammars/tree-sitter.wasm');
  for (const name of grammars) {
    await copyFile(join(grammarsDir, `tree-sitter-${name}.wasm`), `dist/grammars/tree-sitter-${name}.wasm`);
  }
}
