import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, InstrumentationFact, LanguageRules } from '../languageRules';
import { configuredHeaders, DEFAULT_TRACE_HEADERS, isKnownTraceHeader } from '../traceHeaders';
import { argumentNodes, dottedPath, literalContent, type MemberFields } from './commonSyntax';
import { javaFixes } from './javaFix';

/**
 * Java: RestTemplate, WebClient, java.net.http.HttpClient, JAX-RS Client, OkHttp, and Spring Cloud
 * OpenFeign. Spring Boot's tracing covers only clients built from the auto-configured builders, never
 * `new RestTemplate()`.
 *
 * A Feign call (`inventory.item(id)` on an injected `@FeignClient` interface) is seen where the request is
 * declared: the interface usually lives in another file, so the engine follows the call by name to the
 * interface method, and that method's mapping annotation is the outbound call (read as one, see
 * `readFeignRequest`). Its parameters are what the caller passes: a `@RequestHeader("traceparent")`
 * parameter names a header sent, and the caller's arguments are followed from there.
 */

const MEMBERS: MemberFields = { field_access: ['object', 'field'] };
const CALLS: ReadonlySet<string> = new Set(['method_invocation', 'object_creation_expression', 'annotation', 'marker_annotation']);
const FEIGN_CLIENT = 'Feign';
/** The Feign mapping annotations on an interface method, Spring's and Feign's own. */
const FEIGN_MAPPINGS: ReadonlySet<string> = new Set(['GetMapping', 'PostMapping', 'PutMapping', 'DeleteMapping', 'PatchMapping', 'RequestMapping', 'RequestLine']);
/** What a header-copying `RequestInterceptor` must mention to count: the default trace headers. */
const KNOWN_HEADERS = configuredHeaders(DEFAULT_TRACE_HEADERS);
const INCOMING_HEADER_READS: ReadonlySet<string> = new Set(['getHeader', 'getHeaders', 'getHeaderNames']);
const STRING_CONTENT: ReadonlySet<string> = new Set(['string_fragment']);
const MAPPINGS: ReadonlySet<string> = new Set(['GetMapping', 'PostMapping', 'PutMapping', 'DeleteMapping', 'PatchMapping', 'RequestMapping', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
/** Client types, and the methods on them that send a request. */
const CLIENT_TYPES: Readonly<Record<string, { readonly client: string; readonly sends: ReadonlySet<string> }>> = {
  RestTemplate: { client: 'RestTemplate', sends: new Set(['getForObject', 'getForEntity', 'postForObject', 'postForEntity', 'postForLocation', 'exchange', 'put', 'delete', 'patchForObject', 'execute']) },
  WebClient: { client: 'WebClient', sends: new Set(['get', 'post', 'put', 'delete', 'patch', 'head', 'method']) },
  HttpClient: { client: 'java.net.http', sends: new Set(['send', 'sendAsync']) },
  OkHttpClient: { client: 'OkHttp', sends: new Set(['newCall']) },
  Client: { client: 'JAX-RS', sends: new Set(['target']) },
};
const SPRING_BUILT: ReadonlySet<string> = new Set(['RestTemplate', 'WebClient']);

function readCall(node: SyntaxNode): CallView | undefined {
  if (node.type === 'annotation' || node.type === 'marker_annotation') return readFeignRequest(node);
  if (node.type === 'object_creation_expression') {
    const type = node.childForFieldName('type')?.text ?? '?';
    return { node, path: `new ${type}`, method: type, args: argumentNodes(node.childForFieldName('arguments')) };
  }
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('name')?.text ?? '?';
  const path = object ? `${dottedPath(object, MEMBERS, CALLS, 'object')}.${name}` : name;
  return { node, path, method: name, args: argumentNodes(node.childForFieldName('arguments')) };
}

/**
 * `@GetMapping("/items/{id}")` on a method of a `@FeignClient` interface, as a call whose arguments are the
 * annotation's and the method's parameters (so `@RequestHeader("traceparent") String tp` counts as sent).
 * Every other annotation is no call.
 */
function readFeignRequest(node: SyntaxNode): CallView | undefined {
  const name = node.childForFieldName('name')?.text ?? '';
  if (!FEIGN_MAPPINGS.has(name)) return undefined;
  const method = node.parent?.type === 'modifiers' ? node.parent.parent : undefined;
  const body = method?.type === 'method_declaration' ? method.parent : undefined;
  const owner = body?.type === 'interface_body' ? body.parent : undefined;
  if (!owner || !method || !annotationsOf(owner).includes('FeignClient')) return undefined;
  const methodName = method.childForFieldName('name')?.text ?? '?';
  const params = method.childForFieldName('parameters');
  const args = [...argumentNodes(node.childForFieldName('arguments')), ...argumentNodes(params)];
  // Rooted at `this`, so the evidence search does not look for a variable holding the interface.
  return { node, path: `this.${methodName}`, method: methodName, args };
}

/** The names of the annotations on a declaration (`FeignClient`, `Service`, …). */
function annotationsOf(declaration: SyntaxNode): string[] {
  const modifiers = declaration.namedChildren.find((child) => child?.type === 'modifiers');
  return (modifiers?.namedChildren ?? []).map((annotation) => annotation?.childForFieldName('name')?.text ?? '');
}

function readFunction(node: SyntaxNode): FunctionView | undefined {
  const params: string[] = [];
  const list = node.childForFieldName('parameters');
  for (let i = 0; i < (list?.namedChildCount ?? 0); i++) {
    const param = list?.namedChild(i);
    params.push(param?.childForFieldName('name')?.text ?? (param?.type === 'identifier' ? param.text : ''));
  }
  return { node, name: node.childForFieldName('name')?.text, params, body: node.childForFieldName('body') ?? undefined };
}

function stringValue(node: SyntaxNode): string | undefined {
  return node.type === 'string_literal' ? literalContent(node, STRING_CONTENT) : undefined;
}

function incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined {
  if (node.type === 'identifier' && requestNames.has(`headers:${node.text}`)) {
    const parent = node.parent;
    if (parent?.type === 'method_invocation' && parent.childForFieldName('object')?.id === node.id) {
      const method = parent.childForFieldName('name')?.text ?? '';
      if (method === 'getFirst' || method === 'get' || method === 'getHeaderString' || method === 'getRequestHeader') return keyKind(parent);
    }
    return 'whole';
  }
  if (node.type !== 'method_invocation') return undefined;
  const object = node.childForFieldName('object');
  if (object?.type !== 'identifier' || !requestNames.has(object.text)) return undefined;
  const method = node.childForFieldName('name')?.text;
  if (method === 'getHeader' || method === 'getHeaders') return keyKind(node);
  if (method === 'getHeaderNames') return 'whole';
  return undefined;
}

function keyKind(call: SyntaxNode): 'single' | 'keyed' {
  const key = call.childForFieldName('arguments')?.namedChild(0);
  return key && stringValue(key) !== undefined ? 'single' : 'keyed';
}

function outboundClient(call: CallView, clues: FileClues): string | undefined {
  // `readCall` reads only a Feign interface's mapping annotations as calls.
  if (call.node.type === 'annotation' || call.node.type === 'marker_annotation') return FEIGN_CLIENT;
  if (call.node.type !== 'method_invocation') return undefined;
  const parts = call.path.split('.');
  const receiver = parts[parts.length - 2];
  if (receiver === undefined) return undefined;
  const type = clues.clientNames.get(receiver);
  const spec = type ? CLIENT_TYPES[type] : undefined;
  return spec && spec.sends.has(call.method) ? spec.client : undefined;
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  // An interface method without a body serves nothing: a Feign client's `@GetMapping` is the remote route.
  if (fn.node.type !== 'method_declaration' || fn.body === undefined) return undefined;
  const modifiers = fn.node.namedChildren.find((child) => child?.type === 'modifiers');
  const annotated = modifiers?.namedChildren.some((annotation) => MAPPINGS.has(annotation?.childForFieldName('name')?.text ?? ''));
  if (!annotated) return undefined;
  const names: string[] = [];
  const list = fn.node.childForFieldName('parameters');
  for (let i = 0; i < (list?.namedChildCount ?? 0); i++) {
    const param = list?.namedChild(i);
    const name = param?.childForFieldName('name')?.text;
    const type = param?.childForFieldName('type')?.text ?? '';
    if (!param || name === undefined) continue;
    const annotations = param.namedChildren.find((child) => child?.type === 'modifiers')?.text ?? '';
    if (type === 'HttpServletRequest' || type === 'ServerHttpRequest' || type === 'HttpRequest') names.push(name);
    if (type === 'HttpHeaders' && (annotations.includes('@RequestHeader') || annotations.includes('@Context'))) names.push(`headers:${name}`);
  }
  return names;
}

/**
 * `template.header(…)` in a Feign `RequestInterceptor` (`apply(RequestTemplate template)`, or a lambda
 * returned as a `RequestInterceptor` bean) that copies the incoming request's headers or names a trace
 * header: every Feign call of the package then carries them.
 */
function instrumentationOf(call: CallView): readonly InstrumentationFact[] {
  if (call.method !== 'header' || call.node.type !== 'method_invocation') return [];
  const template = call.node.childForFieldName('object');
  if (template?.type !== 'identifier') return [];
  const interceptor = interceptorOf(call.node, template.text);
  if (!interceptor) return [];
  const copies = interceptor.descendantsOfType(['method_invocation', 'string_literal']).some((node) => {
    if (node?.type === 'string_literal') return isKnownTraceHeader(stringValue(node) ?? '', KNOWN_HEADERS);
    return INCOMING_HEADER_READS.has(node?.childForFieldName('name')?.text ?? '');
  });
  return copies ? ['java-feign-interceptor'] : [];
}

/** The method or lambda around `node` in which `template` is a `RequestTemplate` intercepted. */
function interceptorOf(node: SyntaxNode, template: string): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'lambda_expression') {
      const method = enclosingMethod(current);
      if (method?.childForFieldName('type')?.text === 'RequestInterceptor') return current;
    }
    if (current.type === 'method_declaration') {
      const params = current.childForFieldName('parameters');
      const declared = params?.namedChildren.some((param) => param?.childForFieldName('type')?.text === 'RequestTemplate' && param.childForFieldName('name')?.text === template);
      return declared && current.childForFieldName('name')?.text === 'apply' ? current : undefined;
    }
  }
  return undefined;
}

function enclosingMethod(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'method_declaration') return current;
  return undefined;
}

/** The node types `fileClues` looks at. */
const CLUE_TYPES: ReadonlySet<string> = new Set(['field_declaration', 'local_variable_declaration', 'formal_parameter', 'assignment_expression']);

function fileClues(nodes: readonly SyntaxNode[]): FileClues {
  const clientNames = new Map<string, string>();
  const uncovered = new Set<string>();
  nodes.forEach(
    (node) => {
      const type = node.childForFieldName('type')?.text;
      if ((node.type === 'field_declaration' || node.type === 'local_variable_declaration' || node.type === 'formal_parameter') && type && CLIENT_TYPES[type]) {
        for (const declarator of node.type === 'formal_parameter' ? [node] : node.childrenForFieldName('declarator')) {
          const name = declarator?.childForFieldName('name')?.text;
          if (!name) continue;
          clientNames.set(name, type);
          if (isUninstrumentedConstruction(declarator?.childForFieldName('value'))) uncovered.add(name);
        }
      }
      if (node.type === 'assignment_expression' && isUninstrumentedConstruction(node.childForFieldName('right'))) {
        const left = node.childForFieldName('left');
        const name = left?.type === 'field_access' ? left.childForFieldName('field')?.text : left?.text;
        if (name) uncovered.add(name);
      }
      return true;
    },
  );
  return { clientNames, uncoveredClientNames: uncovered, imports: new Set() };
}

/** `new RestTemplate()` or `WebClient.create()`: not from Spring's auto-configured, observed builders. */
function isUninstrumentedConstruction(value: SyntaxNode | null | undefined): boolean {
  if (!value) return false;
  if (value.type === 'object_creation_expression') return SPRING_BUILT.has(value.childForFieldName('type')?.text ?? '');
  return value.type === 'method_invocation' && value.childForFieldName('object')?.text === 'WebClient' && value.childForFieldName('name')?.text === 'create';
}

export const JAVA_RULES: LanguageRules = {
  calls: CALLS,
  readCall,
  functions: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
  readFunction,
  blocks: new Set(['block', 'class_body', 'program', 'constructor_body', 'switch_block_statement_group']),
  evidenceTypes: new Set(['identifier', 'method_invocation', 'object_creation_expression', 'string_literal']),
  globalRequestNames: [],
  memberNameFields: { method_invocation: 'name', field_access: 'field' },
  identifiers: new Set(['identifier']),
  stringValue,
  loopIterable(node) {
    if (node.type === 'enhanced_for_statement') return node.childForFieldName('value') ?? undefined;
    if (node.type === 'method_invocation' && node.childForFieldName('name')?.text === 'forEach') return node.childForFieldName('object') ?? undefined;
    return undefined;
  },
  assignments: { variable_declarator: { target: 'name', value: 'value' }, assignment_expression: { target: 'left', value: 'right' } },
  incomingHeaderUse,
  derivesRequestContext: () => false,
  outboundClient,
  handlerRequestNames,
  instrumentationOf,
  coveredByInstrumentation(client, evidence, instrumented) {
    if (instrumented.has('java-agent')) return true;
    // Spring Cloud OpenFeign is observed by Micrometer Tracing (the starter), like the builder-made clients.
    if (client === FEIGN_CLIENT) return instrumented.has('java-spring-tracing') || instrumented.has('java-feign-interceptor');
    const name = evidence.clientName;
    return instrumented.has('java-spring-tracing') && (client === 'RestTemplate' || client === 'WebClient') && name !== undefined && !evidence.clues.uncoveredClientNames.has(name);
  },
  quickFix: javaFixes,
  clueTypes: CLUE_TYPES,
  fileClues,
};
