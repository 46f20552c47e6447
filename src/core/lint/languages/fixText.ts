import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Small text helpers the per-language quick fixes share. */

/** The root of the file `node` is in (where imports and requires go). */
export function rootOf(node: SyntaxNode): SyntaxNode {
  return node.tree.rootNode;
}

/** The whitespace that starts the line holding `index`. */
export function lineIndent(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  let end = start;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return text.slice(start, end);
}

/**
 * Whether an HTTP header may be copied as it is into gRPC metadata: a `-bin` key's value must be bytes,
 * and its HTTP form is base64 text, which grpc-js and grpcio reject (the whole call fails).
 */
export function forwardableToGrpc(header: string): boolean {
  return !header.endsWith('-bin');
}
