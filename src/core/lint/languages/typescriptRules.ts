import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from '../languageRules';
import { typescriptFixes } from './typescriptFix';
import { argumentNodes, classifyHeaderUse, dottedPath, lastSegment, literalContent, type MemberFields } from './commonSyntax';

/**
 * TypeScript and JavaScript: fetch, axios, http/https, undici, got, node-fetch, superagent, and RPCs on
 * grpc-js stubs. Handlers: Express/Koa/Fastify routes (inline or a function of the file named in the
 * registration), NestJS, Next.js route exports, grpc-js `addService` implementations.
 */

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
/** The method names of `CLIENT_FACTORIES`' paths: a call by another name makes no client. */
const FACTORY_METHODS: ReadonlySet<string> = new Set(Object.keys(CLIENT_FACTORIES).map((path) => path.slice(path.lastIndexOf('.') + 1)));
/** The client name of generated gRPC stubs (`new proto.helloworld.Greeter(addr, creds)`, `new GreeterClient(…)`). */
const GRPC_CLIENT = 'grpc-js';
/**
 * Clues are read one top-level statement at a time, so a stub made in one statement cannot see the
 * import in another: `clientNames` holds these markers, and `clientOf` confirms them against the whole
 * file's imports. A stub constructed with credentials, but only counted in a file importing grpc:
 */
const GRPC_STUB_CANDIDATE = 'grpc-js?';
/** `const sayHello = promisify(stub.sayHello)`: the marker is followed by the stub's name. */
const PROMISIFIED_RPC = 'grpc-js-promisified:';
/** Stub methods that are no RPC. */
const STUB_HOUSEKEEPING: ReadonlySet<string> = new Set(['close', 'getChannel', 'waitForReady', 'bind', 'call', 'apply', 'then', 'catch', 'on', 'toString']);
/** Instrumentation constructors and what they switch on. */
const INSTRUMENTATION_CLASSES: Readonly<Record<string, InstrumentationFact>> = {
  HttpInstrumentation: 'node-http',
  UndiciInstrumentation: 'node-http',
  NodeSDK: 'node-http',
  GrpcInstrumentation: 'node-grpc',
};

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

/** `req.headers`, and grpc-js's `call.metadata`: the incoming call's headers. */
const INCOMING_HEADER_FIELDS: ReadonlySet<string> = new Set(['headers', 'metadata']);

function isRequestHeaders(node: SyntaxNode, requestNames: ReadonlySet<string>): boolean {
  if (node.type === 'identifier') return requestNames.has(`headers:${node.text}`);
  if (node.type !== 'member_expression' || !INCOMING_HEADER_FIELDS.has(node.childForFieldName('property')?.text ?? '')) return false;
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
    return clientOf(call.method, clues);
  }
  const receiver = parts[parts.length - 2] ?? '';
  const client = clientOf(receiver, clues);
  // Every method of a generated gRPC stub is an RPC (`client.sayHello(req, md, cb)`), whatever its name.
  if (client === GRPC_CLIENT) return STUB_HOUSEKEEPING.has(call.method) ? undefined : GRPC_CLIENT;
  if (!VERBS.has(call.method) && call.method !== 'fetch') return undefined;
  if (parts.length === 2 && CLIENT_NAMESPACES[receiver] !== undefined && (clues.imports.has(receiver) || receiver === 'axios' || receiver === 'got' || receiver === 'superagent')) return CLIENT_NAMESPACES[receiver];
  return client;
}

/** The client a name is bound to, with the gRPC markers confirmed against the file's imports. */
function clientOf(name: string, clues: FileClues): string | undefined {
  const client = clues.clientNames.get(name);
  if (client === GRPC_STUB_CANDIDATE) return importsGrpc(clues.imports) ? GRPC_CLIENT : undefined;
  if (client?.startsWith(PROMISIFIED_RPC)) {
    const stub = client.slice(PROMISIFIED_RPC.length);
    return stub !== name && clientOf(stub, clues) === GRPC_CLIENT ? GRPC_CLIENT : undefined;
  }
  return client;
}

/** Function node types that declare a named function as a statement. */
const DECLARATIONS: ReadonlySet<string> = new Set(['function_declaration', 'generator_function_declaration']);

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
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
function routeLabel(fn: FunctionView): string | undefined {
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

/**
 * The `addService` call when `node` implements a method inline in its implementation object
 * (`{ sayHello: (call, cb) => … }` or `{ sayHello(call, cb) {…} }`).
 */
function grpcServiceCall(node: SyntaxNode, parent: SyntaxNode | null = node.parent): CallView | undefined {
  const holder = node.type === 'method_definition' ? node : parent?.type === 'pair' && parent.childForFieldName('value')?.id === node.id ? parent : undefined;
  const object = holder?.parent;
  const call = object?.type === 'object' && object.parent?.type === 'arguments' ? object.parent.parent : undefined;
  const view = call?.type === 'call_expression' ? readCall(call) : undefined;
  return view?.method === 'addService' && view.args[1]?.id === object?.id ? view : undefined;
}

/** `proto.helloworld.Greeter.service` → `Greeter`. */
function grpcServiceName(call: CallView): string {
  const parts = (call.args[0]?.text ?? '').split('.').filter((part) => part !== 'service');
  return parts[parts.length - 1] ?? 'service';
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
  const promisified: SyntaxNode[] = [];
  for (const node of nodes) {
    if (node.type === 'import_statement') {
      noteImport(imports, node);
    } else if (node.type === 'new_expression') {
      const constructor = node.childForFieldName('constructor')?.text ?? '';
      const client = CLIENT_FACTORIES[constructor] ?? grpcStubMarker(node);
      const bound = client ? boundNameOf(node) : undefined;
      if (client && bound) clientNames.set(bound, client);
    } else if (node.type === 'call_expression') {
      // The callee's own name first: this runs for every call of the file, and asking a node for its
      // parent costs a walk down from the root.
      const callee = node.childForFieldName('function');
      const name = callee?.type === 'identifier' ? callee.text : callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
      if (name === 'require') noteImport(imports, node);
      else if (name === 'promisify') promisified.push(node);
      else if (name !== undefined && FACTORY_METHODS.has(name) && BINDING_PARENTS.has(node.parent?.type ?? '')) {
        // Only calls whose value is kept can make a client.
        const call = readCall(node);
        const client = call ? CLIENT_FACTORIES[call.path] : undefined;
        const bound = client ? boundNameOf(node) : undefined;
        if (client && bound) clientNames.set(bound, client);
      }
    }
  }
  // `const sayHello = promisify(client.sayHello).bind(client)`: calling it is an RPC on the stub.
  for (const node of promisified) notePromisifiedRpc(node, clientNames);
  return { imports, clientNames, uncoveredClientNames: new Set() };
}

function noteImport(imports: Set<string>, node: SyntaxNode): void {
  if (node.type === 'import_statement') {
    const source = node.childForFieldName('source');
    if (source) noteModule(imports, stringValue(source));
    return;
  }
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'identifier' || callee.text !== 'require') return;
  const source = argumentNodes(node.childForFieldName('arguments'))[0];
  if (source) noteModule(imports, stringValue(source));
}

/** `@grpc/grpc-js`, the legacy `grpc` package, or a module generated by protoc (`./helloworld_grpc_pb`). */
function importsGrpc(imports: ReadonlySet<string>): boolean {
  if (imports.has('@grpc/grpc-js') || imports.has('grpc')) return true;
  for (const source of imports) if (source.endsWith('_grpc_pb') || source.endsWith('_grpc_pb.js')) return true;
  return false;
}

/**
 * A generated stub is constructed with an address and channel credentials: `new proto.pkg.Greeter(addr,
 * grpc.credentials.createInsecure())`, or from a class named `…Client`. `new grpc.Server()` and
 * `new grpc.Metadata()` take neither. Credentials made right there (`credentials.createSsl(…)`) settle
 * it; a `…Client` class or credentials from a variable count only in a file importing grpc.
 */
function grpcStubMarker(node: SyntaxNode): string | undefined {
  const constructor = node.childForFieldName('constructor');
  const name = constructor?.type === 'member_expression' ? constructor.childForFieldName('property')?.text : constructor?.type === 'identifier' ? constructor.text : undefined;
  const args = argumentNodes(node.childForFieldName('arguments'));
  const credentials = args[1];
  if (name === undefined || !credentials || name[0] !== name[0]?.toUpperCase()) return undefined;
  if (credentials.type === 'call_expression') {
    const call = readCall(credentials);
    if (call && call.method.startsWith('create') && (call.path.includes('credentials.') || call.path.includes('Credentials.'))) return GRPC_CLIENT;
  }
  if (name.endsWith('Client')) return GRPC_STUB_CANDIDATE;
  const names = credentials.type === 'identifier' || credentials.type === 'property_identifier' ? [credentials] : credentials.descendantsOfType(['identifier', 'property_identifier']);
  return names.some((part) => part?.text.toLowerCase().includes('cred') === true) ? GRPC_STUB_CANDIDATE : undefined;
}

/** For a call named `promisify`: notes the binding of a promisified stub method. */
function notePromisifiedRpc(node: SyntaxNode, clientNames: Map<string, string>): void {
  const call = readCall(node);
  if (!call || (call.path !== 'promisify' && call.path !== 'util.promisify')) return;
  // promisify(client.sayHello) or promisify(client.sayHello.bind(client))
  let target = call.args[0];
  if (target?.type === 'call_expression' && readCall(target)?.method === 'bind') target = target.childForFieldName('function')?.childForFieldName('object') ?? undefined;
  const stub = target?.type === 'member_expression' ? target.childForFieldName('object') : undefined;
  const stubName = stub?.type === 'member_expression' ? stub.childForFieldName('property')?.text : stub?.type === 'identifier' ? stub.text : undefined;
  if (stubName === undefined) return;
  // Up through a trailing `.bind(client)` to the binding.
  let value: SyntaxNode = node;
  while (value.parent?.type === 'member_expression' && value.parent.parent?.type === 'call_expression') value = value.parent.parent;
  const bound = boundNameOf(value);
  if (bound) clientNames.set(bound, `${PROMISIFIED_RPC}${stubName}`);
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
  // The auto-instrumentations bundle patches http, undici and grpc-js alike.
  if (call.method === 'getNodeAutoInstrumentations') return ['node-http', 'node-grpc'];
  if (call.method === 'registerInstrumentations') return ['node-http'];
  if (call.path.startsWith('new ')) {
    const fact = INSTRUMENTATION_CLASSES[call.method];
    return fact ? [fact] : [];
  }
  return [];
}

/** The constructor's name when `new X(…)` switches instrumentation on (`new GrpcInstrumentation()`). */
function instrumentationClass(node: SyntaxNode): string | undefined {
  const constructor = node.childForFieldName('constructor');
  const name = constructor?.type === 'member_expression' ? constructor.childForFieldName('property')?.text : constructor?.text;
  return name !== undefined && INSTRUMENTATION_CLASSES[name] !== undefined ? name : undefined;
}

export const TYPESCRIPT_RULES: LanguageRules = {
  calls: new Set(['call_expression', 'new_expression']),
  readCall(node) {
    if (node.type === 'new_expression') {
      // Only instrumentation constructors matter among `new` expressions.
      const name = instrumentationClass(node);
      return name === undefined ? undefined : { node, path: `new ${name}`, method: name, args: [] };
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
  // Node's async context carries the span into any call the instrumentation patches; grpc-js has its own.
  coveredByInstrumentation: (client, _evidence, instrumented) => instrumented.has(client === GRPC_CLIENT ? 'node-grpc' : 'node-http'),
  // The fixes add a `headers` option, which an RPC does not take: a gRPC fix would build a Metadata.
  quickFix: (request) => (request.client === GRPC_CLIENT ? [] : typescriptFixes(request)),
  // Served functions other than class methods (NestJS reads decorated parameters) go by their first parameter.
  servedRequestNames: (fn) => (fn.node.type === 'method_definition' ? handlerRequestNames(fn) : requestNames(fn)),
  clueTypes: CLUE_TYPES,
  // Calls `fileClues` can learn from: `require`, `promisify` and client factories.
  clueCall: (call) => call.node.type !== 'call_expression' || call.method === 'require' || call.method === 'promisify' || FACTORY_METHODS.has(call.method),
  fileClues,
};
