import type { Node as SyntaxNode } from 'web-tree-sitter';

/** Building blocks the per-language rules share. */

/** Member-access node types and the fields holding the object and the member name. */
export type MemberFields = Readonly<Record<string, readonly [object: string, member: string]>>;

/** The dotted path of a callee or member expression (`axios.post`, `Net.HTTP.get`); `?` for anything else. */
export function dottedPath(node: SyntaxNode, members: MemberFields, calls: ReadonlySet<string>, calleeField: string): string {
  const fields = members[node.type];
  if (fields) {
    const object = node.childForFieldName(fields[0]);
    const member = node.childForFieldName(fields[1]);
    const left = object ? dottedPath(object, members, calls, calleeField) : '?';
    return `${left}.${member?.text ?? '?'}`;
  }
  if (calls.has(node.type)) {
    const callee = node.childForFieldName(calleeField);
    return `${callee ? dottedPath(callee, members, calls, calleeField) : '?'}()`;
  }
  if (node.namedChildCount === 0) return node.text;
  return '?';
}

/** The named children of an argument list, skipping comments. */
export function argumentNodes(list: SyntaxNode | null): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  if (!list) return args;
  for (let i = 0; i < list.namedChildCount; i++) {
    const child = list.namedChild(i);
    if (child && child.type !== 'comment') args.push(child);
  }
  return args;
}

/** The last dot-separated segment. */
export function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** The text of a string literal from its content children (no quotes, no escapes processing). */
export function literalContent(node: SyntaxNode, contentTypes: ReadonlySet<string>): string | undefined {
  let text = '';
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (!child) continue;
    if (contentTypes.has(child.type)) text += child.text;
    else if (child.type !== 'string_start' && child.type !== 'string_end' && child.type !== 'escape_sequence') return undefined;
  }
  return text;
}

/**
 * Classifies how `node`, known to be the incoming headers object, is used by its parent: indexed or
 * `get`-ed with a literal key is `single`, with a variable key `keyed`, anything else (spread, passed,
 * cloned, iterated) `whole`.
 */
export function classifyHeaderUse(
  node: SyntaxNode,
  indexTypes: ReadonlySet<string>,
  members: MemberFields,
  calls: ReadonlySet<string>,
  isString: (node: SyntaxNode) => boolean,
  getters: ReadonlySet<string>,
): 'whole' | 'single' | 'keyed' {
  const parent = node.parent;
  if (!parent) return 'whole';
  if (indexTypes.has(parent.type) && parent.namedChild(0)?.id === node.id) {
    const key = parent.namedChild(1);
    return key && isString(key) ? 'single' : 'keyed';
  }
  const fields = members[parent.type];
  if (fields && parent.childForFieldName(fields[0])?.id === node.id) {
    const member = parent.childForFieldName(fields[1])?.text ?? '';
    if (!getters.has(member)) return 'whole';
    const call = parent.parent;
    if (call && calls.has(call.type)) {
      const args = call.childForFieldName('arguments');
      const key = args?.namedChild(0);
      return key && isString(key) ? 'single' : 'keyed';
    }
  }
  return 'whole';
}
