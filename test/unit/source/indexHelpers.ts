import { createGrammarLoader } from '../../../src/treeSitter/grammarLoader';
import { indexSourceFile } from '../../../src/core/source/indexSourceFile';
import type { FileIndex, SourceHandler } from '../../../src/core/source/handlerTypes';
import type { SourceLanguage } from '../../../src/core/sourceLanguage';

const loader = createGrammarLoader();

/** Parses `code` as `language` and indexes it as if it were the workspace file `path`. */
export async function indexCode(language: SourceLanguage, path: string, code: string): Promise<FileIndex> {
  const parser = await loader.parserFor(language);
  const tree = parser.parse(code);
  if (!tree) throw new Error('parse failed');
  try {
    return indexSourceFile(tree, language, path);
  } finally {
    tree.delete();
    parser.delete();
  }
}

/** `GET /users/:id @3` lines: what a reader checks (kind, name, 1-based line) without the ranges' noise. */
export function summarize(handlers: readonly SourceHandler[]): string[] {
  return handlers.map((handler) => `${handler.kind} ${handler.name} @${handler.range.startLine0 + 1}`).sort();
}
