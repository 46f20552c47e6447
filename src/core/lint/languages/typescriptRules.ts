import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from '../languageRules';
import { typescriptFixes } from './typescriptFix';
import { argumentNodes, classifyHeaderUse, dottedPath, lastSegment, literalContent, type MemberFields } from './commonSyntax';

/** TypeScript and JavaScript: fetch, axios, http/https, undici, got, node-fetch, superagent, grpc-js. */

const CALLS: ReadonlySet<string> = new Set(['call_expression']);
const MEMBERS: MemberFields = { member_expression: ['object', 'property'] };
const STRING_CONTENT: ReadonlySet<string> = new Set(['string_fragment']);
const VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request']);
const ROUTE_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']);
const NEST_DECORATORS: ReadonlySet<string> = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const NEXT_ROUTE_EXPORTS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Modules whose default export or namespace is itself a request function (`got(url)`, `fetch(url)`). */
const CALLABLE_CLIENTS: Readonly<Record<string, string>> = { fetch: 'fetch', axios: 'axios', got: 'got', superagent: 'superagent', request: 'undici' };
/** Module namespaces whose verbs are outbound calls (`axios.get`, `https.request`). */
const CLIENT_NAMESPACES: Readonly<Record<string, string>> = {
  axios: 'axios',
  got: 'got',
  http: 'http',
  https: 'https',
  undici: 'undici',
  superagent: 'superagent',
  request: 'superagent',
};
const CLIENT_FACTORIES: Readonly<Record<string, string>> = { 'axios.create': 'axios', 'got.extend': 'got', 'undici.Pool': 'undici', Pool: 'undici', Client: 'undici' };

function readCall(node: SyntaxNode): CallView | undefined {
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  const path = dottedPath(callee, MEMBERS, CALLS, 'function');
  return { node, path, method: lastSegment(path), args: argumentNodes(node.childForFieldName('arguments')) };
}

const FUNCTIONS: ReadonlySet<string> = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);

function readFunction(node: SyntaxNode): FunctionView | undefined {
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

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type === 'string') return literalContent(node, STRING_CONTENT);
  if (node.type === 'template_string' && node.namedChildCount <= 1) return literalContent(node, STRING_CONTENT);
  if (node.type === 'property_identifier' && node.parent?.type === 'pair') return node.text;
  return undefined;
}

function isRequestHeaders(node: SyntaxNode, requestNames: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return requestNames.has(`headers:${node.text}`);
  if (node.type !== 'member_expression' || node.childForFieldName('property')?.text !== 'headers') return false;
  const object = node.childForFieldName('object');
  if (!object) return false;
  if (object.type === 'identifier') return requestNames.has(object.text);
  // Koa: ctx.request.headers
  return object.type === 'member_expression' && object.childForFieldName('property')?.text === 'request' && requestNames.has(object.childForFieldName('object')?.text ?? '');
}

function incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined {
  if (node.type === 'call_expression') {
    // Express: req.get('traceparent') / req.header(name)
    const call = readCall(node);
    const parts = call?.path.split('.') ?? [];
    if (call && parts.length === 2 && requestNames.has(parts[0] ?? '') && (call.method === 'get' || call.method === 'header')) {
      const key = call.args[0];
      return key && stringValue(key) !== undefined ? 'single' : 'keyed';
    }
    return undefined;
  }
  if (!isRequestHeaders(node, requestNames)) return undefined;
  return classifyHeaderUse(node, new Set(['subscript_expression']), MEMBERS, CALLS, (key) => stringValue(key) !== undefined, new Set(['get']));
}

function outboundClient(call: CallView, clues: FileClues): string | undefined {
  const parts = call.path.split('.');
  if (parts.length === 1) {
    if (call.method === 'fetch') return clues.imports.has('node-fetch') ? 'node-fetch' : 'fetch';
    const imported = CALLABLE_CLIENTS[call.method];
    if (imported && clues.imports.has(imported === 'undici' ? 'undici' : call.method)) return imported;
    return clues.clientNames.get(call.method);
  }
  const receiver = parts[parts.length - 2] ?? '';
  if (!VERBS.has(call.method) && call.method !== 'fetch') return undefined;
  if (parts.length === 2 && CLIENT_NAMESPACES[receiver] !== undefined && (clues.imports.has(receiver) || receiver === 'axios' || receiver === 'got' || receiver === 'superagent')) return CLIENT_NAMESPACES[receiver];
  return clues.clientNames.get(receiver);
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  const node = fn.node;
  // app.get('/path', (req, res) => …) and router.post(…): the function is an argument of a route call.
  const args = node.parent;
  const call = args?.parent;
  if (args?.type === 'arguments' && call?.type === 'call_expression') {
    const view = readCall(call);
    const first = view?.args[0];
    if (view && ROUTE_VERBS.has(view.method) && view.path.includes('.') && first && stringValue(first) !== undefined) return requestNames(fn);
  }
  if (node.type === 'method_definition') {
    // NestJS: @Get() handler(@Req() req, @Headers() headers)
    let decorator = node.previousNamedSibling;
    while (decorator?.type === 'decorator') {
      const expression = decorator.namedChild(0);
      const name = expression?.type === 'call_expression' ? expression.childForFieldName('function')?.text : expression?.text;
      if (name !== undefined && NEST_DECORATORS.has(name)) return nestRequestNames(node);
      decorator = decorator.previousNamedSibling;
    }
  }
  // Next.js route handlers: export async function GET(request) …
  if (fn.name !== undefined && NEXT_ROUTE_EXPORTS.has(fn.name) && node.parent?.type === 'export_statement') return requestNames(fn);
  return undefined;
}

/** `app.get('/orders/:id', (req, res) => …)` → `GET /orders/:id`. */
function routeLabel(fn: FunctionView): string | undefined {
  const call = fn.node.parent?.type === 'arguments' ? fn.node.parent.parent : undefined;
  const view = call?.type === 'call_expression' ? readCall(call) : undefined;
  const route = view?.args[0] ? stringValue(view.args[0]) : undefined;
  return view && route !== undefined && ROUTE_VERBS.has(view.method) ? `${view.method.toUpperCase()} ${route}` : undefined;
}

function requestNames(fn: FunctionView): string[] {
  const first = fn.params[0];
  return first ? [first] : [];
}

function nestRequestNames(method: SyntaxNode): string[] {
  const names: string[] = [];
  const params = method.childForFieldName('parameters');
  for (let i = 0; i < (params?.namedChildCount ?? 0); i++) {
    const param = params?.namedChild(i);
    const decorator = param?.namedChildren.find((child) => child?.type === 'decorator')?.text ?? '';
    const name = param?.childForFieldName('pattern')?.text;
    if (name === undefined) continue;
    if (decorator.startsWith('@Req')) names.push(name);
    if (decorator.startsWith('@Headers()')) names.push(`headers:${name}`);
  }
  return names;
}

const BINDING_PARENTS: ReadonlySet<string> = new Set(['variable_declarator', 'assignment_expression', 'public_field_definition', 'await_expression', 'parenthesized_expression']);

/** The node types `fileClues` looks at. */
const CLUE_TYPES: ReadonlySet<string> = new Set(['import_statement', 'call_expression', 'new_expression']);

function fileClues(nodes: readonly SyntaxNode[]): FileClues {
  const imports = new Set<string>();
  const clientNames = new Map<string, string>();
  nodes.forEach(
    (node) => {
      if (node.type === 'import_statement') {
        const source = node.childForFieldName('source');
        if (source) noteModule(imports, stringValue(source));
        return false;
      }
      // Only calls whose value is kept (a client made, a module required) can be clues.
      if (node.type === 'call_expression' && BINDING_PARENTS.has(node.parent?.type ?? '')) {
        const call = readCall(node);
        if (call?.path === 'require' && call.args[0]) noteModule(imports, stringValue(call.args[0]));
        const client = call ? CLIENT_FACTORIES[call.path] ?? (call.path.startsWith('new ') ? undefined : undefined) : undefined;
        const bound = client ? boundNameOf(node) : undefined;
        if (client && bound) clientNames.set(bound, client);
      }
      if (node.type === 'new_expression') {
        const constructor = node.childForFieldName('constructor')?.text ?? '';
        const client = CLIENT_FACTORIES[constructor];
        const bound = client ? boundNameOf(node) : undefined;
        if (client && bound) clientNames.set(bound, client);
      }
      return true;
    },
  );
  return { imports, clientNames, uncoveredClientNames: new Set() };
}

function noteModule(imports: Set<string>, source: string | undefined): void {
  if (source === undefined) return;
  imports.add(source);
  if (source === 'node:http' || source === 'node:https') imports.add(source.slice(5));
  if (source === 'node-fetch') imports.add('fetch');
}

/** The variable or field a value is assigned to (`const api = …`, `this.api = …`). */
function boundNameOf(value: SyntaxNode): string | undefined {
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

function instrumentationOf(call: CallView): readonly InstrumentationFact[] {
  if (call.method === 'registerInstrumentations' || call.method === 'getNodeAutoInstrumentations') return ['node-http'];
  return [];
}

function isNewInstrumentation(node: SyntaxNode): boolean {
  const name = node.childForFieldName('constructor')?.text ?? '';
  return name === 'HttpInstrumentation' || name === 'UndiciInstrumentation' || name === 'NodeSDK';
}

export const TYPESCRIPT_RULES: LanguageRules = {
  calls: new Set(['call_expression', 'new_expression']),
  readCall(node) {
    if (node.type === 'new_expression') {
      // Only instrumentation constructors matter among `new` expressions.
      return isNewInstrumentation(node) ? { node, path: 'registerInstrumentations', method: 'registerInstrumentations', args: [] } : undefined;
    }
    return readCall(node);
  },
  functions: FUNCTIONS,
  readFunction,
  blocks: new Set(['statement_block', 'program', 'class_body', 'switch_case']),
  evidenceTypes: new Set(['identifier', 'shorthand_property_identifier', 'call_expression', 'new_expression', 'member_expression', 'string', 'template_string', 'property_identifier']),
  globalRequestNames: [],
  memberNameFields: {},
  identifiers: new Set(['identifier', 'shorthand_property_identifier']),
  stringValue,
  loopIterable(node) {
    if (node.type === 'for_in_statement') return node.childForFieldName('right') ?? undefined;
    if (node.type === 'call_expression') {
      const call = readCall(node);
      if (call?.method === 'forEach' && node.childForFieldName('function')?.type === 'member_expression') return node.childForFieldName('function')?.childForFieldName('object') ?? undefined;
    }
    return undefined;
  },
  assignments: {
    variable_declarator: { target: 'name', value: 'value' },
    assignment_expression: { target: 'left', value: 'right' },
    augmented_assignment_expression: { target: 'left', value: 'right' },
  },
  incomingHeaderUse,
  derivesRequestContext: () => false,
  outboundClient,
  handlerRequestNames,
  routeLabel,
  instrumentationOf,
  // Node's async context carries the span into any call the instrumentation patches.
  coveredByInstrumentation: (_client, _evidence, instrumented) => instrumented.has('node-http'),
  quickFix: typescriptFixes,
  clueTypes: CLUE_TYPES,
  fileClues,
};
