import { joinRoutePath, type SourceHandler } from './handlerTypes';
import { ancestorOfType, descendants, literalText, namedChildrenOf, rangeOf, type SyntaxNode } from './syntaxNode';

/**
 * Java: Spring MVC (`@GetMapping`, `@RequestMapping` with a class-level prefix), JAX-RS (`@Path` + `@GET`),
 * grpc-java (`extends GreeterGrpc.GreeterImplBase`), OpenTelemetry `@WithSpan` and `spanBuilder("name")`.
 */
export function javaHandlers(root: SyntaxNode): SourceHandler[] {
  const handlers: SourceHandler[] = [];
  for (const classNode of descendants(root, 'class_declaration')) handlers.push(...classHandlers(classNode));
  for (const call of descendants(root, 'method_invocation')) {
    if (call.childForFieldName('name')?.text !== 'spanBuilder') continue;
    const name = literalText(namedChildrenOf(call.childForFieldName('arguments'))[0]);
    if (!name) continue;
    const enclosing = ancestorOfType(call, ['method_declaration', 'lambda_expression', 'constructor_declaration']) ?? call;
    handlers.push({ kind: 'span', framework: 'otel-span', name, range: rangeOf(call), functionRange: rangeOf(enclosing) });
  }
  return handlers;
}

interface Annotation {
  readonly name: string;
  readonly node: SyntaxNode;
  /** Positional value under the key `value`, like Java itself. */
  readonly values: ReadonlyMap<string, SyntaxNode>;
}

const SPRING_METHODS: Readonly<Record<string, string>> = { GetMapping: 'GET', PostMapping: 'POST', PutMapping: 'PUT', DeleteMapping: 'DELETE', PatchMapping: 'PATCH' };
const JAX_RS_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'];

function classHandlers(classNode: SyntaxNode): SourceHandler[] {
  const className = classNode.childForFieldName('name')?.text ?? '';
  const classAnnotations = annotationsOf(classNode);
  const springPrefix = pathValue(classAnnotations.find((annotation) => annotation.name === 'RequestMapping'));
  const jaxRsPrefix = pathValue(classAnnotations.find((annotation) => annotation.name === 'Path'));
  const grpcService = grpcServiceOf(classNode);
  const handlers: SourceHandler[] = [];
  for (const method of namedChildrenOf(classNode.childForFieldName('body'))) {
    if (method.type !== 'method_declaration') continue;
    const methodNameNode = method.childForFieldName('name');
    const methodName = methodNameNode?.text ?? '';
    const base = { functionName: `${className}.${methodName}`, functionRange: rangeOf(method) };
    const annotations = annotationsOf(method);
    for (const annotation of annotations) {
      let httpMethods: string[] = [];
      if (SPRING_METHODS[annotation.name] !== undefined) httpMethods = [SPRING_METHODS[annotation.name] ?? 'ANY'];
      else if (annotation.name === 'RequestMapping') httpMethods = requestMappingMethods(annotation);
      if (httpMethods.length > 0) {
        const pathTemplate = joinRoutePath(springPrefix, pathValue(annotation));
        for (const httpMethod of httpMethods) handlers.push({ kind: 'route', framework: 'spring', method: httpMethod, pathTemplate, name: `${httpMethod} ${pathTemplate}`, range: rangeOf(annotation.node), ...base });
      }
      if (annotation.name === 'WithSpan') {
        const name = literalText(annotation.values.get('value')) || `${className}.${methodName}`;
        handlers.push({ kind: 'span', framework: 'otel-with-span', name, range: rangeOf(annotation.node), ...base });
      }
    }
    const jaxRsMethod = annotations.find((annotation) => JAX_RS_METHODS.includes(annotation.name));
    if (jaxRsMethod && (jaxRsPrefix !== undefined || annotations.some((annotation) => annotation.name === 'Path'))) {
      const pathTemplate = joinRoutePath(jaxRsPrefix, pathValue(annotations.find((annotation) => annotation.name === 'Path')));
      handlers.push({ kind: 'route', framework: 'jax-rs', method: jaxRsMethod.name, pathTemplate, name: `${jaxRsMethod.name} ${pathTemplate}`, range: rangeOf(jaxRsMethod.node), ...base });
    }
    const isPublic = namedChildrenOf(method).some((child) => child.type === 'modifiers' && child.text.includes('public'));
    if (grpcService && methodNameNode && isPublic) {
      handlers.push({ kind: 'grpc', framework: 'grpc-java', grpcService, grpcMethod: methodName, name: `${grpcService}/${methodName}`, range: rangeOf(methodNameNode), ...base });
    }
  }
  return handlers;
}

/** `extends GreeterGrpc.GreeterImplBase` → `Greeter`. */
function grpcServiceOf(classNode: SyntaxNode): string | undefined {
  const superclass = classNode.childForFieldName('superclass');
  const last = superclass ? descendants(superclass, 'type_identifier').pop()?.text : undefined;
  return last?.endsWith('ImplBase') && last.length > 'ImplBase'.length ? last.slice(0, -'ImplBase'.length) : undefined;
}

function annotationsOf(declaration: SyntaxNode): Annotation[] {
  const modifiers = namedChildrenOf(declaration).find((child) => child.type === 'modifiers');
  return namedChildrenOf(modifiers)
    .filter((child) => child.type === 'annotation' || child.type === 'marker_annotation')
    .map((node) => {
      const values = new Map<string, SyntaxNode>();
      for (const arg of namedChildrenOf(node.childForFieldName('arguments'))) {
        if (arg.type === 'element_value_pair') {
          const value = arg.childForFieldName('value');
          if (value) values.set(arg.childForFieldName('key')?.text ?? '', value);
        } else {
          values.set('value', arg);
        }
      }
      return { name: node.childForFieldName('name')?.text.split('.').pop() ?? '', node, values };
    });
}

/** `value` or `path`; an array initializer contributes its first path. */
function pathValue(annotation: Annotation | undefined): string | undefined {
  const value = annotation?.values.get('path') ?? annotation?.values.get('value');
  if (value?.type === 'element_value_array_initializer') return literalText(namedChildrenOf(value)[0]);
  return literalText(value);
}

/** `@RequestMapping(method = RequestMethod.POST)` or `{GET, POST}`; none listed means every method. */
function requestMappingMethods(annotation: Annotation): string[] {
  const value = annotation.values.get('method');
  if (!value) return ['ANY'];
  const items = value.type === 'element_value_array_initializer' ? namedChildrenOf(value) : [value];
  return items.map((item) => item.text.split('.').pop() ?? '').filter((method) => JAX_RS_METHODS.includes(method));
}
