import type { SourceLanguage } from '../sourceLanguage';
import { goHandlers } from './goHandlers';
import type { FileIndex, SourceHandler } from './handlerTypes';
import { javaHandlers } from './javaHandlers';
import { javascriptHandlers, nextJsRouteHandlers } from './javascriptHandlers';
import { pythonHandlers } from './pythonHandlers';
import { rubyHandlers } from './rubyHandlers';
import type { SyntaxTree } from './syntaxNode';

/**
 * Finds the request handlers (routes, gRPC methods) and manual span sites in one parsed file.
 * `tree` must come from a parser set to `language`; `path` is workspace-relative with `/` separators
 * (it matters for Next.js route files, Django `urls.py` and Rails `routes.rb`). Pure: no I/O.
 * C# is parsed but has no rules yet, so its files index empty.
 */
export function indexSourceFile(tree: SyntaxTree, language: SourceLanguage, path: string): FileIndex {
  return { path, language, handlers: handlersOf(tree, language, path) };
}

function handlersOf(tree: SyntaxTree, language: SourceLanguage, path: string): SourceHandler[] {
  const root = tree.rootNode;
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return [...javascriptHandlers(root), ...nextJsRouteHandlers(root, path)];
    case 'python':
      return pythonHandlers(root, path);
    case 'go':
      return goHandlers(root);
    case 'java':
      return javaHandlers(root);
    case 'ruby':
      return rubyHandlers(root, path);
    case 'csharp':
      return [];
  }
}
