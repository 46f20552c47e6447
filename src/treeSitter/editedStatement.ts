import type { Node as SyntaxNode } from 'web-tree-sitter';
import { RULES_BY_LANGUAGE } from '../core/lint/languages/rulesByLanguage';
import type { SourceHandler } from '../core/source/handlerTypes';
import { indexSourceFile } from '../core/source/indexSourceFile';
import { rangeOf, type SourceRange } from '../core/source/syntaxNode';
import type { SourceLanguage } from '../core/sourceLanguage';

/** One top-level statement around an edit, read alone: what `indexAfterEdit` compares before and after. */
export interface StatementReading {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly range: SourceRange;
  readonly handlers: readonly SourceHandler[];
  /** Names of the functions declared in it (a route elsewhere may register one of them by name). */
  readonly declared: readonly string[];
}

/**
 * Reads the top-level statement of `root` that holds the text from `startIndex` to `endIndex`, or
 * undefined when no single statement holds it (or the language has no lint rules).
 */
export function readStatementAround(root: SyntaxNode, startIndex: number, endIndex: number, language: SourceLanguage, path: string): StatementReading | undefined {
  const rules = RULES_BY_LANGUAGE[language];
  const statement = root.firstNamedChildForIndex(startIndex);
  if (!rules || !statement || statement.startIndex > startIndex || statement.endIndex < endIndex) return undefined;
  const declared: string[] = [];
  for (const node of statement.descendantsOfType([...rules.functions])) {
    const name = node ? rules.readFunction(node)?.name : undefined;
    if (name !== undefined) declared.push(name);
  }
  return {
    type: statement.type,
    startIndex: statement.startIndex,
    endIndex: statement.endIndex,
    range: rangeOf(statement),
    handlers: indexSourceFile({ rootNode: statement }, language, path).handlers,
    declared,
  };
}
