import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from '../languageRules';
import { pythonFixes } from './pythonFix';
import { pythonGrpcFixes } from './pythonGrpcFix';
import { argumentNodes, classifyHeaderUse, dottedPath, lastSegment, literalContent, type MemberFields } from './commonSyntax';

/**
 * Python: requests, httpx, urllib, aiohttp (and sessions/clients made from them), and RPCs on grpc stubs
 * (`helloworld_pb2_grpc.GreeterStub(channel)`). Handlers: route decorators, Django views, grpc servicers.
 */

const CALLS: ReadonlySet<string> = new Set(['call']);
const MEMBERS: MemberFields = { attribute: ['object', 'attribute'] };
const STRING_CONTENT: ReadonlySet<string> = new Set(['string_content']);
const VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'send']);
const ROUTE_DECORATORS: ReadonlySet<string> = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket']);
const CLIENT_MODULES: Readonly<Record<string, string>> = { requests: 'requests', httpx: 'httpx' };
const CLIENT_FACTORIES: Readonly<Record<string, string>> = {
  'requests.Session': 'requests',
  'requests.session': 'requests',
  Session: 'requests',
  'httpx.Client': 'httpx',
  'httpx.AsyncClient': 'httpx',
  AsyncClient: 'httpx',
  'aiohttp.ClientSession': 'aiohttp',
  ClientSession: 'aiohttp',
};
const INSTRUMENTORS: Readonly<Record<string, InstrumentationFact>> = {
  RequestsInstrumentor: 'python-requests',
  HTTPXClientInstrumentor: 'python-httpx',
  AioHttpClientInstrumentor: 'python-aiohttp',
  URLLibInstrumentor: 'python-urllib',
  GrpcInstrumentorClient: 'python-grpc',
};
const FACT_OF_CLIENT: Readonly<Record<string, InstrumentationFact>> = { requests: 'python-requests', httpx: 'python-httpx', aiohttp: 'python-aiohttp', urllib: 'python-urllib', grpc: 'python-grpc' };
const GRPC_CLIENT = 'grpc';
/**
 * A `…Stub(channel)` made where the file's grpc import is not in sight (clues are read one top-level
 * statement at a time): `clientOf` confirms it against the whole file's imports.
 */
const GRPC_STUB_CANDIDATE = 'grpc?';
/** `stub.SayHello.future(req)` and `stub.SayHello.with_call(req)` are the same RPC. */
const RPC_VARIANTS: ReadonlySet<string> = new Set(['future', 'with_call']);

function readCall(node: SyntaxNode): CallView | undefined {
  const callee = node.childForFieldName('function');
  if (!callee) return undefined;
  const path = dottedPath(callee, MEMBERS, CALLS, 'function');
  return { node, path, method: lastSegment(path), args: argumentNodes(node.childForFieldName('arguments')) };
}

function readFunction(node: SyntaxNode): FunctionView | undefined {
  const params: string[] = [];
  const list = node.childForFieldName('parameters');
  for (let i = 0; i < (list?.namedChildCount ?? 0); i++) {
    const param = list?.namedChild(i);
    if (!param) continue;
    const name = param.type === 'identifier' ? param : param.childForFieldName('name') ?? param.namedChild(0);
    params.push(name?.type === 'identifier' ? name.text : '');
  }
  if (params[0] === 'self' || params[0] === 'cls') params.shift();
  return { node, name: node.childForFieldName('name')?.text, params, body: node.childForFieldName('body') ?? undefined };
}

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  return literalContent(node, STRING_CONTENT);
}

function incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined {
  if (node.type === 'identifier' && requestNames.has(`headers:${node.text}`)) return classify(node);
  // grpc: context.invocation_metadata() is the incoming call's metadata, all of it.
  if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
    return callee?.childForFieldName('attribute')?.text === 'invocation_metadata' && object?.type === 'identifier' && requestNames.has(object.text) ? 'whole' : undefined;
  }
  if (node.type !== 'attribute') return undefined;
  const attribute = node.childForFieldName('attribute')?.text;
  if (attribute !== 'headers' && attribute !== 'META') return undefined;
  const object = node.childForFieldName('object');
  if (object?.type !== 'identifier' || !requestNames.has(object.text)) return undefined;
  return classify(node);
}

function classify(node: SyntaxNode): 'whole' | 'single' | 'keyed' {
  return classifyHeaderUse(node, new Set(['subscript']), MEMBERS, CALLS, (key) => stringValue(key) !== undefined, new Set(['get', 'getlist', 'get_all']));
}

function outboundClient(call: CallView, clues: FileClues): string | undefined {
  const parts = call.path.split('.');
  if (call.method === 'urlopen' && (parts.length === 1 ? clues.imports.has('urllib.request') : call.path.startsWith('urllib.'))) return 'urllib';
  const receiver = parts[parts.length - 2];
  if (receiver === undefined) return undefined;
  // Every method of a grpc stub is an RPC (`stub.SayHello(req, metadata=…)`), whatever its name.
  const stubOwner = RPC_VARIANTS.has(call.method) ? parts[parts.length - 3] : receiver;
  if (stubOwner !== undefined && clientOf(stubOwner, clues) === GRPC_CLIENT) return GRPC_CLIENT;
  if (!VERBS.has(call.method)) return undefined;
  if (parts.length === 2 && CLIENT_MODULES[receiver] !== undefined) return CLIENT_MODULES[receiver];
  return clientOf(receiver, clues);
}

function clientOf(name: string, clues: FileClues): string | undefined {
  const client = clues.clientNames.get(name);
  if (client !== GRPC_STUB_CANDIDATE) return client;
  // Module texts as imported: `grpc`, `grpc.aio`, `protos.helloworld_pb2_grpc`, `helloworld_pb2_grpc as pb`.
  for (const module of clues.imports) {
    const dotted = module.split(' ')[0] ?? '';
    if (dotted.split('.').some((part) => part === 'grpc' || part.endsWith('_pb2_grpc'))) return GRPC_CLIENT;
  }
  return undefined;
}

/** `helloworld_pb2_grpc.GreeterStub(channel)` or `GreeterStub(channel)`: a generated grpc stub. */
function stubClient(call: CallView): string | undefined {
  const first = call.method[0];
  if (!call.method.endsWith('Stub') || call.method === 'Stub' || first === undefined || first !== first.toUpperCase() || call.args.length === 0) return undefined;
  return call.path.includes('_pb2_grpc.') ? GRPC_CLIENT : GRPC_STUB_CANDIDATE;
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  // grpc: def SayHello(self, request, context) in a class deriving from a generated …Servicer; the
  // incoming metadata is read from the context.
  const context = fn.params[1];
  if (context !== undefined && isServicerMethod(fn.node)) return [context];
  const decorated = fn.node.parent;
  if (decorated?.type === 'decorated_definition') {
    for (let i = 0; i < decorated.namedChildCount; i++) {
      const decorator = decorated.namedChild(i);
      if (decorator?.type !== 'decorator') continue;
      const expression = decorator.namedChild(0);
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      const path = callee ? dottedPath(callee, MEMBERS, CALLS, 'function') : '';
      if (path.includes('.') && ROUTE_DECORATORS.has(lastSegment(path))) return requestNames(fn);
    }
  }
  // Django views take the request first.
  if (fn.params[0] === 'request') return requestNames(fn);
  return undefined;
}

function isServicerMethod(node: SyntaxNode): boolean {
  const body = (node.parent?.type === 'decorated_definition' ? node.parent : node).parent;
  const classNode = body?.type === 'block' ? body.parent : undefined;
  if (classNode?.type !== 'class_definition') return false;
  const bases = classNode.childForFieldName('superclasses');
  for (let i = 0; i < (bases?.namedChildCount ?? 0); i++) {
    if (lastSegment(bases?.namedChild(i)?.text ?? '').endsWith('Servicer')) return true;
  }
  return false;
}

/** When the call at `node` is made in a grpc servicer's method: that method's second parameter (`''` if none). */
function servicerContextOf(node: SyntaxNode): string | undefined {
  let fn = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  return fn && isServicerMethod(fn) ? readFunction(fn)?.params[1] ?? '' : undefined;
}

/** Flask's `request` is a global; FastAPI and Django name a parameter. */
function requestNames(fn: FunctionView): string[] {
  return fn.params.includes('request') ? ['request'] : ['request', ...fn.params.filter((name) => name === 'req')];
}

/** The node types `fileClues` looks at. */
const CLUE_TYPES: ReadonlySet<string> = new Set(['import_from_statement', 'import_statement', 'call']);

function fileClues(nodes: readonly SyntaxNode[]): FileClues {
  const imports = new Set<string>();
  const clientNames = new Map<string, string>();
  nodes.forEach(
    (node) => {
      if (node.type === 'import_from_statement' || node.type === 'import_statement') {
        const module = node.childForFieldName('module_name') ?? node.namedChild(0);
        if (module) imports.add(module.text);
        return false;
      }
      if (node.type === 'call') {
        const call = readCall(node);
        const client = call ? CLIENT_FACTORIES[call.path] ?? stubClient(call) : undefined;
        const bound = client ? boundNameOf(node) : undefined;
        if (client && bound) clientNames.set(bound, client);
      }
      return true;
    },
  );
  return { imports, clientNames, uncoveredClientNames: new Set() };
}

/** `session = requests.Session()`, `self.client = httpx.Client()`, `async with ClientSession() as s`. */
function boundNameOf(value: SyntaxNode): string | undefined {
  const parent = value.parent;
  if (parent?.type === 'assignment') {
    const left = parent.childForFieldName('left');
    return left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : left?.text;
  }
  if (parent?.type === 'as_pattern') return parent.childForFieldName('alias')?.text ?? parent.namedChild(1)?.text;
  return undefined;
}

export const PYTHON_RULES: LanguageRules = {
  calls: CALLS,
  readCall,
  functions: new Set(['function_definition']),
  readFunction,
  blocks: new Set(['block', 'module']),
  evidenceTypes: new Set(['identifier', 'call', 'attribute', 'string']),
  globalRequestNames: ['request'],
  memberNameFields: { attribute: 'attribute', keyword_argument: 'name' },
  identifiers: new Set(['identifier']),
  stringValue,
  loopIterable(node) {
    return node.type === 'for_statement' ? node.childForFieldName('right') ?? undefined : undefined;
  },
  assignments: { assignment: { target: 'left', value: 'right' }, augmented_assignment: { target: 'left', value: 'right' } },
  incomingHeaderUse,
  derivesRequestContext: () => false,
  outboundClient,
  handlerRequestNames,
  instrumentationOf(call) {
    if (call.method !== 'instrument') return [];
    const fact = INSTRUMENTORS[lastSegment(call.path.slice(0, -'().instrument'.length))];
    return fact ? [fact] : [];
  },
  // contextvars carry the active span into instrumented clients.
  coveredByInstrumentation: (client, _evidence, instrumented) => instrumented.has('python-all') || (FACT_OF_CLIENT[client] !== undefined && instrumented.has(FACT_OF_CLIENT[client] as InstrumentationFact)),
  // A stub takes no `headers=`: its fixes pass `metadata=`.
  quickFix: (request) => (request.client === GRPC_CLIENT ? pythonGrpcFixes(request, servicerContextOf(request.call.node)) : pythonFixes(request)),
  clueTypes: CLUE_TYPES,
  fileClues,
};
