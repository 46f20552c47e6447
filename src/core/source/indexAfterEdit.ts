import { pointAfterEdit, type SourceEdit, type SourcePoint } from '../sourceEdit';
import type { FileIndex, SourceHandler } from './handlerTypes';
import type { SourceRange } from './syntaxNode';

/**
 * Updates a file's handler index after an edit that stayed inside one top-level statement, without
 * indexing the whole file again. The caller indexes that statement alone, before and after the edit;
 * the rest of the index only moves with the text. Pure.
 */
export interface EditedStatement {
  /** The statement before the edit, and what indexing it alone found. */
  readonly before: { readonly range: SourceRange; readonly handlers: readonly SourceHandler[] };
  /** The same statement after the edit. */
  readonly after: { readonly handlers: readonly SourceHandler[] };
  /** The names of the functions it declares, before and after: other statements may register them. */
  readonly declaredBefore: readonly string[];
  readonly declaredAfter: readonly string[];
}

/**
 * The index after `edit`, or undefined when the file must be indexed again: when the statement read
 * alone does not give what the whole file gave for it (a rule needs the rest of the file, e.g. a router
 * prefix), when it declares other function names (a registration elsewhere may now mean another
 * function), or when a handler elsewhere starts or ends inside the edited text.
 */
export function indexAfterEdit(previous: FileIndex, edit: SourceEdit, statement: EditedStatement): FileIndex | undefined {
  if (!sameNames(statement.declaredBefore, statement.declaredAfter)) return undefined;
  const inside = (handler: SourceHandler): boolean => within(handler.range, statement.before.range);
  const fromStatement = previous.handlers.filter(inside);
  if (!sameHandlers(fromStatement, statement.before.handlers)) return undefined;
  const moved: SourceHandler[] = [];
  for (const handler of previous.handlers) {
    if (inside(handler)) continue;
    const range = movedRange(handler.range, edit);
    const functionRange = movedRange(handler.functionRange, edit);
    if (!range || !functionRange) return undefined;
    moved.push({ ...handler, range, functionRange });
  }
  const handlers = [...moved, ...statement.after.handlers].sort((a, b) => a.range.startLine0 - b.range.startLine0 || a.range.startColumn0 - b.range.startColumn0);
  return { ...previous, handlers };
}

function movedRange(range: SourceRange, edit: SourceEdit): SourceRange | undefined {
  const start = movedPoint({ row: range.startLine0, column: range.startColumn0 }, edit);
  const end = movedPoint({ row: range.endLine0, column: range.endColumn0 }, edit);
  if (!start || !end) return undefined;
  return { startLine0: start.row, startColumn0: start.column, endLine0: end.row, endColumn0: end.column };
}

/** A point before the edit stays; one after it moves; one strictly inside it has no place. */
function movedPoint(point: SourcePoint, edit: SourceEdit): SourcePoint | undefined {
  if (compare(point, edit.startPosition) <= 0) return point;
  if (compare(point, edit.oldEndPosition) >= 0) return pointAfterEdit(point, edit);
  return undefined;
}

function compare(a: SourcePoint, b: SourcePoint): number {
  return a.row - b.row || a.column - b.column;
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  const start = { row: inner.startLine0, column: inner.startColumn0 };
  const end = { row: inner.endLine0, column: inner.endColumn0 };
  return compare(start, { row: outer.startLine0, column: outer.startColumn0 }) >= 0 && compare(end, { row: outer.endLine0, column: outer.endColumn0 }) <= 0;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function sameHandlers(a: readonly SourceHandler[], b: readonly SourceHandler[]): boolean {
  const key = (handlers: readonly SourceHandler[]) => handlers.map((handler) => JSON.stringify(handler)).sort().join('\n');
  return a.length === b.length && key(a) === key(b);
}
