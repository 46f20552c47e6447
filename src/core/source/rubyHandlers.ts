import { joinRoutePath, type SourceHandler } from './handlerTypes';
import { descendants, literalText, namedChildrenOf, rangeOf, type SyntaxNode } from './syntaxNode';

/**
 * Ruby: Sinatra (`get '/x' do`), Rails `config/routes.rb` (verbs with `to:`, `resources`, `namespace` and
 * `scope` prefixes), grpc servers (`class X < Helloworld::Greeter::Service`) and OpenTelemetry `in_span`.
 */
export function rubyHandlers(root: SyntaxNode, path: string): SourceHandler[] {
  const isRailsRoutes = path.endsWith('routes.rb');
  const handlers: SourceHandler[] = [];
  for (const call of descendants(root, 'call')) {
    const method = call.childForFieldName('method')?.text ?? '';
    const args = namedChildrenOf(call.childForFieldName('arguments'));
    if (method === 'in_span') {
      const name = literalText(args[0]);
      const block = call.childForFieldName('block');
      if (name) handlers.push({ kind: 'span', framework: 'otel-span', name, range: rangeOf(call), functionRange: rangeOf(block ?? call) });
      continue;
    }
    if (call.childForFieldName('receiver')) continue;
    if (isRailsRoutes) handlers.push(...railsRoutes(call, method, args));
    else {
      const handler = sinatraRoute(call, method, args);
      if (handler) handlers.push(handler);
    }
  }
  handlers.push(...grpcServices(root));
  return handlers;
}

const VERBS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', options: 'OPTIONS', head: 'HEAD' };

function sinatraRoute(call: SyntaxNode, verb: string, args: SyntaxNode[]): SourceHandler | undefined {
  const method = VERBS[verb];
  const path = literalText(args[0]);
  const block = call.childForFieldName('block');
  if (!method || path === undefined || !path.startsWith('/') || !block) return undefined;
  const pathTemplate = joinRoutePath(path);
  return { kind: 'route', framework: 'sinatra', method, pathTemplate, name: `${method} ${pathTemplate}`, range: rangeOf(call), functionRange: rangeOf(block) };
}

/** The seven routes `resources :users` draws. */
const RESOURCE_ROUTES: readonly (readonly [string, string, string])[] = [
  ['GET', '', 'index'],
  ['POST', '', 'create'],
  ['GET', '/new', 'new'],
  ['GET', '/:id/edit', 'edit'],
  ['GET', '/:id', 'show'],
  ['PATCH', '/:id', 'update'],
  ['PUT', '/:id', 'update'],
  ['DELETE', '/:id', 'destroy'],
];

function railsRoutes(call: SyntaxNode, verb: string, args: SyntaxNode[]): SourceHandler[] {
  const prefix = railsPrefix(call);
  const base = { framework: 'rails', range: rangeOf(call), functionRange: rangeOf(call) };
  const method = VERBS[verb];
  if (method) {
    const path = literalText(args[0]);
    if (path === undefined) return [];
    const target = literalText(pairValue(args, 'to')) ?? (args[1] ? literalText(args[1]) : undefined);
    const pathTemplate = joinRoutePath(prefix, path);
    return [{ kind: 'route', method, pathTemplate, name: `${method} ${pathTemplate}`, ...(target ? { functionName: target } : {}), ...base }];
  }
  if (verb === 'resources' || verb === 'resource') {
    const resource = literalText(args[0]);
    if (resource === undefined) return [];
    const routes = verb === 'resources' ? RESOURCE_ROUTES : RESOURCE_ROUTES.filter(([, suffix, action]) => !suffix.includes(':id') && action !== 'index').concat([['GET', '', 'show'], ['PATCH', '', 'update'], ['DELETE', '', 'destroy']]);
    return routes.map(([routeMethod, suffix, action]) => {
      const pathTemplate = joinRoutePath(prefix, resource, suffix);
      return { kind: 'route' as const, method: routeMethod, pathTemplate, name: `${routeMethod} ${pathTemplate}`, functionName: `${resource}#${action}`, ...base };
    });
  }
  return [];
}

/** `namespace :api do … end` and `scope '/v1' do … end` around a route, outermost first. */
function railsPrefix(call: SyntaxNode): string {
  const prefixes: string[] = [];
  for (let node = call.parent; node; node = node.parent) {
    if (node.type !== 'call') continue;
    const method = node.childForFieldName('method')?.text;
    if (method !== 'namespace' && method !== 'scope') continue;
    const value = literalText(namedChildrenOf(node.childForFieldName('arguments'))[0]);
    if (value !== undefined) prefixes.unshift(value);
  }
  return joinRoutePath(...prefixes);
}

function pairValue(args: SyntaxNode[], key: string): SyntaxNode | undefined {
  for (const arg of args) {
    if (arg.type !== 'pair') continue;
    const keyText = arg.childForFieldName('key')?.text.replace(/:$/, '').replace(/^:/, '');
    if (keyText === key) return arg.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** grpc gem: `class GreeterServer < Helloworld::Greeter::Service`; public instance methods are RPCs (snake_case). */
function grpcServices(root: SyntaxNode): SourceHandler[] {
  const handlers: SourceHandler[] = [];
  for (const classNode of descendants(root, 'class')) {
    const superclass = classNode.childForFieldName('superclass')?.text.replace(/^<\s*/, '') ?? '';
    const parts = superclass.split('::');
    if (parts.length < 2 || parts[parts.length - 1] !== 'Service') continue;
    const service = parts.slice(0, -1).join('.').replace(/^(\w+)\./, (_all, pkg: string) => `${pkg.toLowerCase()}.`);
    for (const method of namedChildrenOf(classNode.childForFieldName('body')).filter((child) => child.type === 'method')) {
      const nameNode = method.childForFieldName('name');
      if (!nameNode || nameNode.text === 'initialize') continue;
      handlers.push({ kind: 'grpc', framework: 'grpc-ruby', grpcService: service, grpcMethod: nameNode.text, name: `${service}/${nameNode.text}`, functionName: nameNode.text, range: rangeOf(nameNode), functionRange: rangeOf(method) });
    }
  }
  return handlers;
}
