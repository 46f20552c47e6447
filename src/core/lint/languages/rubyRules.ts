import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { CallView, FileClues, FunctionView, LanguageRules } from '../languageRules';
import { argumentNodes, dottedPath, literalContent, type MemberFields } from './commonSyntax';
import { rubyFixes } from './rubyFix';

/** Ruby: Net::HTTP, Faraday, HTTParty; Sinatra routes and Rails controller actions. */

const CALLS: ReadonlySet<string> = new Set(['call']);
const MEMBERS: MemberFields = { call: ['receiver', 'method'], scope_resolution: ['scope', 'name'] };
const STRING_CONTENT: ReadonlySet<string> = new Set(['string_content']);
const ROUTE_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete']);
const VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'run_request']);
const MODULE_CALLS: Readonly<Record<string, ReadonlySet<string>>> = {
  'Net.HTTP': new Set(['get', 'get_response', 'post', 'post_form']),
  Faraday: VERBS,
  HTTParty: VERBS,
};

function readCall(node: SyntaxNode): CallView | undefined {
  const receiver = node.childForFieldName('receiver');
  const method = node.childForFieldName('method')?.text ?? '?';
  const path = receiver ? `${dottedPath(receiver, MEMBERS, new Set(), 'method')}.${method}` : method;
  const args = argumentNodes(node.childForFieldName('arguments'));
  const block = node.childForFieldName('block');
  return { node, path, method, args: block ? [...args, block] : args };
}

function readFunction(node: SyntaxNode): FunctionView | undefined {
  const params: string[] = [];
  const list = node.childForFieldName('parameters');
  for (let i = 0; i < (list?.namedChildCount ?? 0); i++) {
    const param = list?.namedChild(i);
    params.push(param?.type === 'identifier' ? param.text : param?.childForFieldName('name')?.text ?? '');
  }
  const name = node.type === 'method' || node.type === 'singleton_method' ? node.childForFieldName('name')?.text : undefined;
  return { node, name, params, body: node.childForFieldName('body') ?? undefined };
}

function stringValue(node: SyntaxNode): string | undefined {
  if (node.type === 'string') return literalContent(node, STRING_CONTENT);
  if (node.type === 'simple_symbol') return node.text.slice(1);
  // %w[traceparent tracestate]
  if (node.type === 'bare_string') return literalContent(node, STRING_CONTENT);
  return undefined;
}

function incomingHeaderUse(node: SyntaxNode, requestNames: ReadonlySet<string>): 'whole' | 'single' | 'keyed' | undefined {
  if (node.type !== 'call') return undefined;
  const method = node.childForFieldName('method')?.text;
  const receiver = node.childForFieldName('receiver');
  if ((method !== 'headers' && method !== 'env') || receiver?.type !== 'identifier' || !requestNames.has(receiver.text)) return undefined;
  const parent = node.parent;
  if (parent?.type === 'element_reference' && parent.namedChild(0)?.id === node.id) return keyKind(parent.namedChild(1));
  if (parent?.type === 'call' && parent.childForFieldName('receiver')?.id === node.id && parent.childForFieldName('method')?.text === 'fetch') {
    return keyKind(parent.childForFieldName('arguments')?.namedChild(0));
  }
  return 'whole';
}

function keyKind(key: SyntaxNode | null | undefined): 'single' | 'keyed' {
  return key && stringValue(key) !== undefined ? 'single' : 'keyed';
}

function outboundClient(call: CallView, clues: FileClues): string | undefined {
  const dot = call.path.lastIndexOf('.');
  if (dot < 0) return undefined;
  const receiver = call.path.slice(0, dot);
  const moduleVerbs = MODULE_CALLS[receiver];
  if (moduleVerbs?.has(call.method)) return receiver === 'Net.HTTP' ? 'Net::HTTP' : receiver;
  const known = clues.clientNames.get(receiver);
  if (known === 'Net::HTTP' && call.method === 'request') return known;
  if (known === 'Faraday' && VERBS.has(call.method)) return known;
  return undefined;
}

function handlerRequestNames(fn: FunctionView): readonly string[] | undefined {
  const node = fn.node;
  if (node.type === 'do_block' || node.type === 'block') {
    const call = node.parent;
    const first = call?.childForFieldName('arguments')?.namedChild(0);
    if (call?.type === 'call' && !call.childForFieldName('receiver') && ROUTE_VERBS.has(call.childForFieldName('method')?.text ?? '') && first?.type === 'string') return ['request'];
    return undefined;
  }
  if (node.type !== 'method') return undefined;
  let scope = node.parent;
  while (scope && scope.type !== 'class') scope = scope.parent;
  const superclass = scope?.childForFieldName('superclass')?.text ?? '';
  return superclass.endsWith('Controller') || superclass.endsWith('ControllerBase') ? ['request'] : undefined;
}

/** The node types `fileClues` looks at. */
const CLUE_TYPES: ReadonlySet<string> = new Set(['call']);

/** `get '/reviews/:id' do … end` → `GET /reviews/:id`. */
function routeLabel(fn: FunctionView): string | undefined {
  const call = fn.node.parent;
  const first = call?.childForFieldName('arguments')?.namedChild(0);
  const route = first ? stringValue(first) : undefined;
  return call?.type === 'call' && route !== undefined ? `${(call.childForFieldName('method')?.text ?? '').toUpperCase()} ${route}` : undefined;
}

function fileClues(nodes: readonly SyntaxNode[]): FileClues {
  const clientNames = new Map<string, string>();
  nodes.forEach(
    (node) => {
      if (node.type === 'call') {
        const view = readCall(node);
        const client = view?.path === 'Net.HTTP.new' || view?.path === 'Net.HTTP.start' ? 'Net::HTTP' : view?.path === 'Faraday.new' ? 'Faraday' : undefined;
        if (client) {
          const parent = node.parent;
          const target = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
          const name = target?.type === 'instance_variable' ? target.text : target?.text;
          if (name) clientNames.set(name, client);
          // Net::HTTP.start(host) do |http| … end
          const blockParam = node.childForFieldName('block')?.childForFieldName('parameters')?.namedChild(0)?.text;
          if (blockParam) clientNames.set(blockParam, client);
        }
      }
      return true;
    },
  );
  return { clientNames, uncoveredClientNames: new Set(), imports: new Set() };
}

export const RUBY_RULES: LanguageRules = {
  calls: CALLS,
  readCall,
  functions: new Set(['method', 'singleton_method', 'do_block', 'block']),
  readFunction,
  blocks: new Set(['body_statement', 'block_body', 'program', 'then', 'else', 'do']),
  evidenceTypes: new Set(['identifier', 'constant', 'instance_variable', 'call', 'string', 'simple_symbol', 'bare_string']),
  globalRequestNames: ['request'],
  memberNameFields: { call: 'method', scope_resolution: 'name' },
  identifiers: new Set(['identifier', 'constant', 'instance_variable']),
  stringValue,
  loopIterable(node) {
    if (node.type === 'for') return node.childForFieldName('value') ?? undefined;
    if (node.type === 'call' && (node.childForFieldName('method')?.text === 'each' || node.childForFieldName('method')?.text === 'each_with_object')) return node.childForFieldName('receiver') ?? undefined;
    return undefined;
  },
  assignments: { assignment: { target: 'left', value: 'right' }, operator_assignment: { target: 'left', value: 'right' } },
  incomingHeaderUse,
  derivesRequestContext: () => false,
  outboundClient,
  handlerRequestNames,
  routeLabel,
  instrumentationOf: () => [],
  coveredByInstrumentation: (_client, _evidence, instrumented) => instrumented.has('ruby-otel'),
  quickFix: rubyFixes,
  clueTypes: CLUE_TYPES,
  fileClues,
};
