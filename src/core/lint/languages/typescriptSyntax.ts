import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FunctionView } from '../languageRules';
import { argumentNodes, dottedPath, lastSegment, literalContent, type MemberFields } from './commonSyntax';

/** TypeScript and JavaScript syntax read the same way by the rules, gRPC and handler detection: calls, functions, strings, bindings. */

/** Call node types (`f(x)`, `a.b(x)`); `new` expressions are read apart, for instrumentation only. */
export const CALLS: ReadonlySet<string> = new Set(['call_expression']);
/** Member access: `object.property`. */
export const MEMBERS: MemberFields = { member_expression: ['object', 'property'] };
/** The text pieces of a string or template literal. */
export const STRING_CONTENT: ReadonlySet<string> = new Set(['string_fragment']);

/** A call's dotted callee path (`axios.post`), its last segment and its argument nodes. */
export function readCall(node: SyntaxNode): CallView | undefined {
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  const path = dottedPath(callee, MEMBERS, CALLS, 'function');
  return { node, path, method: lastSegment(path), args: argumentNodes(node.childForFieldName('arguments')) };
}

/** Function node types: declarations, expressions, arrows and class methods. */
export const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);

/** A function's name (its own, or the variable it is assigned to), parameter names (`''` for a pattern) and body. */
export function readFunction(node: SyntaxNode): FunctionView | undefined {
  let name = node.childForFieldName('name')?.text;
  if (name === undefined && node.parent?.type === 'variable_declarator') name = node.parent.childForFieldName('name')?.text;
  const params: string[] = [];
  const list = node.childForFieldName('parameters') ?? node.childForFieldName('parameter');
  if (list && list.type === 'identifier') params.push(list.text);
  else if (list) {
    for (let i = 0; i < list.namedChildCount; i++) {
      const param = list.namedChild(i);
      const pattern = param?.childForFieldName('pattern') ?? param;
      params.push(pattern?.type === 'identifier' ? pattern.text : '');
    }
  }
  return { node, name, params, body: node.childForFieldName('body') ?? undefined };
}

/** A string literal's content, a template without substitutions, or an object key; else `undefined`. */
export function stringValue(node: SyntaxNode): string | undefined {
  if (node.type === 'string') return literalContent(node, STRING_CONTENT);
  if (node.type === 'template_string' && node.namedChildCount <= 1) return literalContent(node, STRING_CONTENT);
  if (node.type === 'property_identifier' && node.parent?.type === 'pair') return node.text;
  return undefined;
}

/** The variable or field a value is assigned to (`const api = …`, `this.api = …`). */
export function boundNameOf(value: SyntaxNode): string | undefined {
  let node: SyntaxNode | null = value.parent;
  while (node?.type === 'await_expression' || node?.type === 'parenthesized_expression') node = node.parent;
  if (node?.type === 'variable_declarator') return node.childForFieldName('name')?.text;
  if (node?.type === 'assignment_expression') {
    const left = node.childForFieldName('left');
    return left?.type === 'member_expression' ? left.childForFieldName('property')?.text : left?.text;
  }
  if (node?.type === 'public_field_definition') return node.childForFieldName('name')?.text;
  return undefined;
}
