import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { lineIndent, rootOf } from './fixText';
import { incomingContextOf, type GoParam } from './goGrpc';

/**
 * Quick fixes for Go net/http calls made with a request object (`client.Do(req)`): right after the
 * statement that builds `req` (and after its `if err != nil { … }` block), a loop copying the configured
 * headers from the incoming request; or, when the module requires `go.opentelemetry.io/otel`, the
 * current context injected with `otel.GetTextMapPropagator().Inject(…)`, imports added.
 *
 * For grpc-go stub calls (`inv.Reserve(ctx, …)`), right before the statement making the call: the
 * configured keys copied from the incoming metadata into the outgoing context, or the current context
 * injected into it (see `grpcFixes`).
 *
 * No fix is offered for `http.Get(url)`-style calls: they have no request object to add headers to, and
 * rewriting them into `NewRequestWithContext` + `Do` changes their error handling, which a reviewer
 * should see written out.
 */

const FUNCTION_TYPES: ReadonlySet<string> = new Set(['function_declaration', 'method_declaration', 'func_literal']);
const REQUEST_BUILDERS: ReadonlySet<string> = new Set(['http.NewRequest', 'http.NewRequestWithContext']);
const OTEL_IMPORTS: readonly string[] = ['go.opentelemetry.io/otel', 'go.opentelemetry.io/otel/propagation'];
const GRPC_METADATA = 'google.golang.org/grpc/metadata';

/** How the incoming request is reached from a handler parameter, by the parameter's type. */
const INCOMING_REQUEST: Readonly<Record<string, (name: string) => string>> = {
  '*http.Request': (name) => name,
  '*gin.Context': (name) => `${name}.Request`,
  'echo.Context': (name) => `${name}.Request()`,
};

export function goFixes(request: FixRequest): LintFix[] {
  if (request.client === 'grpc-go') return grpcFixes(request);
  if (request.client !== 'net/http' || request.call.method !== 'Do') return [];
  const outgoing = request.call.args[0];
  if (outgoing?.type !== 'identifier') return [];
  const fn = enclosingFunction(request.call.node);
  const built = fn ? requestStatement(fn, outgoing.text, request.call.node.startIndex) : undefined;
  if (!fn || !built) return [];
  const root = rootOf(fn);
  const indent = lineIndent(root.text, built.statement.startIndex);
  const at = built.insertAfter.endIndex;
  const params = parameters(fn);
  const fixes: LintFix[] = [];
  const incoming = params.map((param) => incomingRequest(param, request.requestNames)).find((expression) => expression !== undefined);
  if (incoming !== undefined) {
    const names = request.headers.map((name) => `"${name}"`).join(', ');
    const loop = [
      `for _, name := range []string{${names}} {`,
      `\tif value := ${incoming}.Header.Get(name); value != "" {`,
      `\t\t${outgoing.text}.Header.Set(name, value)`,
      '\t}',
      '}',
    ];
    fixes.push({ title: `Forward the trace headers from "${incoming}"`, edits: [{ startIndex: at, endIndex: at, newText: lines(loop, indent) }] });
  }
  if (request.dependsOnOtelApi) {
    // The incoming request's context carries the server span; deeper down, a context parameter is the
    // caller's (most often `r.Context()` handed on).
    // In a gRPC service method, its context (`ctx`, or a stream's `stream.Context()`).
    const context =
      incoming !== undefined ? `${incoming}.Context()` : (incomingContextOf(params, request.requestNames) ?? params.find((param) => param.type === 'context.Context' && param.name !== '_')?.name);
    if (context !== undefined) {
      const inject = `otel.GetTextMapPropagator().Inject(${context}, propagation.HeaderCarrier(${outgoing.text}.Header))`;
      fixes.push({
        title: 'Inject the current trace context (OpenTelemetry propagator)',
        edits: [...importEdits(root, OTEL_IMPORTS), { startIndex: at, endIndex: at, newText: lines([inject], indent) }],
      });
    }
  }
  return fixes;
}

function incomingRequest(param: GoParam, requestNames: ReadonlySet<string>): string | undefined {
  const reach = INCOMING_REQUEST[param.type];
  if (!reach) return undefined;
  const inScope = param.type === '*http.Request' ? requestNames.has(param.name) : requestNames.has(`ctx:${param.name}`);
  return inScope ? reach(param.name) : undefined;
}

/** Each line on its own line after the insertion point, at the statement's indentation. */
function lines(body: readonly string[], indent: string): string {
  return body.map((line) => `\n${indent}${line}`).join('');
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type)) return current;
  return undefined;
}

function parameters(fn: SyntaxNode): GoParam[] {
  const list = fn.childForFieldName('parameters');
  const params: GoParam[] = [];
  for (const declaration of list?.namedChildren ?? []) {
    const type = declaration?.childForFieldName('type')?.text ?? '';
    for (const name of declaration?.childrenForFieldName('name') ?? []) if (name) params.push({ name: name.text, type });
  }
  return params;
}

/**
 * The last statement before the call that binds `name` to `http.NewRequest…(…)`, and the node to insert
 * after: the statement, or the `if err != nil { … }` right after it.
 */
function requestStatement(fn: SyntaxNode, name: string, before: number): { statement: SyntaxNode; insertAfter: SyntaxNode } | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  let found: SyntaxNode | undefined;
  for (const statement of body.descendantsOfType(['short_var_declaration', 'assignment_statement'])) {
    if (!statement || statement.startIndex >= before) continue;
    const targets = statement.childForFieldName('left')?.namedChildren ?? [];
    const value = statement.childForFieldName('right')?.namedChild(0);
    const callee = value?.type === 'call_expression' ? value.childForFieldName('function')?.text ?? '' : '';
    if (targets[0]?.text === name && REQUEST_BUILDERS.has(callee) && enclosingFunction(statement)?.id === fn.id) found = statement;
  }
  // Inside an `if req, err := …; err == nil` header there is no statement list to insert into.
  if (!found || (found.parent?.type !== 'statement_list' && found.parent?.type !== 'block')) return undefined;
  const errName = found.childForFieldName('left')?.namedChildren[1]?.text;
  const next = found.nextNamedSibling;
  const condition = next?.type === 'if_statement' ? next.childForFieldName('condition') : undefined;
  const checksErr = condition?.type === 'binary_expression' && condition.childForFieldName('left')?.text === errName && condition.childForFieldName('right')?.type === 'nil';
  return { statement: found, insertAfter: checksErr && next ? next : found };
}

/** Adds the missing import paths to the file's grouped import, or as a new group after the package clause. */
function importEdits(root: SyntaxNode, paths: readonly string[]): LintTextEdit[] {
  const declarations = root.namedChildren.filter((child): child is SyntaxNode => child?.type === 'import_declaration');
  const present = new Set(declarations.flatMap((declaration) => declaration.descendantsOfType('import_spec')).map((spec) => spec?.childForFieldName('path')?.text.slice(1, -1)));
  const missing = paths.filter((path) => !present.has(path));
  if (missing.length === 0) return [];
  const group = declarations.map((declaration) => declaration.namedChildren.find((child) => child?.type === 'import_spec_list')).find((list) => list);
  if (group) {
    const close = group.endIndex - 1;
    const lineBreak = root.text[close - 1] === '\n' ? '' : '\n';
    return [{ startIndex: close, endIndex: close, newText: lineBreak + missing.map((path) => `\t"${path}"\n`).join('') }];
  }
  const anchor = declarations[declarations.length - 1] ?? root.namedChildren.find((child) => child?.type === 'package_clause');
  const at = anchor?.endIndex ?? 0;
  return [{ startIndex: at, endIndex: at, newText: `\n\nimport (\n${missing.map((path) => `\t"${path}"\n`).join('')})` }];
}

/**
 * Fixes for a grpc-go stub call whose context argument is a variable (`ctx`): the code goes right
 * before the statement making the call and reassigns that variable.
 *
 * Forwarding copies only the configured keys, not the whole incoming metadata
 * (`NewOutgoingContext(ctx, md)`): that would also hand the next service the caller's credentials
 * (`authorization`) and whatever else the caller sent, which a one-click fix must not decide. It is
 * offered only in the gRPC service method itself, whose context (`ctx`, or a streaming method's
 * `stream.Context()`) holds the incoming metadata; a helper's context may come from an HTTP handler,
 * where `FromIncomingContext` finds nothing. A stub handed `stream.Context()` itself gets no fix: it
 * would need a new context variable, and picking its name and scope is the reviewer's call.
 *
 * Both fixes merge into the outgoing metadata with `Set` rather than `AppendToOutgoingContext`, so
 * running twice on one context (in a loop, or in two helpers) does not send a header twice: two
 * `traceparent` values are invalid and would restart the trace. No fix inside a function literal: it
 * would reassign a context captured from the enclosing function, a data race when run as a goroutine.
 */
function grpcFixes(request: FixRequest): LintFix[] {
  const contextArg = request.call.args[0];
  if (contextArg?.type !== 'identifier' || contextArg.text === '_') return [];
  const fn = enclosingFunction(request.call.node);
  const statement = fn && fn.type !== 'func_literal' ? enclosingStatement(request.call.node, fn) : undefined;
  if (!fn || !statement) return [];
  const root = rootOf(fn);
  const indent = lineIndent(root.text, statement.startIndex);
  // The statement must start its line: the fix's lines go in front of it.
  if (root.text.lastIndexOf('\n', statement.startIndex - 1) + 1 + indent.length !== statement.startIndex) return [];
  const metadata = importedName(root, GRPC_METADATA);
  if (metadata === undefined) return [];
  const at = statement.startIndex;
  const ctx = contextArg.text;
  const params = parameters(fn);
  // The service method's incoming context: `ctx`, or `stream.Context()` in a streaming method.
  const incoming = incomingContextOf(params, request.requestNames);
  // The span to inject: the service method's incoming context, or in a helper its context parameter.
  const source = incoming ?? (params.find((param) => param.name === ctx && param.type === 'context.Context') ?? params.find((param) => param.type === 'context.Context' && param.name !== '_'))?.name;
  // The fix's own variables, renamed where a context, a parameter or the package goes by the same name.
  const taken = new Set([ctx, metadata, ...params.map((param) => param.name)]);
  const local = (name: string): string => (taken.has(name) ? `${name}MD` : name);
  const outgoingMD = local('outgoing');
  const mergeInto = (set: string[]): string[] => [
    `${outgoingMD}, _ := ${metadata}.FromOutgoingContext(${ctx})`,
    `${outgoingMD} = ${outgoingMD}.Copy()`,
    ...set,
    `${ctx} = ${metadata}.NewOutgoingContext(${ctx}, ${outgoingMD})`,
  ];
  const fixes: LintFix[] = [];
  if (incoming !== undefined) {
    const names = request.headers.map((name) => `"${name}"`).join(', ');
    const [incomingMD, ok, name, values] = [local('incoming'), local('ok'), local('name'), local('values')];
    const code = [
      `if ${incomingMD}, ${ok} := ${metadata}.FromIncomingContext(${incoming}); ${ok} {`,
      ...indented(mergeInto([
        `for _, ${name} := range []string{${names}} {`,
        `\tif ${values} := ${incomingMD}.Get(${name}); len(${values}) > 0 {`,
        `\t\t${outgoingMD}.Set(${name}, ${values}...)`,
        '\t}',
        '}',
      ])),
      '}',
    ];
    fixes.push({ title: 'Forward the trace headers from the incoming gRPC metadata', edits: [...importEdits(root, [GRPC_METADATA]), before(at, code, indent)] });
  }
  if (request.dependsOnOtelApi && source !== undefined) {
    // A bare block keeps `carrier` and `outgoing` from clashing with the function's own names.
    const [carrier, key, value] = [local('carrier'), local('key'), local('value')];
    const code = [
      '{',
      ...indented([
        `${carrier} := propagation.MapCarrier{}`,
        `otel.GetTextMapPropagator().Inject(${source}, ${carrier})`,
        ...mergeInto([`for ${key}, ${value} := range ${carrier} {`, `\t${outgoingMD}.Set(${key}, ${value})`, '}']),
      ]),
      '}',
    ];
    fixes.push({
      title: 'Inject the current trace context (OpenTelemetry propagator)',
      edits: [...importEdits(root, [...OTEL_IMPORTS, GRPC_METADATA]), before(at, code, indent)],
    });
  }
  return fixes;
}

function indented(body: readonly string[]): string[] {
  return body.map((line) => `\t${line}`);
}

/** An insertion of `body` in front of the statement at `at`, which keeps its place and indentation. */
function before(at: number, body: readonly string[], indent: string): LintTextEdit {
  return { startIndex: at, endIndex: at, newText: body.map((line) => `${line}\n${indent}`).join('') };
}

/** The statement of `fn`'s body that holds `node`. */
function enclosingStatement(node: SyntaxNode, fn: SyntaxNode): SyntaxNode | undefined {
  for (let current: SyntaxNode | null = node; current && current.id !== fn.id; current = current.parent) {
    const parent = current.parent;
    if (parent?.type === 'statement_list' || parent?.type === 'block') return current;
  }
  return undefined;
}

/**
 * The name the file uses for an imported package: its alias, else the path's last segment; the
 * last segment too when it is not imported yet (the fix adds it). Undefined for blank and dot imports.
 */
function importedName(root: SyntaxNode, path: string): string | undefined {
  const spec = root.descendantsOfType('import_spec').find((candidate) => candidate?.childForFieldName('path')?.text.slice(1, -1) === path);
  const alias = spec?.childForFieldName('name')?.text;
  if (alias === '_' || alias === '.') return undefined;
  return alias ?? path.slice(path.lastIndexOf('/') + 1);
}
