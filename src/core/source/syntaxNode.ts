/**
 * The slice of a tree-sitter syntax node the source analyses use. `web-tree-sitter`'s `Node` satisfies it
 * structurally, so this folder stays free of the runtime (and of Node built-ins): the caller parses, the
 * analyses only read the tree.
 */
export interface SyntaxPoint {
  /** 0-based line. */
  readonly row: number;
  /** 0-based column, in UTF-8 bytes as tree-sitter counts them (equal to characters for ASCII lines). */
  readonly column: number;
}

export interface SyntaxNode {
  readonly type: string;
  readonly text: string;
  readonly startPosition: SyntaxPoint;
  readonly endPosition: SyntaxPoint;
  readonly namedChildren: readonly (SyntaxNode | null)[];
  readonly parent: SyntaxNode | null;
  childForFieldName(fieldName: string): SyntaxNode | null;
  /** Implemented inside tree-sitter (wasm), so far cheaper than walking the tree from JavaScript. */
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
}

/** A span of source text, 0-based lines and columns, end exclusive (tree-sitter's convention). */
export interface SourceRange {
  readonly startLine0: number;
  readonly startColumn0: number;
  readonly endLine0: number;
  readonly endColumn0: number;
}

export function rangeOf(node: SyntaxNode): SourceRange {
  return {
    startLine0: node.startPosition.row,
    startColumn0: node.startPosition.column,
    endLine0: node.endPosition.row,
    endColumn0: node.endPosition.column,
  };
}

/** Nodes of the given types anywhere under `root`, nulls dropped. */
export function descendants(root: SyntaxNode, types: string | string[]): SyntaxNode[] {
  return root.descendantsOfType(types).filter((node): node is SyntaxNode => node !== null);
}

export function namedChildrenOf(node: SyntaxNode | null | undefined): SyntaxNode[] {
  return node ? node.namedChildren.filter((child): child is SyntaxNode => child !== null) : [];
}

/** The nearest ancestor (not `node` itself) whose type is one of `types`. */
export function ancestorOfType(node: SyntaxNode, types: readonly string[]): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (types.includes(current.type)) return current;
  }
  return undefined;
}

/**
 * The value of a string literal node when it is a plain constant (no interpolation), else undefined.
 * Covers the literal node types of every supported grammar; escapes other than quotes are kept as written,
 * which is what route templates and span names contain in practice.
 */
export function literalText(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'string': {
      // JavaScript, Python and Ruby all call it `string`; the children tell them apart.
      const parts = namedChildrenOf(node);
      if (parts.some((part) => part.type === 'interpolation' || part.type === 'template_substitution')) return undefined;
      const content = parts.filter((part) => part.type === 'string_content' || part.type === 'string_fragment' || part.type === 'escape_sequence');
      return content.map((part) => part.text).join('');
    }
    case 'template_string':
      return namedChildrenOf(node).some((part) => part.type === 'template_substitution') ? undefined : node.text.slice(1, -1);
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'string_literal':
      return namedChildrenOf(node).some((part) => part.type === 'interpolation') ? undefined : unquote(node.text);
    case 'simple_symbol':
      return node.text.slice(1);
    default:
      return undefined;
  }
}

function unquote(text: string): string {
  if (text.startsWith('@"')) return text.slice(2, -1);
  if (text.startsWith('"""')) return text.slice(3, -3);
  return text.slice(1, -1);
}

/** Finds a declaration of this file by name; the table is built on first use, as most files never ask. */
export type NamedDeclarations = (name: string) => SyntaxNode | undefined;

/**
 * The declarations among `root`'s descendants of `types`, by the name `nameOf` reads from each (undefined:
 * not a declaration). A name declared twice resolves to the first (`first`) or to nothing (`ambiguous`).
 */
export function namedDeclarations(root: SyntaxNode, types: string[], nameOf: (node: SyntaxNode) => string | undefined, duplicates: 'first' | 'ambiguous'): NamedDeclarations {
  let byName: Map<string, SyntaxNode | undefined> | undefined;
  return (name) => {
    if (!byName) {
      byName = new Map();
      for (const node of descendants(root, types)) {
        const declared = nameOf(node);
        if (declared === undefined) continue;
        if (!byName.has(declared)) byName.set(declared, node);
        else if (duplicates === 'ambiguous') byName.set(declared, undefined);
      }
    }
    return byName.get(name);
  };
}
