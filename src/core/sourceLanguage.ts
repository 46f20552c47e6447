/**
 * The source languages Trace Lens parses (with tree-sitter) to map spans to handlers and to lint trace
 * propagation, and how a file's name tells its language.
 */
export type SourceLanguage = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'ruby' | 'csharp';

/** Every supported language, in a stable order. */
export const SOURCE_LANGUAGES: readonly SourceLanguage[] = ['typescript', 'tsx', 'javascript', 'python', 'go', 'java', 'ruby', 'csharp'];

const LANGUAGE_BY_EXTENSION: Readonly<Record<string, SourceLanguage>> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  // tree-sitter-javascript parses JSX itself.
  '.jsx': 'javascript',
  '.py': 'python',
  '.go': 'go',
  '.java': 'java',
  '.rb': 'ruby',
  '.cs': 'csharp',
};

/** The language of a file by its name (`.d.ts` declaration files have no code to map), or undefined. */
export function languageOfPath(path: string): SourceLanguage | undefined {
  if (path.endsWith('.d.ts')) return undefined;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  if (dot <= slash) return undefined;
  return LANGUAGE_BY_EXTENSION[path.slice(dot).toLowerCase()];
}

/** The grammar file in `@vscode/tree-sitter-wasm` that parses each language. */
export const GRAMMAR_FILE: Readonly<Record<SourceLanguage, string>> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
  go: 'tree-sitter-go.wasm',
  java: 'tree-sitter-java.wasm',
  ruby: 'tree-sitter-ruby.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
};
