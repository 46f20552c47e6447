import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, InstrumentationFact, LanguageRules } from '../languageRules';
import { typescriptFixes } from './typescriptFix';
import { grpcJsFixes } from './typescriptGrpcFix';
import { argumentNodes, classifyHeaderUse } from './commonSyntax';
import { GRPC_CLIENT, STUB_HOUSEKEEPING, clientOf, grpcStubMarker, notePromisifiedRpc } from './typescriptGrpc';
import { handlerRequestNames, requestNames, routeLabel } from './typescriptHandlers';
import { CALLS, FUNCTIONS, MEMBERS, boundNameOf, readCall, readFunction, stringValue } from './typescriptSyntax';

/**
 * TypeScript and JavaScript: fetch, axios, http/https, undici, got, node-fetch, superagent, and RPCs on
 * grpc-js stubs. Handlers: Express/Koa/Fastify routes (inline or a function of the file named in the
 * registration), NestJS, Next.js route exports, grpc-js `addService` implementations.
 */

const VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request']);

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
/** Instrumentation constructors and what they switch on. */
const INSTRUMENTATION_CLASSES: Readonly<Record<string, InstrumentationFact>> = {
  HttpInstrumentation: 'node-http',
  UndiciInstrumentation: 'node-http',
  NodeSDK: 'node-http',
  GrpcInstrumentation: 'node-grpc',
};

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

function noteModule(imports: Set<string>, source: string | undefined): void {
  if (source === undefined) return;
  imports.add(source);
  if (source === 'node:http' || source === 'node:https') imports.add(source.slice(5));
  if (source === 'node-fetch') imports.add('fetch');
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
  // An RPC takes no `headers` option: its fixes pass the headers as gRPC Metadata.
  quickFix: (request) => (request.client === GRPC_CLIENT ? grpcJsFixes(request) : typescriptFixes(request)),
  // Served functions other than class methods (NestJS reads decorated parameters) go by their first parameter.
  servedRequestNames: (fn) => (fn.node.type === 'method_definition' ? handlerRequestNames(fn) : requestNames(fn)),
  clueTypes: CLUE_TYPES,
  // Calls `fileClues` can learn from: `require`, `promisify` and client factories.
  clueCall: (call) => call.node.type !== 'call_expression' || call.method === 'require' || call.method === 'promisify' || FACTORY_METHODS.has(call.method),
  fileClues,
};
