import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Language as LanguageType, Parser as ParserType } from 'web-tree-sitter';

// `require`, not `import`: bundled by esbuild into CommonJS, an `import` picks web-tree-sitter's ES module
// build, which calls `createRequire(import.meta.url)` and fails (import.meta is empty in CommonJS); the
// package's `require` build (tree-sitter.cjs) uses __dirname instead.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
type Parser = ParserType;
type Language = LanguageType;
import { GRAMMAR_FILE, type SourceLanguage } from '../core/sourceLanguage';

/**
 * Loads tree-sitter (`web-tree-sitter`) and the grammars of `@vscode/tree-sitter-wasm`, once each, and
 * hands out parsers. Node only (reads .wasm files); the analyses that use the parsers are pure.
 */
export interface GrammarLoader {
  /** A parser set to `language`. Parsers are cheap; grammars are loaded once and shared. */
  parserFor(language: SourceLanguage): Promise<Parser>;
}

/**
 * Where the .wasm files are: next to the bundle (`dist/grammars/`, copied there by scripts/build.mjs for
 * the .vsix) or, when running from source and tests, in node_modules.
 */
export function locateWasmFiles(bundleDir: string = __dirname): { runtime: string; grammarsDir: string } {
  const bundled = path.join(bundleDir, 'grammars');
  if (existsSync(path.join(bundled, 'tree-sitter.wasm'))) {
    return { runtime: path.join(bundled, 'tree-sitter.wasm'), grammarsDir: bundled };
  }
  // Resolved at run time from node_modules (never reached from the bundle, which has dist/grammars).
  const resolveInstalled = (id: string): string => require.resolve(id);
  const grammarsPackage = path.dirname(resolveInstalled('@vscode/tree-sitter-wasm/package.json'));
  const runtimePackage = path.dirname(resolveInstalled('web-tree-sitter'));
  return { runtime: path.join(runtimePackage, 'tree-sitter.wasm'), grammarsDir: path.join(grammarsPackage, 'wasm') };
}

let initialized: Promise<void> | undefined;

/** Creates a loader; the runtime is initialized on first use, each grammar on first request. */
export function createGrammarLoader(bundleDir?: string): GrammarLoader {
  const files = locateWasmFiles(bundleDir);
  const languages = new Map<SourceLanguage, Promise<Language>>();
  initialized ??= Parser.init({ locateFile: () => files.runtime });
  return {
    async parserFor(language) {
      await initialized;
      let loading = languages.get(language);
      if (!loading) {
        loading = Language.load(path.join(files.grammarsDir, GRAMMAR_FILE[language]));
        languages.set(language, loading);
      }
      const parser = new Parser();
      parser.setLanguage(await loading);
      return parser;
    },
  };
}
