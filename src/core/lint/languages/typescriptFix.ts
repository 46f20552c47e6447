import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { rootOf } from './fixText';
import { stringValue } from './typescriptSyntax';

/**
 * Quick fixes for TypeScript/JavaScript calls: add the configured headers, copied from the incoming
 * request in scope, to the call's options (`{ headers: { … } }`); or, when the project depends on
 * `@opentelemetry/api`, inject the active context. Both keep the code parseable and typed.
 */

/** Where each client takes its options object (argument index). */
const OPTIONS_INDEX: Readonly<Record<string, number>> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2 };

export function typescriptFixes(request: FixRequest): LintFix[] {
  const fixes: LintFix[] = [];
  const requestName = [...request.requestNames].find((name) => !name.includes(':'));
  if (requestName !== undefined) {
    const names = request.headers.map((name) => `'${name}'`).join(', ');
    const spread = `...Object.fromEntries([${names}].flatMap((name) => { const value = ${requestName}.headers[name]; return typeof value === 'string' ? [[name, value] as const] : []; }))`;
    const edits = addHeaders(request, spread);
    if (edits) fixes.push({ title: `Forward the trace headers from "${requestName}"`, edits });
  }
  if (request.dependsOnOtelApi) {
    const root = rootOf(request.call.node);
    const api = importMembers(root, ['@opentelemetry/api'], ['context', 'propagation']);
    const spread = `...(() => { const carrier: Record<string, string> = {}; ${api.names.propagation}.inject(${api.names.context}.active(), carrier); return carrier; })()`;
    const edits = addHeaders(request, spread);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry propagation API)', edits: [...importEdits(root, request.path, [api]), ...edits] });
  }
  return fixes;
}

function addHeaders(request: FixRequest, spread: string): LintTextEdit[] | undefined {
  const { call } = request;
  const index = call.path.includes('.') ? OPTIONS_INDEX[call.method] ?? 1 : 1;
  const options = call.args[index];
  if (options === undefined) {
    if (call.args.length !== index) return undefined;
    const argumentList = call.node.childForFieldName('arguments');
    if (!argumentList) return undefined;
    const close = argumentList.endIndex - 1;
    return [{ startIndex: close, endIndex: close, newText: `${index === 0 ? '' : ', '}{ headers: { ${spread} } }` }];
  }
  if (options.type !== 'object') return undefined;
  const headersPair = options.namedChildren.find((child) => child?.type === 'pair' && keyText(child.childForFieldName('key')) === 'headers');
  if (!headersPair) return [{ startIndex: options.startIndex + 1, endIndex: options.startIndex + 1, newText: ` headers: { ${spread} },` }];
  const value = headersPair.childForFieldName('value');
  if (!value) return undefined;
  if (value.type === 'object') return [{ startIndex: value.startIndex + 1, endIndex: value.startIndex + 1, newText: ` ${spread},` }];
  return [{ startIndex: value.startIndex, endIndex: value.endIndex, newText: `{ ...${value.text}, ${spread} }` }];
}

function keyText(key: SyntaxNode | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'string') return key.text.slice(1, -1);
  return key.text;
}


/**
 * What a fix needs from one module: the expression naming each member in this file (`grpc.Metadata`
 * through a namespace, `Md` through `{ Metadata as Md }`), the edits adding members to a named import or
 * destructuring `require` that lacks them, and the members no import brings yet.
 */
export interface ModuleMembers {
  readonly module: string;
  readonly names: Readonly<Record<string, string>>;
  readonly edits: readonly LintTextEdit[];
  readonly missing: readonly string[];
}

/** How a top-level statement binds one of `modules`: a namespace or default name, named members, the `{…}` list. */
interface ModuleBinding {
  readonly module: string;
  readonly namespace: string | undefined;
  readonly named: ReadonlyMap<string, string>;
  readonly list: SyntaxNode | undefined;
}

/** The names `members` of the first of `modules` the file imports go by, and what must be imported still. */
export function importMembers(root: SyntaxNode, modules: readonly string[], members: readonly string[]): ModuleMembers {
  const bindings = root.namedChildren.flatMap((statement) => (statement ? moduleBindings(statement, modules) : []));
  const names: Record<string, string> = {};
  const absent: string[] = [];
  for (const member of members) {
    const binding = bindings.find((candidate) => candidate.named.has(member)) ?? bindings.find((candidate) => candidate.namespace !== undefined);
    const local = binding?.named.get(member) ?? (binding?.namespace !== undefined ? `${binding.namespace}.${member}` : undefined);
    names[member] = local ?? member;
    if (local === undefined) absent.push(member);
  }
  const module = bindings[0]?.module ?? modules[0] ?? '';
  const list = bindings.find((binding) => binding.list)?.list;
  if (absent.length === 0 || !list) return { module, names, edits: [], missing: absent };
  const last = list.lastNamedChild;
  const edit = last ? { startIndex: last.endIndex, endIndex: last.endIndex, newText: `, ${absent.join(', ')}` } : { startIndex: list.startIndex + 1, endIndex: list.startIndex + 1, newText: ` ${absent.join(', ')} ` };
  return { module, names, edits: [edit], missing: [] };
}

/** `import … from 'm'` or `const … = require('m')` at top level, when `m` is one of `modules`. */
function moduleBindings(statement: SyntaxNode, modules: readonly string[]): ModuleBinding[] {
  if (statement.type === 'import_statement') {
    const source = statement.childForFieldName('source');
    const module = source ? stringValue(source) : undefined;
    const clause = statement.namedChildren.find((child) => child?.type === 'import_clause');
    // `import type { … }` binds no value a fix could call.
    if (module === undefined || !modules.includes(module) || !clause || isTypeOnly(statement)) return [];
    let namespace: string | undefined;
    let list: SyntaxNode | undefined;
    const named = new Map<string, string>();
    for (const part of clause.namedChildren) {
      if (part?.type === 'identifier') namespace = part.text;
      if (part?.type === 'namespace_import') namespace = part.namedChild(0)?.text;
      if (part?.type !== 'named_imports') continue;
      list = part;
      for (const specifier of part.namedChildren) {
        const name = specifier?.childForFieldName('name')?.text;
        if (name !== undefined && specifier && !isTypeOnly(specifier)) named.set(name, specifier?.childForFieldName('alias')?.text ?? name);
      }
    }
    return [{ module, namespace, named, list }];
  }
  if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return [];
  return statement.namedChildren.flatMap((declarator): ModuleBinding[] => {
    const module = declarator ? requiredModule(declarator) : undefined;
    const target = declarator?.childForFieldName('name');
    if (module === undefined || !modules.includes(module) || !target) return [];
    if (target.type === 'identifier') return [{ module, namespace: target.text, named: new Map(), list: undefined }];
    if (target.type !== 'object_pattern') return [];
    const named = new Map<string, string>();
    for (const property of target.namedChildren) {
      if (property?.type === 'shorthand_property_identifier_pattern') named.set(property.text, property.text);
      const value = property?.type === 'pair_pattern' ? property.childForFieldName('value') : undefined;
      if (value?.type === 'identifier') named.set(property?.childForFieldName('key')?.text ?? '', value.text);
    }
    return [{ module, namespace: undefined, named, list: target }];
  });
}

/** `import type …` or `{ type Name }`: the `type` keyword is an unnamed child. */
function isTypeOnly(node: SyntaxNode): boolean {
  return node.children.some((child) => child?.type === 'type');
}

/** `require('m')` as a declarator's value: `m`. */
function requiredModule(declarator: SyntaxNode): string | undefined {
  const value = declarator.childForFieldName('value');
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'require') return undefined;
  const first = value.childForFieldName('arguments')?.namedChild(0);
  return first ? stringValue(first) : undefined;
}

/**
 * The edits that bring `wanted` members into the file: additions to existing named imports, and the new
 * imports (`import { … } from` in a module, `const { … } = require(…)` in a CommonJS file) in one edit
 * after the last import, or at the top after a hash-bang and directives (`'use strict'`).
 */
export function importEdits(root: SyntaxNode, path: string, wanted: readonly ModuleMembers[]): LintTextEdit[] {
  const edits = wanted.flatMap((members) => members.edits);
  const needed = wanted.filter((members) => members.missing.length > 0);
  if (needed.length === 0) return edits;
  const statements = root.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const imports = statements.filter((statement) => statement.type === 'import_statement' || statement.namedChildren.some((child) => child !== null && requiredModule(child) !== undefined));
  const commonJs = imports.length > 0 ? imports.every((statement) => statement.type !== 'import_statement') : /\.c?js$/.test(path);
  const lines = needed.map(({ module, missing }) => (commonJs ? `const { ${missing.join(', ')} } = require('${module}');` : `import { ${missing.join(', ')} } from '${module}';`));
  let after = imports[imports.length - 1];
  if (!after) for (const statement of statements) {
    if (statement.type !== 'hash_bang_line' && !(statement.type === 'expression_statement' && statement.namedChild(0)?.type === 'string')) break;
    after = statement;
  }
  const edit = after ? { startIndex: after.endIndex, endIndex: after.endIndex, newText: lines.map((line) => `\n${line}`).join('') } : { startIndex: 0, endIndex: 0, newText: lines.map((line) => `${line}\n`).join('') };
  return [...edits, edit];
}
