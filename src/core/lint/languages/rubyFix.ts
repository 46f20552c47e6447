import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { lineIndent, rootOf } from './fixText';

/**
 * Quick fixes for Ruby calls: the configured headers copied from the incoming request (Rails
 * `request.headers[name]`, Sinatra/Rack `request.env["HTTP_…"]`) into HTTParty's `headers:` option,
 * the headers argument of Faraday and `Net::HTTP.post`, or a Net::HTTP request object
 * (`req[name] = …` right after `req` is built); or, when the Gemfile has `opentelemetry-api`/`-sdk`,
 * the context injected with `OpenTelemetry.propagation.inject`.
 *
 * No fix for `Net::HTTP.get(uri)` (it takes headers only from Ruby 3.0) or `post_form`, calls without
 * parentheses, nor where `request` is not known to be in scope (a plain service object).
 */

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['method', 'singleton_method', 'do_block', 'block']);
const STATEMENT_LISTS: ReadonlySet<string> = new Set(['body_statement', 'block_body', 'program', 'then', 'else', 'do', 'begin_block']);
const ROUTE_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete']);
/** Faraday's verbs take `(url, params_or_body, headers)`, as does `Net::HTTP.post(url, data, header)` (Ruby 2.4+). */
const HEADERS_INDEX = 2;
const INJECTED_HASH = '{}.tap { |carrier| OpenTelemetry.propagation.inject(carrier) }';

type Framework = 'rails' | 'rack';

export function rubyFixes(request: FixRequest): LintFix[] {
  const framework = request.requestNames.has('request') ? frameworkAround(request.call.node) : undefined;
  const names = `%w[${request.headers.join(' ')}]`;
  const fixes: LintFix[] = [];
  if (framework !== undefined) {
    const read = (key: string) => (framework === 'rails' ? `request.headers[${key}]` : `request.env["HTTP_#{${key}.upcase.tr('-', '_')}"]`);
    const edits = sendsRequestObject(request)
      ? afterRequestObject(request, (target, value) => [`${names}.each do |name|`, `  ${value} = ${read('name')}`, `  ${target}[name] = ${value} if ${value}`, 'end'])
      : withHeaders(request, `${names}.to_h { |name| [name, ${read('name')}] }.compact`);
    if (edits) fixes.push({ title: `Forward the trace headers from "${framework === 'rails' ? 'request.headers' : 'request.env'}"`, edits });
  }
  if (request.dependsOnOtelApi) {
    const edits = sendsRequestObject(request)
      ? afterRequestObject(request, (target) => [`OpenTelemetry.propagation.inject(${target})`])
      : withHeaders(request, INJECTED_HASH);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry.propagation.inject)', edits: [...requireOtel(rootOf(request.call.node)), ...edits] });
  }
  return fixes;
}

/** `http.request(req)` on a Net::HTTP connection. */
function sendsRequestObject(request: FixRequest): boolean {
  return request.client === 'Net::HTTP' && request.call.method === 'request';
}

/** Rails inside a controller class; Sinatra/Rack inside a route block or a `Sinatra::Base` app. */
function frameworkAround(node: SyntaxNode): Framework | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'class') {
      const superclass = current.childForFieldName('superclass')?.text ?? '';
      if (superclass.endsWith('Controller') || superclass.endsWith('ControllerBase')) return 'rails';
      if (superclass.includes('Sinatra::')) return 'rack';
      return undefined;
    }
    if (current.type === 'do_block' || current.type === 'block') {
      const route = current.parent;
      const first = route?.childForFieldName('arguments')?.namedChild(0);
      if (route?.type === 'call' && !route.childForFieldName('receiver') && ROUTE_VERBS.has(route.childForFieldName('method')?.text ?? '') && first?.type === 'string') return 'rack';
    }
  }
  return undefined;
}

/**
 * HTTParty's `headers:` option, or the headers argument of Faraday and `Net::HTTP.post`, merged with
 * what is already passed.
 */
function withHeaders(request: FixRequest, hash: string): LintTextEdit[] | undefined {
  const list = request.call.node.childForFieldName('arguments');
  // Without parentheses a `{ … }` block would bind to the appended hash instead of the call.
  if (!list || !list.text.startsWith('(')) return undefined;
  const args = list.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment' && child.type !== 'block_argument');
  const close = list.endIndex - 1;
  if (request.client === 'HTTParty') {
    const options = args.filter((arg) => arg.type === 'pair');
    const inHash = args[1]?.type === 'hash' ? args[1].namedChildren.filter((child): child is SyntaxNode => child?.type === 'pair') : undefined;
    const pairs = inHash ?? options;
    const headers = pairs.find((pair) => keyName(pair.childForFieldName('key')) === 'headers')?.childForFieldName('value');
    if (headers) return [merge(headers, hash)];
    if (inHash && args[1]) {
      const last = inHash[inHash.length - 1];
      if (last) return [{ startIndex: last.endIndex, endIndex: last.endIndex, newText: `, headers: ${hash}` }];
      const brace = args[1].endIndex - 1;
      return [{ startIndex: brace, endIndex: brace, newText: ` headers: ${hash} ` }];
    }
    if (args.length === 0 || (args.length > 1 && options.length === 0)) return undefined;
    return [{ startIndex: close, endIndex: close, newText: `, headers: ${hash}` }];
  }
  const faraday = request.client === 'Faraday' && request.call.method !== 'run_request';
  if (!faraday && request.call.path !== 'Net.HTTP.post') return undefined;
  const firstPair = args.findIndex((arg) => arg.type === 'pair');
  if (firstPair >= 0) {
    // Trailing `key => value` pairs form one braceless hash argument: only at the headers position.
    const first = args[firstPair];
    const last = args[args.length - 1];
    if (firstPair !== HEADERS_INDEX || !first || !last) return undefined;
    const pairs = list.text.slice(first.startIndex - list.startIndex, last.endIndex - list.startIndex);
    return [{ startIndex: first.startIndex, endIndex: last.endIndex, newText: `{ ${pairs} }.merge(${hash})` }];
  }
  const existing = args[HEADERS_INDEX];
  if (existing) return existing.type === 'nil' ? [{ startIndex: existing.startIndex, endIndex: existing.endIndex, newText: hash }] : [merge(existing, hash)];
  // Faraday's params/body may be left nil; Net::HTTP.post needs its data.
  if (args.length === 0 || (!faraday && args.length < HEADERS_INDEX)) return undefined;
  return [{ startIndex: close, endIndex: close, newText: `${', nil'.repeat(HEADERS_INDEX - args.length)}, ${hash}` }];
}

/** `value.merge(hash)`, parenthesized unless `value` is a simple expression. */
function merge(value: SyntaxNode, hash: string): LintTextEdit {
  // A call without parentheses (`build_headers arg`) would take `.merge` into its last argument.
  const bareCall = value.type === 'call' && value.childForFieldName('arguments')?.text.startsWith('(') === false;
  const simple = ['identifier', 'hash', 'call', 'element_reference', 'instance_variable', 'constant'].includes(value.type) && !bareCall;
  return { startIndex: value.startIndex, endIndex: value.endIndex, newText: `${simple ? value.text : `(${value.text})`}.merge(${hash})` };
}

function keyName(key: SyntaxNode | null): string | undefined {
  if (key?.type === 'hash_key_symbol') return key.text;
  if (key?.type === 'simple_symbol') return key.text.slice(1);
  return undefined;
}

/**
 * `http.request(req)`: lines inserted right after the statement that builds `req`
 * (`req = Net::HTTP::Get.new(uri)`), at its indentation. `body(target, local)` gives the lines.
 */
function afterRequestObject(request: FixRequest, body: (target: string, local: string) => readonly string[]): LintTextEdit[] | undefined {
  const target = request.call.args[0];
  if (request.call.method !== 'request' || target?.type !== 'identifier') return undefined;
  let fn: SyntaxNode | null = request.call.node.parent;
  while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
  if (!fn) return undefined;
  let built: SyntaxNode | undefined;
  for (const assignment of fn.descendantsOfType('assignment')) {
    const value = assignment?.childForFieldName('right');
    const isNew = value?.type === 'call' && value.childForFieldName('method')?.text === 'new' && (value.childForFieldName('receiver')?.text ?? '').startsWith('Net::HTTP::');
    if (assignment && isNew && assignment.childForFieldName('left')?.text === target.text && assignment.startIndex < request.call.node.startIndex) built = assignment;
  }
  if (!built || !STATEMENT_LISTS.has(built.parent?.type ?? '')) return undefined;
  // A block assigning to `value` would overwrite a local of that name in the enclosing method.
  const local = fn.descendantsOfType('identifier').some((node) => node?.text === 'value') ? 'header_value' : 'value';
  const indent = lineIndent(rootOf(fn).text, built.startIndex);
  return [{ startIndex: built.endIndex, endIndex: built.endIndex, newText: body(target.text, local).map((line) => `\n${indent}${line}`).join('') }];
}

/** `require 'opentelemetry'` after the file's last top-level require, unless it is required already. */
function requireOtel(root: SyntaxNode): LintTextEdit[] {
  const requires = root.namedChildren.filter((child): child is SyntaxNode => child?.type === 'call' && child.childForFieldName('method')?.text === 'require' && !child.childForFieldName('receiver'));
  if (requires.some((call) => (call.childForFieldName('arguments')?.namedChild(0)?.text ?? '').slice(1).startsWith('opentelemetry'))) return [];
  const last = requires[requires.length - 1];
  return last ? [{ startIndex: last.endIndex, endIndex: last.endIndex, newText: "\nrequire 'opentelemetry'" }] : [{ startIndex: 0, endIndex: 0, newText: "require 'opentelemetry'\n\n" }];
}
