import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { FunctionView } from '../languageRules';
import { argumentNodes } from './commonSyntax';
import { grpcServiceCall, grpcServiceName } from './typescriptGrpc';
import { readCall, stringValue } from './typescriptSyntax';

/**
 * Which TypeScript and JavaScript functions serve a request, and the names of their request: Express/Koa/
 * Fastify routes (inline or registered by name), NestJS, Next.js route exports, grpc-js `addService`.
 */

const ROUTE_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'all', 'head', 'options']);
const NEST_DECORATORS: ReadonlySet<string> = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const NEXT_ROUTE_EXPORTS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Function node types that declare a named function as a statement. */
const DECLARATIONS: ReadonlySet<string> = new Set(['function_declaration', 'generator_function_declaration']);

/** The names of the incoming request inside `fn` when it serves one (`req`, or NestJS `headers:h`); else `undefined`. */
export function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  const node = fn.node;
  // A declaration is never an argument or an object's value, and asking for a parent costs a walk
  // down from the root: declarations skip the two checks that need one.
  const declaration = DECLARATIONS.has(node.type);
  // app.get('/path', (req, res) => …) and router.post(…): the function is an argument of a route call.
  const parent = declaration ? null : node.parent;
  const call = parent?.type === 'arguments' ? parent.parent : null;
  if (call?.type === 'call_expression') {
    const view = readCall(call);
    const first = view?.args[0];
    if (view && ROUTE_VERBS.has(view.method) && view.path.includes('.') && first && stringValue(first) !== undefined) return requestNames(fn);
  }
  // grpc-js: server.addService(def, { sayHello: (call, callback) => …, sayBye(call, callback) {…} })
  if (!declaration && grpcServiceCall(node, parent) !== undefined) return requestNames(fn);
  // app.get('/x', handleX) or addService(def, { sayHello }) with `function handleX(req, res)` in this file.
  if (fn.name !== undefined && isDeclaredFunction(node) && registeredHandlerNames(node.tree).has(fn.name)) return requestNames(fn);
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

/** `app.get('/orders/:id', (req, res) => …)` → `GET /orders/:id`; an inline gRPC method → `Greeter/sayHello`. */
export function routeLabel(fn: FunctionView): string | undefined {
  const service = grpcServiceCall(fn.node);
  if (service !== undefined) {
    const key = fn.node.type === 'method_definition' ? fn.name : fn.node.parent?.childForFieldName('key')?.text;
    return key === undefined ? undefined : `${grpcServiceName(service)}/${key}`;
  }
  const call = fn.node.parent?.type === 'arguments' ? fn.node.parent.parent : undefined;
  const view = call?.type === 'call_expression' ? readCall(call) : undefined;
  const route = view?.args[0] ? stringValue(view.args[0]) : undefined;
  return view && route !== undefined && ROUTE_VERBS.has(view.method) ? `${view.method.toUpperCase()} ${route}` : undefined;
}

/** `function f() {}` or `const f = () => {}` / `function () {}`: a function a route may name. */
function isDeclaredFunction(node: SyntaxNode): boolean {
  if (node.type === 'function_declaration' || node.type === 'generator_function_declaration') return true;
  return (node.type === 'arrow_function' || node.type === 'function_expression') && node.parent?.type === 'variable_declarator';
}

/** Names of this file's functions that a route or a gRPC service registers by name; per syntax tree. */
const registeredNamesByTree = new WeakMap<Tree, ReadonlySet<string>>();
/**
 * The names registered inside each top-level declaration (`function routes(app) { app.get(…) }`), by
 * the declaration's type and text, which is all they depend on: a one-character edit searches one
 * declaration again. (Not by node id: a freed subtree's address, and so its id, can come back holding
 * other text.) Emptied when it grows past a bound.
 */
const registeredNamesByDeclaration = new Map<string, readonly string[]>();
const MAX_CACHED_DECLARATIONS = 20_000;
const REGISTERING_METHODS: ReadonlySet<string> = new Set([...ROUTE_VERBS, 'route', 'addService']);

/**
 * `app.get('/x', auth, handleX)`, `fastify.route({ url: '/x', handler: handleX })` and
 * `server.addService(def, { sayHello: sayHello, sayBye })`: the handler names a file registers, at top
 * level or inside a top-level function. The route must start with `/` (or be `*`), which tells
 * `app.get('/x', h)` apart from `cache.get('key', fallback)`.
 */
function registeredHandlerNames(tree: Tree): ReadonlySet<string> {
  const cached = registeredNamesByTree.get(tree);
  if (cached) return cached;
  if (registeredNamesByDeclaration.size > MAX_CACHED_DECLARATIONS) registeredNamesByDeclaration.clear();
  const names = new Set<string>();
  for (const statement of tree.rootNode.namedChildren) {
    if (!statement) continue;
    if (statement.type === 'expression_statement') {
      // Top-level registrations are checked directly: tree-sitter re-creates these statements on every
      // edit, and most hold an inline callback, which the last argument shows at once.
      const call = statement.namedChild(0);
      if (call?.type === 'call_expression') noteRegistration(call, names);
      continue;
    }
    if (statement.type === 'import_statement' || statement.type === 'comment') continue;
    const key = `${statement.type}\n${statement.text}`;
    let found = registeredNamesByDeclaration.get(key);
    if (!found) {
      const inside = new Set<string>();
      for (const call of statement.descendantsOfType('call_expression')) if (call) noteRegistration(call, inside);
      registeredNamesByDeclaration.set(key, (found = [...inside]));
    }
    for (const name of found) names.add(name);
  }
  registeredNamesByTree.set(tree, names);
  return names;
}

function noteRegistration(node: SyntaxNode, names: Set<string>): void {
  const method = node.childForFieldName('function')?.childForFieldName('property')?.text ?? '';
  if (!REGISTERING_METHODS.has(method)) return;
  const args = node.childForFieldName('arguments');
  const last = args?.lastNamedChild;
  if (ROUTE_VERBS.has(method)) {
    if (last?.type !== 'identifier' || (args?.namedChildCount ?? 0) < 2) return;
    const route = args?.firstNamedChild ? stringValue(args.firstNamedChild) : undefined;
    if (route !== undefined && (route.startsWith('/') || route === '*')) names.add(last.text);
    return;
  }
  const [first, second] = argumentNodes(args);
  if (method === 'route' && first?.type === 'object') noteNamedValues(first, names, 'handler');
  else if (method === 'addService' && second?.type === 'object') noteNamedValues(second, names);
}

/** Identifiers an object literal names as values (`{ key: name }`, `{ name }`), optionally for one key only. */
function noteNamedValues(object: SyntaxNode, names: Set<string>, onlyKey?: string): void {
  for (let i = 0; i < object.namedChildCount; i++) {
    const entry = object.namedChild(i);
    if (entry?.type === 'shorthand_property_identifier' && (onlyKey === undefined || entry.text === onlyKey)) names.add(entry.text);
    const value = entry?.type === 'pair' ? entry.childForFieldName('value') : undefined;
    if (value?.type === 'identifier' && (onlyKey === undefined || entry?.childForFieldName('key')?.text === onlyKey)) names.add(value.text);
  }
}

/** A served function's request is its first parameter. */
export function requestNames(fn: FunctionView): string[] {
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
