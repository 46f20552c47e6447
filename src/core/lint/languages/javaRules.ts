import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, LanguageRules } from '../languageRules';
import { argumentNodes, dottedPath, literalContent, type MemberFields } from './commonSyntax';

/**
 * Java: RestTemplate, WebClient, java.net.http.HttpClient, JAX-RS Client, OkHttp. Spring Boot's tracing
 * covers only clients built from the auto-configured builders, never `new RestTemplate()`.
 */

const MEMBERS: MemberFields = { field_access: ['object', 'field'] };
const CALLS: ReadonlySet<string> = new Set(['method_invocation', 'object_creation_expression']);
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
  if (node.type === 'object_creation_expression') {
    const type = node.childForFieldName('type')?.text ?? '?';
    return { node, path: `new ${type}`, method: type, args: argumentNodes(node.childForFieldName('arguments')) };
  }
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('name')?.text ?? '?';
  const path = object ? `${dottedPath(object, MEMBERS, CALLS, 'object')}.${name}` : name;
  return { node, path, method: name, args: argumentNodes(node.childForFieldName('arguments')) };
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
  if (call.node.type !== 'method_invocation') return undefined;
  const parts = call.path.split('.');
  const receiver = parts[parts.length - 2];
  if (receiver === undefined) return undefined;
  const type = clues.clientNames.get(receiver);
  const spec = type ? CLIENT_TYPES[type] : undefined;
  return spec && spec.sends.has(call.method) ? spec.client : undefined;
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  if (fn.node.type !== 'method_declaration') return undefined;
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
  instrumentationOf: () => [],
  coveredByInstrumentation(client, evidence, instrumented) {
    if (instrumented.has('java-agent')) return true;
    const name = evidence.clientName;
    return instrumented.has('java-spring-tracing') && (client === 'RestTemplate' || client === 'WebClient') && name !== undefined && !evidence.clues.uncoveredClientNames.has(name);
  },
  clueTypes: CLUE_TYPES,
  fileClues,
};
