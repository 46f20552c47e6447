import { HTTP_METHODS, joinRoutePath, type SourceHandler } from './handlerTypes';
import { ancestorOfType, descendants, literalText, namedChildrenOf, namedDeclarations, rangeOf, type NamedDeclarations, type SyntaxNode } from './syntaxNode';

/**
 * Go: `net/http` (`HandleFunc`, Go 1.22 `"GET /items/{id}"` patterns), gorilla/mux (`.Methods("GET")`),
 * chi (`r.Get`, `r.Route` prefixes), gin and echo (`r.GET`, `Group` prefixes), grpc-go servers (structs
 * embedding `UnimplementedXServer`) and OpenTelemetry `tracer.Start(ctx, "name")`.
 */
export function goHandlers(root: SyntaxNode): SourceHandler[] {
  const groupPrefixes = routeGroupPrefixes(root);
  const named = namedFunctionsOf(root);
  const handlers: SourceHandler[] = [];
  for (const call of descendants(root, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') continue;
    const field = callee.childForFieldName('field')?.text ?? '';
    const receiver = callee.childForFieldName('operand')?.text ?? '';
    const args = namedChildrenOf(call.childForFieldName('arguments'));
    const handler = field === 'Start' ? spanStart(call, args) : routeCall(call, field, receiver, args, groupPrefixes, named);
    if (handler) handlers.push(handler);
  }
  handlers.push(...grpcServerMethods(root));
  return handlers;
}

const HANDLE_FUNCTIONS = ['HandleFunc', 'Handle'];
/** chi spells methods `Get`, gin and echo `GET`; `Any` (gin, echo) accepts every method. */
const METHOD_FUNCTIONS: Readonly<Record<string, string>> = Object.fromEntries([
  ...HTTP_METHODS.map((method) => [method, method]),
  ...HTTP_METHODS.map((method) => [method[0] + method.slice(1).toLowerCase(), method]),
  ['Any', 'ANY'],
]);

/**
 * `http.HandleFunc("/x", handleX)` or `mux.HandleFunc("/x", s.handleX)` with `handleX` declared in this
 * file: the declaration is the route's function range (Go to Source's line matching, the lint's index
 * locator). A method name declared on several receivers is ambiguous and left unresolved.
 */
function namedFunctionsOf(root: SyntaxNode): NamedDeclarations {
  return namedDeclarations(root, ['function_declaration', 'method_declaration'], (declaration) => declaration.childForFieldName('name')?.text, 'ambiguous');
}

function routeCall(call: SyntaxNode, field: string, receiver: string, args: SyntaxNode[], groupPrefixes: Map<string, string>, named: NamedDeclarations): SourceHandler | undefined {
  const pattern = literalText(args[0]);
  if (pattern === undefined || args.length < 2) return undefined;
  let method: string | undefined;
  let path = pattern;
  let framework: string;
  if (HANDLE_FUNCTIONS.includes(field)) {
    // Go 1.22 patterns: "[METHOD ][HOST]/[PATH]".
    const space = pattern.indexOf(' ');
    const maybeMethod = space > 0 ? pattern.slice(0, space) : '';
    if (HTTP_METHODS.includes(maybeMethod)) {
      method = maybeMethod;
      path = pattern.slice(space + 1).trim();
    }
    if (!path.startsWith('/')) path = path.slice(Math.max(0, path.indexOf('/')));
    method ??= chainedMuxMethod(call) ?? 'ANY';
    framework = chainedMuxMethod(call) ? 'gorilla-mux' : 'go-net-http';
  } else if (METHOD_FUNCTIONS[field] !== undefined) {
    method = METHOD_FUNCTIONS[field];
    framework = field === field.toUpperCase() ? 'gin-echo' : 'chi';
  } else {
    return undefined;
  }
  if (!path.startsWith('/')) return undefined;
  const pathTemplate = joinRoutePath(...enclosingChiRoutes(call), groupPrefixes.get(receiver), path);
  const handlerArg = args[args.length - 1];
  const callback = handlerArg?.type === 'func_literal' ? handlerArg : undefined;
  const functionName = handlerArg && !callback ? (handlerArg.text.split('.').pop() ?? handlerArg.text) : undefined;
  const declared = handlerArg?.type === 'identifier' || handlerArg?.type === 'selector_expression' ? named(functionName ?? '') : undefined;
  return {
    kind: 'route',
    framework,
    method,
    pathTemplate,
    name: `${method} ${pathTemplate}`,
    ...(functionName !== undefined ? { functionName } : {}),
    range: rangeOf(call),
    functionRange: rangeOf(callback ?? declared ?? call),
  };
}

/** gorilla/mux: `r.HandleFunc("/x", h).Methods("GET", …)`; the first method is the one shown. */
function chainedMuxMethod(call: SyntaxNode): string | undefined {
  const selector = call.parent;
  if (selector?.type !== 'selector_expression' || selector.childForFieldName('field')?.text !== 'Methods') return undefined;
  const methodsCall = selector.parent;
  if (methodsCall?.type !== 'call_expression') return undefined;
  return literalText(namedChildrenOf(methodsCall.childForFieldName('arguments'))[0])?.toUpperCase();
}

/** chi: `r.Route("/users", func(r chi.Router) { r.Get("/{id}", h) })`, outermost first. */
function enclosingChiRoutes(call: SyntaxNode): string[] {
  const prefixes: string[] = [];
  for (let node = ancestorOfType(call, ['call_expression']); node; node = ancestorOfType(node, ['call_expression'])) {
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Route') continue;
    const prefix = literalText(namedChildrenOf(node.childForFieldName('arguments'))[0]);
    if (prefix !== undefined) prefixes.unshift(prefix);
  }
  return prefixes;
}

/** gin and echo: `v1 := r.Group("/v1")`, nested groups included; variable names are per file. */
function routeGroupPrefixes(root: SyntaxNode): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const declaration of descendants(root, ['short_var_declaration', 'assignment_statement'])) {
    const name = namedChildrenOf(declaration.childForFieldName('left'))[0]?.text;
    const value = namedChildrenOf(declaration.childForFieldName('right'))[0];
    const callee = value?.type === 'call_expression' ? value.childForFieldName('function') : undefined;
    if (!name || callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Group') continue;
    const prefix = literalText(namedChildrenOf(value?.childForFieldName('arguments'))[0]);
    const parent = callee.childForFieldName('operand')?.text ?? '';
    if (prefix !== undefined) prefixes.set(name, joinRoutePath(prefixes.get(parent), prefix));
  }
  return prefixes;
}

function spanStart(call: SyntaxNode, args: SyntaxNode[]): SourceHandler | undefined {
  const name = literalText(args[1]);
  if (!name || args.length < 2) return undefined;
  const enclosing = ancestorOfType(call, ['func_literal', 'function_declaration', 'method_declaration']) ?? call;
  return { kind: 'span', framework: 'otel-span', name, range: rangeOf(call), functionRange: rangeOf(enclosing) };
}

/**
 * grpc-go: a struct that embeds `pb.UnimplementedGreeterServer` implements service `Greeter`; its exported
 * methods are the RPCs. The proto package is not visible in Go source, so the service name is bare.
 */
function grpcServerMethods(root: SyntaxNode): SourceHandler[] {
  const serviceOfType = new Map<string, string>();
  for (const spec of descendants(root, 'type_spec')) {
    const structType = spec.childForFieldName('type');
    if (structType?.type !== 'struct_type') continue;
    for (const field of descendants(structType, 'field_declaration')) {
      if (field.childForFieldName('name')) continue;
      const embedded = field.childForFieldName('type')?.text.split('.').pop() ?? '';
      const match = /^Unimplemented(\w+)Server$/.exec(embedded);
      if (match?.[1]) serviceOfType.set(spec.childForFieldName('name')?.text ?? '', match[1]);
    }
  }
  if (serviceOfType.size === 0) return [];
  const handlers: SourceHandler[] = [];
  for (const method of descendants(root, 'method_declaration')) {
    const receiverType = descendants(method.childForFieldName('receiver') ?? method, 'type_identifier')[0]?.text ?? '';
    const service = serviceOfType.get(receiverType);
    const nameNode = method.childForFieldName('name');
    const name = nameNode?.text ?? '';
    if (!service || !nameNode || !/^[A-Z]/.test(name) || name.startsWith('mustEmbed')) continue;
    handlers.push({ kind: 'grpc', framework: 'grpc-go', grpcService: service, grpcMethod: name, name: `${service}/${name}`, functionName: `${receiverType}.${name}`, range: rangeOf(nameNode), functionRange: rangeOf(method) });
  }
  return handlers;
}
