import { HTTP_METHODS, joinRoutePath, type SourceHandler } from './handlerTypes';
import { ancestorOfType, descendants, literalText, namedChildrenOf, namedDeclarations, rangeOf, type NamedDeclarations, type SyntaxNode } from './syntaxNode';

/**
 * JavaScript and TypeScript: Express, Koa-router and Fastify shorthand (`app.get('/x', h)`), Fastify's
 * `route({ method, url })`, NestJS controller decorators, `@grpc/grpc-js` `addService`, and OpenTelemetry
 * `tracer.startSpan` / `startActiveSpan`. Next.js route files are handled by {@link nextJsRouteHandlers}.
 */
export function javascriptHandlers(root: SyntaxNode): SourceHandler[] {
  const handlers: SourceHandler[] = [];
  const named = namedFunctionsOf(root);
  for (const call of descendants(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'member_expression') continue;
    const methodName = callee.childForFieldName('property')?.text ?? '';
    const args = namedChildrenOf(call.childForFieldName('arguments'));
    const handler =
      shorthandRoute(call, methodName, args, named) ??
      fastifyRoute(call, methodName, args, named) ??
      grpcService(call, methodName, args, named) ??
      spanStart(call, methodName, args);
    if (Array.isArray(handler)) handlers.push(...handler);
    else if (handler) handlers.push(handler);
  }
  handlers.push(...nestHandlers(root));
  return handlers;
}

const CALLBACK_TYPES = ['arrow_function', 'function_expression', 'function'];
const FUNCTION_TYPES = [...CALLBACK_TYPES, 'function_declaration', 'method_definition', 'generator_function_declaration'];

/**
 * `function handleX(req, res) {…}` and `const handleX = async (req, res) => {…}` in this file, by name: a
 * route registered with `app.get('/x', handleX)` gets the named function as its function range, which is
 * where Go to Source's line matching and the propagation lint look for the handler's body. For a
 * `const`, the range is the declarator's: it ends where the function ends, which is how the lint finds it.
 * The first declaration wins, as a later one in another scope is the less likely target.
 */
function namedFunctionsOf(root: SyntaxNode): NamedDeclarations {
  return namedDeclarations(root, ['function_declaration', 'generator_function_declaration', 'variable_declarator'], declaredFunctionName, 'first');
}

function declaredFunctionName(node: SyntaxNode): string | undefined {
  const value = node.type === 'variable_declarator' ? node.childForFieldName('value') : node;
  const declared = node.childForFieldName('name');
  return value && declared?.type === 'identifier' && FUNCTION_TYPES.includes(value.type) ? declared.text : undefined;
}

/** The function a route or service entry names: an inline callback, or a function of this file by name. */
function handlerFunction(node: SyntaxNode | undefined, named: NamedDeclarations): SyntaxNode | undefined {
  if (!node) return undefined;
  if (CALLBACK_TYPES.includes(node.type) || node.type === 'method_definition') return node;
  return node.type === 'identifier' || node.type === 'shorthand_property_identifier' ? named(node.text) : undefined;
}

/** `app.get('/users/:id', handler)`: the path must look like a path, which tells it apart from `map.get('key')`. */
function shorthandRoute(call: SyntaxNode, methodName: string, args: SyntaxNode[], named: NamedDeclarations): SourceHandler | undefined {
  const method = methodName === 'all' ? 'ANY' : methodName.toUpperCase();
  if (method !== 'ANY' && (!HTTP_METHODS.includes(method) || methodName !== methodName.toLowerCase())) return undefined;
  const path = literalText(args[0]);
  if (path === undefined || !(path.startsWith('/') || path === '*') || args.length < 2) return undefined;
  return route('express', method, path, call, args.slice(1), named);
}

/** Fastify's full declaration: `fastify.route({ method: 'GET', url: '/x', handler })`. */
function fastifyRoute(call: SyntaxNode, methodName: string, args: SyntaxNode[], named: NamedDeclarations): SourceHandler[] | undefined {
  if (methodName !== 'route' || args[0]?.type !== 'object') return undefined;
  const properties = objectProperties(args[0]);
  const url = literalText(properties.get('url') ?? properties.get('path'));
  const methodNode = properties.get('method');
  if (url === undefined || !methodNode) return undefined;
  const methods = methodNode.type === 'array' ? namedChildrenOf(methodNode).map(literalText) : [literalText(methodNode)];
  const handlerNode = properties.get('handler');
  return methods
    .filter((method): method is string => method !== undefined)
    .map((method) => route('fastify', method.toUpperCase(), url, call, handlerNode ? [handlerNode] : [], named));
}

/** `server.addService(proto.helloworld.Greeter.service, { sayHello: impl })`: one handler per key. */
function grpcService(call: SyntaxNode, methodName: string, args: SyntaxNode[], named: NamedDeclarations): SourceHandler[] | undefined {
  if (methodName !== 'addService' || args.length < 2 || args[1]?.type !== 'object') return undefined;
  const definition = args[0]?.text.split('.') ?? [];
  if (definition[definition.length - 1] === 'service') definition.pop();
  const service = definition.slice(-2).join('.').replace(/^[a-z_]*Proto\./i, '');
  const handlers: SourceHandler[] = [];
  for (const [key, value] of objectProperties(args[1])) {
    const serviceName = definition[definition.length - 1] ?? service;
    handlers.push({
      kind: 'grpc',
      framework: 'grpc-js',
      grpcService: serviceName,
      grpcMethod: key,
      name: `${serviceName}/${key}`,
      functionName: value.type === 'identifier' ? value.text : key,
      range: rangeOf(value.parent ?? value),
      functionRange: rangeOf(handlerFunction(value, named) ?? call),
    });
  }
  return handlers;
}

/** `tracer.startSpan('name')` and `tracer.startActiveSpan('name', fn)` with a literal name. */
function spanStart(call: SyntaxNode, methodName: string, args: SyntaxNode[]): SourceHandler | undefined {
  if (methodName !== 'startSpan' && methodName !== 'startActiveSpan') return undefined;
  const name = literalText(args[0]);
  if (name === undefined || name.length === 0) return undefined;
  const callback = args.find((arg) => CALLBACK_TYPES.includes(arg.type));
  const enclosing = callback ?? ancestorOfType(call, FUNCTION_TYPES) ?? call;
  return { kind: 'span', framework: 'otel-span', name, range: rangeOf(call), functionRange: rangeOf(enclosing) };
}

function route(framework: string, method: string, path: string, call: SyntaxNode, handlerArgs: SyntaxNode[], named: NamedDeclarations): SourceHandler {
  const pathTemplate = path === '*' ? '/*' : joinRoutePath(path);
  const last = handlerArgs[handlerArgs.length - 1];
  const inline = last && CALLBACK_TYPES.includes(last.type) ? last : undefined;
  const functionName = last && !inline ? last.text : undefined;
  const callback = inline ?? handlerFunction(last, named);
  return {
    kind: 'route',
    framework,
    method,
    pathTemplate,
    name: `${method} ${pathTemplate}`,
    ...(functionName !== undefined ? { functionName } : {}),
    range: rangeOf(call),
    functionRange: rangeOf(callback ?? call),
  };
}

function objectProperties(object: SyntaxNode): Map<string, SyntaxNode> {
  const properties = new Map<string, SyntaxNode>();
  for (const child of namedChildrenOf(object)) {
    if (child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      const keyText = literalText(key) ?? key?.text;
      if (keyText !== undefined && value) properties.set(keyText, value);
    } else if (child.type === 'shorthand_property_identifier') {
      properties.set(child.text, child);
    } else if (child.type === 'method_definition') {
      const name = child.childForFieldName('name')?.text;
      if (name !== undefined) properties.set(name, child);
    }
  }
  return properties;
}

const NEST_METHODS: Readonly<Record<string, string>> = { Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE', Patch: 'PATCH', Head: 'HEAD', Options: 'OPTIONS', All: 'ANY' };

/** NestJS: `@Controller('users')` on the class, `@Get(':id')` on the method; the route is both joined. */
function nestHandlers(root: SyntaxNode): SourceHandler[] {
  const handlers: SourceHandler[] = [];
  for (const classNode of descendants(root, ['class_declaration', 'class'])) {
    const controller = decoratorsOf(classNode).find((decorator) => decorator.name === 'Controller');
    if (!controller) continue;
    const prefix = decoratorPath(controller.args[0]);
    const className = classNode.childForFieldName('name')?.text;
    let pending: { name: string; args: SyntaxNode[]; node: SyntaxNode }[] = [];
    for (const member of namedChildrenOf(classNode.childForFieldName('body'))) {
      // In a class body, decorators are siblings that precede the method they decorate.
      if (member.type === 'decorator') {
        const decorator = readDecorator(member);
        if (decorator) pending.push(decorator);
        continue;
      }
      if (member.type === 'method_definition') {
        const methodName = member.childForFieldName('name')?.text;
        for (const decorator of pending) {
          const method = NEST_METHODS[decorator.name];
          if (method === undefined) continue;
          const pathTemplate = joinRoutePath(prefix, decoratorPath(decorator.args[0]));
          handlers.push({
            kind: 'route',
            framework: 'nestjs',
            method,
            pathTemplate,
            name: `${method} ${pathTemplate}`,
            ...(methodName !== undefined ? { functionName: className ? `${className}.${methodName}` : methodName } : {}),
            range: rangeOf(decorator.node),
            functionRange: rangeOf(member),
          });
        }
      }
      pending = [];
    }
  }
  return handlers;
}

function decoratorsOf(classNode: SyntaxNode): { name: string; args: SyntaxNode[]; node: SyntaxNode }[] {
  const own = namedChildrenOf(classNode).filter((child) => child.type === 'decorator');
  // `export @Controller() class` puts the decorators on the export statement instead.
  const exported = classNode.parent?.type === 'export_statement' ? namedChildrenOf(classNode.parent).filter((child) => child.type === 'decorator') : [];
  return [...own, ...exported].map(readDecorator).filter((decorator) => decorator !== undefined);
}

function readDecorator(node: SyntaxNode): { name: string; args: SyntaxNode[]; node: SyntaxNode } | undefined {
  const expression = namedChildrenOf(node)[0];
  if (expression?.type === 'identifier') return { name: expression.text, args: [], node };
  if (expression?.type !== 'call_expression') return undefined;
  const name = expression.childForFieldName('function')?.text ?? '';
  return { name, args: namedChildrenOf(expression.childForFieldName('arguments')), node };
}

/** A Nest decorator's path: a string, or `{ path: '…' }`; absent means the empty path. */
function decoratorPath(arg: SyntaxNode | undefined): string {
  if (!arg) return '';
  if (arg.type === 'object') return literalText(objectProperties(arg).get('path')) ?? '';
  return literalText(arg) ?? '';
}

const NEXT_ROUTE_FILE = /(?:^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/;
const NEXT_API_FILE = /(?:^|\/)pages\/(api\/.*)\.[cm]?[jt]sx?$/;

/**
 * Next.js: `app/**\/route.ts` exporting `GET`/`POST`… functions, and `pages/api/**` default exports.
 * The route comes from the file's path (`[id]` segments, `(group)` folders dropped).
 */
export function nextJsRouteHandlers(root: SyntaxNode, path: string): SourceHandler[] {
  const appRoute = NEXT_ROUTE_FILE.exec(path);
  const apiRoute = appRoute ? undefined : NEXT_API_FILE.exec(path);
  if (!appRoute && !apiRoute) return [];
  const folder = appRoute ? (appRoute[1] ?? '') : (apiRoute?.[1] ?? '').replace(/\/index$|^index$/, '');
  const pathTemplate = joinRoutePath(...folder.split('/').filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@')));
  const handlers: SourceHandler[] = [];
  for (const statement of descendants(root, 'export_statement')) {
    const declaration = statement.childForFieldName('declaration');
    const isDefault = namedChildrenOf(statement).some((child) => child.type !== 'decorator') && statement.text.startsWith('export default');
    let method: string | undefined;
    let target: SyntaxNode | undefined = declaration ?? undefined;
    if (apiRoute && isDefault) {
      method = 'ANY';
      target = declaration ?? statement;
    } else if (appRoute && declaration?.type === 'function_declaration') {
      const name = declaration.childForFieldName('name')?.text ?? '';
      if (HTTP_METHODS.includes(name)) method = name;
    } else if (appRoute && declaration?.type === 'lexical_declaration') {
      const declarator = namedChildrenOf(declaration)[0];
      const name = declarator?.childForFieldName('name')?.text ?? '';
      if (HTTP_METHODS.includes(name)) method = name;
    }
    if (method === undefined || !target) continue;
    handlers.push({
      kind: 'route',
      framework: 'nextjs',
      method,
      pathTemplate,
      name: `${method} ${pathTemplate}`,
      range: rangeOf(statement),
      functionRange: rangeOf(target),
    });
  }
  return handlers;
}
