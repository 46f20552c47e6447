import { HTTP_METHODS, joinRoutePath, type SourceHandler } from './handlerTypes';
import { ancestorOfType, descendants, literalText, namedChildrenOf, rangeOf, type SyntaxNode } from './syntaxNode';

/**
 * Python: Flask (`@app.route`, `@bp.get`), FastAPI (`@app.get`, `APIRouter(prefix=…)`), Django `urls.py`
 * (`path`, `re_path`), grpcio servicers (`class X(pb2_grpc.GreeterServicer)`) and OpenTelemetry
 * `start_as_current_span` / `start_span`, as a call or a decorator.
 */
export function pythonHandlers(root: SyntaxNode, path: string): SourceHandler[] {
  const prefixes = routerPrefixes(root);
  const handlers: SourceHandler[] = [];
  for (const decorated of descendants(root, 'decorated_definition')) {
    const definition = decorated.childForFieldName('definition');
    if (definition?.type === 'function_definition') handlers.push(...decoratorHandlers(decorated, definition, prefixes));
    if (definition?.type === 'class_definition') handlers.push(...servicerHandlers(definition));
  }
  for (const classNode of descendants(root, 'class_definition')) {
    if (classNode.parent?.type !== 'decorated_definition') handlers.push(...servicerHandlers(classNode));
  }
  for (const call of descendants(root, 'call')) {
    if (call.parent?.type === 'decorator') continue;
    const handler = spanCall(call) ?? (path.endsWith('urls.py') ? djangoRoute(call) : undefined);
    if (handler) handlers.push(handler);
  }
  return handlers;
}

/** `router = APIRouter(prefix='/items')`, `bp = Blueprint('x', __name__, url_prefix='/x')`: variable → prefix. */
function routerPrefixes(root: SyntaxNode): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const assignment of descendants(root, 'assignment')) {
    const right = assignment.childForFieldName('right');
    if (right?.type !== 'call') continue;
    const prefix = keywordArguments(right).get('prefix') ?? keywordArguments(right).get('url_prefix');
    const text = literalText(prefix);
    if (text !== undefined) prefixes.set(assignment.childForFieldName('left')?.text ?? '', text);
  }
  return prefixes;
}

const DECORATOR_METHODS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS' };

function decoratorHandlers(decorated: SyntaxNode, definition: SyntaxNode, prefixes: Map<string, string>): SourceHandler[] {
  const functionName = definition.childForFieldName('name')?.text;
  const handlers: SourceHandler[] = [];
  for (const decorator of namedChildrenOf(decorated).filter((child) => child.type === 'decorator')) {
    const call = namedChildrenOf(decorator)[0];
    if (call?.type !== 'call') continue;
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') continue;
    const attribute = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object')?.text ?? '';
    const args = namedChildrenOf(call.childForFieldName('arguments'));
    const first = literalText(args[0]);
    const base = { range: rangeOf(decorator), functionRange: rangeOf(decorated), ...(functionName !== undefined ? { functionName } : {}) };
    if (attribute === 'start_as_current_span' && first) {
      handlers.push({ kind: 'span', framework: 'otel-span', name: first, ...base });
      continue;
    }
    if (first === undefined || !first.startsWith('/')) continue;
    let methods: string[] = [];
    if (DECORATOR_METHODS[attribute] !== undefined) methods = [DECORATOR_METHODS[attribute]];
    else if (attribute === 'route' || attribute === 'api_route') {
      const listed = keywordArguments(call).get('methods');
      methods = listed ? namedChildrenOf(listed).map((item) => literalText(item)?.toUpperCase() ?? '').filter((method) => HTTP_METHODS.includes(method)) : ['GET'];
    }
    const pathTemplate = joinRoutePath(prefixes.get(receiver), first);
    const framework = attribute === 'route' ? 'flask' : 'fastapi-flask';
    for (const method of methods) handlers.push({ kind: 'route', framework, method, pathTemplate, name: `${method} ${pathTemplate}`, ...base });
  }
  return handlers;
}

/** Django: `path('users/<int:id>/', views.user)` and `re_path(r'^users/(?P<id>\d+)/$', …)`. */
function djangoRoute(call: SyntaxNode): SourceHandler | undefined {
  const callee = call.childForFieldName('function')?.text;
  if (callee !== 'path' && callee !== 're_path' && callee !== 'url') return undefined;
  const args = namedChildrenOf(call.childForFieldName('arguments'));
  const route = literalText(args[0]);
  const view = args[1];
  // `include(...)` mounts other url files: not a handler of its own.
  if (route === undefined || !view || view.type === 'call') return undefined;
  const pathTemplate = callee === 'path' ? joinRoutePath(route) : `/${route.replace(/^\^/, '').replace(/\$$/, '')}`;
  const functionName = view.text.split('.').pop() ?? view.text;
  return {
    kind: 'route',
    framework: callee === 'path' ? 'django' : 'django-regex',
    method: 'ANY',
    pathTemplate: callee === 'path' ? pathTemplate : `regex:${pathTemplate}`,
    name: `ANY ${pathTemplate}`,
    functionName,
    range: rangeOf(call),
    functionRange: rangeOf(call),
  };
}

function spanCall(call: SyntaxNode): SourceHandler | undefined {
  const callee = call.childForFieldName('function');
  const attribute = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (attribute !== 'start_as_current_span' && attribute !== 'start_span') return undefined;
  const name = literalText(namedChildrenOf(call.childForFieldName('arguments'))[0]);
  if (!name) return undefined;
  const block = ancestorOfType(call, ['with_statement']) ?? ancestorOfType(call, ['function_definition']) ?? call;
  return { kind: 'span', framework: 'otel-span', name, range: rangeOf(call), functionRange: rangeOf(block) };
}

/** grpcio: `class Greeter(helloworld_pb2_grpc.GreeterServicer)`; every method but dunders implements an RPC. */
function servicerHandlers(classNode: SyntaxNode): SourceHandler[] {
  const bases = namedChildrenOf(classNode.childForFieldName('superclasses')).map((base) => base.text.split('.').pop() ?? '');
  const servicer = bases.find((base) => base.endsWith('Servicer') && base.length > 'Servicer'.length);
  if (!servicer) return [];
  const service = servicer.slice(0, -'Servicer'.length);
  const handlers: SourceHandler[] = [];
  for (const member of namedChildrenOf(classNode.childForFieldName('body'))) {
    const method = member.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
    if (method?.type !== 'function_definition') continue;
    const name = method.childForFieldName('name')?.text ?? '';
    if (name.startsWith('_')) continue;
    handlers.push({ kind: 'grpc', framework: 'grpcio', grpcService: service, grpcMethod: name, name: `${service}/${name}`, functionName: name, range: rangeOf(method.childForFieldName('name') ?? method), functionRange: rangeOf(member) });
  }
  return handlers;
}

function keywordArguments(call: SyntaxNode): Map<string, SyntaxNode> {
  const keywords = new Map<string, SyntaxNode>();
  for (const arg of namedChildrenOf(call.childForFieldName('arguments'))) {
    if (arg.type !== 'keyword_argument') continue;
    const value = arg.childForFieldName('value');
    if (value) keywords.set(arg.childForFieldName('name')?.text ?? '', value);
  }
  return keywords;
}
