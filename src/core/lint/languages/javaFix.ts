import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { lineIndent, rootOf } from './fixText';

/**
 * Quick fixes for Java clients whose request is built in a chain:
 * - WebClient: `.headers(traceHeaders -> { … })` right after `.uri(…)` (or after `get()` when there is no `.uri`).
 * - java.net.http and OkHttp: the request builder (lifted into a local when it is built inline), then
 *   the headers set on it before `.build()`.
 * Each either copies the configured headers from the incoming request parameter (`HttpServletRequest`,
 * WebFlux `ServerHttpRequest`, Spring `@RequestHeader HttpHeaders`, JAX-RS `@Context HttpHeaders`) or,
 * when the build depends on `io.opentelemetry:opentelemetry-api`, injects the current context with the
 * global propagator.
 *
 * No fix for RestTemplate (its idiom is a `ClientHttpRequestInterceptor` on the bean, a design change,
 * and `getForObject` has no headers argument) nor for the JAX-RS client.
 */

const STATEMENT_PARENTS: ReadonlySet<string> = new Set(['block', 'constructor_body', 'switch_block_statement_group']);
const BUILDER_TYPES: Readonly<Record<string, string>> = { 'java.net.http': 'HttpRequest.Builder', OkHttp: 'Request.Builder' };
/** Methods that return a new builder: `HttpRequest.newBuilder(…)`, OkHttp's `request.newBuilder()`, `builder.copy()`. */
const FRESH_BUILDERS: ReadonlySet<string> = new Set(['newBuilder', 'copy']);
const PROPAGATOR = 'GlobalOpenTelemetry.getPropagators().getTextMapPropagator()';

/** Reads one incoming header by a `String` variable, as an expression that is null when absent. */
type HeaderReader = (key: string) => string;

export function javaFixes(request: FixRequest): LintFix[] {
  const method = enclosingMethod(request.call.node);
  if (!method) return [];
  const incoming = incomingReader(method, request.requestNames);
  const taken = method.descendantsOfType('identifier').map((node) => node?.text);
  const root = rootOf(method);
  const headerList = request.headers.map((name) => `"${name}"`).join(', ');
  const fixes: LintFix[] = [];
  const build = request.client === 'WebClient' ? webClientFix : request.client in BUILDER_TYPES ? builderFix : undefined;
  if (!build) return [];
  if (incoming) {
    const fresh = freshNames(taken);
    const edits = build(request, root, fresh, (carrier, set, unit) => {
      const header = fresh('traceHeader');
      const value = fresh('traceValue');
      return [
        `for (String ${header} : new String[] {${headerList}}) {`,
        `${unit}String ${value} = ${incoming.read(header)};`,
        `${unit}if (${value} != null) {`,
        `${unit}${unit}${set(carrier, header, value)};`,
        `${unit}}`,
        '}',
      ];
    });
    if (edits) fixes.push({ title: `Forward the trace headers from "${incoming.label}"`, edits });
  }
  if (request.dependsOnOtelApi) {
    const imports = otelImports(root, request.client === 'WebClient' ? ['org.springframework.http.HttpHeaders'] : []);
    const edits = build(request, root, freshNames(taken), (carrier, _set, _unit, setter) => [`${PROPAGATOR}.inject(${imports.context}.current(), ${carrier}, ${setter});`]);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry propagator)', edits: [...imports.edits, ...edits] });
  }
  return fixes;
}

/**
 * Statement lines that put headers on `carrier`, nested blocks indented by `unit`; `set` spells one
 * `carrier.set(name, value)` call, `setter` the same as a method reference (`HttpHeaders::set`).
 */
type HeaderLines = (carrier: string, set: (carrier: string, name: string, value: string) => string, unit: string, setter: string) => readonly string[];
type FixBuilder = (request: FixRequest, root: SyntaxNode, fresh: (base: string) => string, lines: HeaderLines) => LintTextEdit[] | undefined;

/** WebClient: `.headers(traceHeaders -> { … })` in the chain, after `.uri(…)` when there is one. */
const webClientFix: FixBuilder = (request, _root, fresh, lines) => {
  let anchor = request.call.node;
  for (let current = anchor; current.parent?.type === 'method_invocation' && current.parent.childForFieldName('object')?.id === current.id; current = current.parent) {
    if (current.parent.childForFieldName('name')?.text === 'uri') {
      anchor = current.parent;
      break;
    }
  }
  const carrier = fresh('traceHeaders');
  const body = lines(carrier, (target, name, value) => `${target}.set(${name}, ${value})`, '', 'HttpHeaders::set').join(' ');
  return [{ startIndex: anchor.endIndex, endIndex: anchor.endIndex, newText: `.headers(${carrier} -> { ${body} })` }];
};

/**
 * java.net.http / OkHttp: finds the `….build()` that makes the request (the call's argument, or the
 * initializer of the local it names) and sets the headers on its builder just before the statement
 * holding it; an inline builder chain is first lifted into a local.
 */
const builderFix: FixBuilder = (request, root, fresh, lines) => {
  const built = buildCallOf(request.call.args[0], request.call.node);
  const builder = built?.childForFieldName('object');
  const statement = built ? enclosingStatement(built) : undefined;
  if (!built || !builder || !statement) return undefined;
  const text = root.text;
  const indent = lineIndent(text, statement.startIndex);
  const outer = statement.parent ? lineIndent(text, statement.parent.startIndex) : '';
  const unit = indent.startsWith(outer) && indent.length > outer.length ? indent.slice(outer.length) : '    ';
  const edits: LintTextEdit[] = [];
  let carrier = builder.text;
  let type = BUILDER_TYPES[request.client] ?? '';
  const before: string[] = [];
  if (builder.type === 'identifier') {
    // Only a builder local to this method: headers added to a shared one would pile up across calls.
    const declared = localType(builder.text, built);
    if (declared === undefined) return undefined;
    if (declared !== 'var') type = declared;
  } else {
    const start = chainStart(builder);
    if (!start) return undefined;
    carrier = fresh('outgoing');
    if (start.type === 'object_creation_expression') type = start.childForFieldName('type')?.text ?? type;
    before.push(`${type} ${carrier} = ${builder.text};`);
    edits.push({ startIndex: builder.startIndex, endIndex: builder.endIndex, newText: carrier });
  }
  before.push(...lines(carrier, (target, name, value) => `${target}.header(${name}, ${value})`, unit, `${type}::header`));
  edits.push({ startIndex: statement.startIndex, endIndex: statement.startIndex, newText: before.map((line) => `${line}\n${indent}`).join('') });
  return edits;
};

/**
 * The innermost expression of a builder chain when it makes a fresh builder (`new Request.Builder()`,
 * `HttpRequest.newBuilder(…)`, `request.newBuilder()`, `builder.copy()`); undefined when the chain
 * starts from a variable or field that may be shared.
 */
function chainStart(chain: SyntaxNode): SyntaxNode | undefined {
  let current = chain;
  while (current.type === 'method_invocation') {
    const object = current.childForFieldName('object');
    if (!object) return undefined;
    if (object.type === 'identifier') return FRESH_BUILDERS.has(current.childForFieldName('name')?.text ?? '') ? current : undefined;
    current = object;
  }
  return current.type === 'object_creation_expression' ? current : undefined;
}

/** The declared type of the local `name` of the method around `usedAt`, or undefined when it is no local. */
function localType(name: string, usedAt: SyntaxNode): string | undefined {
  const method = enclosingMethod(usedAt);
  const declarator = (method?.descendantsOfType('variable_declarator') ?? []).find((node) => node !== null && node.startIndex < usedAt.startIndex && node.childForFieldName('name')?.text === name);
  return declarator?.parent?.type === 'local_variable_declaration' ? declarator.parent.childForFieldName('type')?.text : undefined;
}

/** The `.build()` call making the request: `arg` itself, or the initializer of the local `arg` names. */
function buildCallOf(arg: SyntaxNode | undefined, call: SyntaxNode): SyntaxNode | undefined {
  if (!arg) return undefined;
  if (isBuild(arg)) return arg;
  if (arg.type !== 'identifier') return undefined;
  const method = enclosingMethod(call);
  let found: SyntaxNode | undefined;
  for (const declarator of method?.descendantsOfType('variable_declarator') ?? []) {
    if (declarator && declarator.startIndex < call.startIndex && declarator.childForFieldName('name')?.text === arg.text) found = declarator.childForFieldName('value') ?? undefined;
  }
  return found && isBuild(found) ? found : undefined;
}

function isBuild(node: SyntaxNode): boolean {
  return node.type === 'method_invocation' && node.childForFieldName('name')?.text === 'build' && node.childForFieldName('arguments')?.namedChildCount === 0 && node.childForFieldName('object') !== null;
}

/**
 * The statement directly in a block that holds `node`. Undefined when a lambda or a brace-less statement
 * (`for (…) send(…);`) lies between: lines inserted before it would run outside that scope.
 */
function enclosingStatement(node: SyntaxNode): SyntaxNode | undefined {
  for (let current: SyntaxNode | null = node; current?.parent; current = current.parent) {
    if (current.type === 'lambda_expression') return undefined;
    if (STATEMENT_PARENTS.has(current.parent.type)) return current;
    if (current.type.endsWith('_statement') || current.type === 'local_variable_declaration') return undefined;
  }
  return undefined;
}

function enclosingMethod(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'method_declaration' || current.type === 'constructor_declaration') return current;
  return undefined;
}

/** The handler parameter holding the incoming request, and how to read one header from it. */
function incomingReader(method: SyntaxNode, requestNames: ReadonlySet<string>): { label: string; read: HeaderReader } | undefined {
  for (const param of method.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = param?.childForFieldName('name')?.text;
    const type = param?.childForFieldName('type')?.text ?? '';
    if (!param || name === undefined) continue;
    if (requestNames.has(name) && type === 'HttpServletRequest') return { label: name, read: (key) => `${name}.getHeader(${key})` };
    if (requestNames.has(name)) return { label: name, read: (key) => `${name}.getHeaders().getFirst(${key})` };
    if (requestNames.has(`headers:${name}`)) {
      const jaxRs = param.namedChildren.find((child) => child?.type === 'modifiers')?.text.includes('@Context') === true;
      return { label: name, read: (key) => (jaxRs ? `${name}.getHeaderString(${key})` : `${name}.getFirst(${key})`) };
    }
  }
  return undefined;
}

/**
 * Imports for the inject fix. A file that already imports another `Context` (JAX-RS's annotation) gets
 * the OpenTelemetry one fully qualified instead.
 */
function otelImports(root: SyntaxNode, extra: readonly string[]): { edits: LintTextEdit[]; context: string } {
  const imports = root.namedChildren.filter((child): child is SyntaxNode => child?.type === 'import_declaration');
  const imported = new Set(imports.map((node) => {
    const name = node.namedChildren.find((child) => child?.type === 'scoped_identifier')?.text ?? '';
    return node.namedChildren.some((child) => child?.type === 'asterisk') ? `${name}.*` : name;
  }));
  const has = (name: string) => imported.has(name) || imported.has(`${name.slice(0, name.lastIndexOf('.'))}.*`);
  const otherContext = [...imported].some((name) => name.endsWith('.Context') && name !== 'io.opentelemetry.context.Context');
  const wanted = ['io.opentelemetry.api.GlobalOpenTelemetry', ...(otherContext ? [] : ['io.opentelemetry.context.Context']), ...extra].filter((name) => !has(name));
  const context = otherContext ? 'io.opentelemetry.context.Context' : 'Context';
  if (wanted.length === 0) return { edits: [], context };
  const anchor = imports[imports.length - 1] ?? root.namedChildren.find((child) => child?.type === 'package_declaration');
  const text = wanted.map((name) => `import ${name};`).join('\n');
  if (!anchor) return { edits: [{ startIndex: 0, endIndex: 0, newText: `${text}\n\n` }], context };
  return { edits: [{ startIndex: anchor.endIndex, endIndex: anchor.endIndex, newText: `\n${anchor.type === 'package_declaration' ? '\n' : ''}${text}` }], context };
}

/** Hands out local names that clash neither with `taken` nor with each other (`traceHeader2`). */
function freshNames(taken: readonly (string | undefined)[]): (base: string) => string {
  const used = new Set(taken);
  return (base) => {
    let name = base;
    for (let suffix = 2; used.has(name); suffix++) name = `${base}${suffix}`;
    used.add(name);
    return name;
  };
}
