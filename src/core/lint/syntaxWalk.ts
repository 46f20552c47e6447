import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { ZeroBasedRange } from './lintTypes';

/** Small language-neutral helpers over tree-sitter nodes. */

/**
 * Visits `node` and its named descendants depth-first; `visit` returns false to skip a subtree. With
 * `only`, just the nodes of those types are visited (the rest are still descended into): the cursor
 * reads each type without building a node object, which dominates the cost on large workspaces.
 */
export function walkNamed(node: SyntaxNode, visit: (node: SyntaxNode) => boolean | void, only?: ReadonlySet<string>): void {
  const cursor = node.walk();
  let depth = 0;
  try {
    for (;;) {
      let descend = true;
      if (cursor.nodeIsNamed && (only === undefined || only.has(cursor.nodeType))) descend = visit(cursor.currentNode) !== false;
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

export function rangeOf(node: SyntaxNode): ZeroBasedRange {
  return { start: node.startPosition, end: node.endPosition };
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Strips one layer of quotes from a literal's text (`'a'`, `"a"`, `` `a` ``, `f"a"`, `:a`). */
export function unquote(text: string): string {
  let start = 0;
  // Skip a literal's prefix letters (Python's f/b/r), never more than two.
  while (start < 2 && start < text.length && text[start] !== '"' && text[start] !== "'" && text[start] !== '`' && text[start] !== ':') start++;
  const trimmed = text[start] === ':' ? text.slice(start + 1) : text.slice(start);
  const first = trimmed[0];
  if ((first === '"' || first === "'" || first === '`') && trimmed.endsWith(first) && trimmed.length >= 2) return trimmed.slice(1, -1);
  return trimmed;
}

/** The first segment of a dotted path (`this.http.get` → `this`). */
export function pathRoot(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}

/** The segment before the method (`this.http.get` → `http`), or undefined for a bare call. */
export function pathReceiver(path: string): string | undefined {
  const parts = path.split('.');
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}

const typeLists = new WeakMap<ReadonlySet<string>, string[]>();

/** A set of node types as the array `Node.descendantsOfType` takes, made once per set. */
export function typeList(types: ReadonlySet<string>): string[] {
  let list = typeLists.get(types);
  if (!list) typeLists.set(types, (list = [...types]));
  return list;
}
