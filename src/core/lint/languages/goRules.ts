import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, LanguageRules } from '../languageRules';
import { argumentNodes, classifyHeaderUse, dottedPath, lastSegment, literalContent, type MemberFields } from './commonSyntax';
import { goFixes } from './goFix';
import { grpcMethodRequestNames, isAssignmentTarget, isIncomingMetadata, isRequestStream, type GoParam } from './goGrpc';

/**
 * Go: net/http (`http.Get`, `client.Do(req)`), otelhttp, and gRPC client stubs. Instrumentation alone
 * is not enough in Go: the request's context must be passed on, since there is no implicit context.
 * grpc-go does not carry incoming metadata to outgoing calls either: a variable bound to
 * `metadata.FromIncomingContext(ctx)` is read like an incoming request's headers (passed whole to
 * `NewOutgoingContext` covers the call; `md.Get("traceparent")` counts per header). Service methods,
 * unary and streaming (`stream.Context()`), and incoming metadata are read in `goGrpc.ts`.
 */

const CALLS: ReadonlySet<string> = new Set(['call_expression']);
const MEMBERS: MemberFields = { selector_expression: ['operand', 'field'] };
const INDEXES: ReadonlySet<string> = new Set(['index_expression']);
const STRING_CONTENT: ReadonlySet<string> = new Set(['interpreted_string_literal_content', 'raw_string_literal_content']);
const PACKAGE_CALLS: Readonly<Record<string, string>> = {
  'http.Get': 'net/http',
  'http.Post': 'net/http',
  'http.Head': 'net/http',
  'http.PostForm': 'net/http',
  'otelhttp.Get': 'net/http',
  'otelhttp.Post': 'net/http',
  'otelhttp.Head': 'net/http',
  'otelhttp.PostForm': 'net/http',
};

function readCall(node: SyntaxNode): CallView | undefined {
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  const path = dottedPath(callee, MEMBERS, CALLS, 'function');
  return { node, path, method: lastSegment(path), args: argumentNodes(node.childForFieldName('arguments')) };
}

function paramsOf(node: SyntaxNode): GoParam[] {
  const list = node.childForFieldName('parameters');
  const params: GoParam[] = [];
  for (let i = 0; i < (list?.namedChildCount ?? 0); i++) {
    const declaration = list?.namedChild(i);
    if (!declaration) continue;
    const type = declaration.childForFieldName('type')?.text ?? '';
    const names = declaration.childrenForFieldName('name');
    if (names.length === 0) params.push({ name: '', type });
    for (const name of names) if (name) params.push({ name: name.text, type });
  }
  return params;
}

function readFunction(node: SyntaxNode): FunctionView | undefined {
  return { node, name: node.childForFieldName('name')?.text, params: paramsOf(node).map((param) => param.name), body: node.childForFieldName('body') ?? undefined };
}

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type !== 'interpreted_string_literal' && node.type !== 'raw_string_literal') return undefined;
  return literalContent(node, STRING_CONTENT);
}

/** `r.Header`, gin's `c.Request.Header`, echo's `c.Request().Header`. */
function isRequestHeader(node: SyntaxNode, requestNames: ReadonlySet<string>): boolean {
  if (node.type !== 'selector_expression' || node.childForFieldName('field')?.text !== 'Header') return false;
  const operand = node.childForFieldName('operand');
  if (!operand) return false;
  if (operand.type === 'identifier') return requestNames.has(operand.text);
  const path = operand.type === 'call_expression' ? `${operand.childForFieldName('function')?.text ?? ''}()` : operand.text;
  const owner = path.split('.')[0] ?? '';
  return (path === `${owner}.Request` || path === `${owner}.Request()`) && requestNames.has(`ctx:${owner}`);
}

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);

const HEADER_GETTERS: ReadonlySet<string> = new Set(['Get', 'Values']);
const METADATA_GETTERS: ReadonlySet<string> = new Set(['Get']);
const isStringKey = (key: SyntaxNode): boolean => stringValue(key) !== undefined;

function incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined {
  if (node.type === 'identifier') {
    // grpc-go: md.Get("traceparent") or md["traceparent"] reads one key; md handed on is all of it.
    if (!isIncomingMetadata(node) || isAssignmentTarget(node)) return undefined;
    return classifyHeaderUse(node, INDEXES, MEMBERS, CALLS, isStringKey, METADATA_GETTERS);
  }
  if (node.type === 'call_expression') {
    // gin: c.GetHeader("traceparent")
    const call = readCall(node);
    if (call?.method === 'GetHeader' && requestNames.has(`ctx:${call.path.split('.')[0] ?? ''}`)) return call.args[0] && stringValue(call.args[0]) !== undefined ? 'single' : 'keyed';
    return undefined;
  }
  if (!isRequestHeader(node, requestNames)) return undefined;
  return classifyHeaderUse(node, INDEXES, MEMBERS, CALLS, isStringKey, HEADER_GETTERS);
}

function derivesRequestContext(node: SyntaxNode, requestNames: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return requestNames.has(`ctx:${node.text}`) && requestNames.has(`grpc:${node.text}`);
  if (node.type !== 'call_expression') return false;
  const path = node.childForFieldName('function')?.text ?? '';
  if (!path.endsWith('.Context')) return false;
  const owner = path.split('.')[0] ?? '';
  return requestNames.has(owner) || requestNames.has(`ctx:${owner}`) || isRequestStream(owner, requestNames);
}

function outboundClient(call: CallView, clues: FileClues): string | undefined {
  const packageClient = PACKAGE_CALLS[call.path];
  if (packageClient) return packageClient;
  const parts = call.path.split('.');
  const receiver = parts[parts.length - 2];
  if (receiver === undefined) return undefined;
  const known = clues.clientNames.get(receiver);
  if (known === 'grpc-go') return call.method.startsWith('New') ? undefined : 'grpc-go';
  if (call.method === 'Do' && call.args.length === 1 && (known !== undefined || receiver === 'DefaultClient' || receiver.toLowerCase().endsWith('client'))) return 'net/http';
  return undefined;
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  const params = paramsOf(fn.node);
  const names: string[] = [];
  for (const param of params) {
    if (param.type === '*http.Request') names.push(param.name);
    if (param.type === '*gin.Context' || param.type === 'echo.Context') names.push(`ctx:${param.name}`);
  }
  if (names.length > 0) return names;
  return grpcMethodRequestNames(fn.node, params);
}

/** The node types `fileClues` looks at. */
const CLUE_TYPES: ReadonlySet<string> = new Set(['import_spec', 'composite_literal', 'call_expression']);

function fileClues(nodes: readonly SyntaxNode[]): FileClues {
  const clientNames = new Map<string, string>();
  const imports = new Set<string>();
  nodes.forEach(
    (node) => {
      if (node.type === 'import_spec') imports.add(stringValue(node.childForFieldName('path') ?? node) ?? '');
      if (node.type === 'composite_literal' && node.childForFieldName('type')?.text === 'http.Client') bind(clientNames, node, 'net/http');
      if (node.type === 'call_expression') {
        const path = node.childForFieldName('function')?.text ?? '';
        const method = lastSegment(path);
        if (path.includes('.') && method.startsWith('New') && method.endsWith('Client') && method !== 'NewClient') bind(clientNames, node, 'grpc-go');
      }
      return true;
    },
  );
  return { imports, clientNames, uncoveredClientNames: new Set() };
}

/** Records the variable or struct field a client value is bound to. */
function bind(names: Map<string, string>, value: SyntaxNode, client: string): void {
  let node: SyntaxNode | null = value.parent;
  if (node?.type === 'unary_expression') node = node.parent;
  if (node?.type === 'expression_list') node = node.parent;
  if (node?.type === 'short_var_declaration' || node?.type === 'assignment_statement') {
    const left = node.childForFieldName('left')?.namedChild(0);
    const name = left?.type === 'selector_expression' ? left.childForFieldName('field')?.text : left?.text;
    if (name) names.set(name, client);
  } else if (node?.type === 'var_spec') {
    const name = node.childForFieldName('name')?.text;
    if (name) names.set(name, client);
  } else if (node?.type === 'literal_element' && node.parent?.type === 'keyed_element') {
    const key = node.parent.namedChild(0)?.text;
    if (key) names.set(key, client);
  }
}

export const GO_RULES: LanguageRules = {
  calls: CALLS,
  readCall,
  functions: FUNCTION_TYPES,
  readFunction,
  blocks: new Set(['block', 'statement_list', 'source_file']),
  evidenceTypes: new Set(['identifier', 'call_expression', 'selector_expression', 'interpreted_string_literal', 'raw_string_literal']),
  globalRequestNames: [],
  memberNameFields: {},
  identifiers: new Set(['identifier']),
  stringValue,
  loopIterable(node) {
    if (node.type !== 'for_statement') return undefined;
    const range = node.namedChildren.find((child) => child?.type === 'range_clause');
    return range?.childForFieldName('right') ?? undefined;
  },
  assignments: {
    short_var_declaration: { target: 'left', value: 'right' },
    assignment_statement: { target: 'left', value: 'right' },
    var_spec: { target: 'name', value: 'value' },
    const_spec: { target: 'name', value: 'value' },
  },
  incomingHeaderUse,
  derivesRequestContext,
  outboundClient,
  handlerRequestNames,
  instrumentationOf(call) {
    if (call.path.startsWith('otelhttp.')) return ['go-otelhttp'];
    if (call.path.startsWith('otelgrpc.')) return ['go-otelgrpc'];
    return [];
  },
  coveredByInstrumentation(client, evidence, instrumented) {
    if (!evidence.requestContextPassed) return false;
    if (client === 'grpc-go') return instrumented.has('go-otelgrpc');
    return instrumented.has('go-otelhttp');
  },
  quickFix: goFixes,
  clueTypes: CLUE_TYPES,
  fileClues,
};
