import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { rootOf } from './fixText';

/**
 * Quick fixes for Python calls (requests, httpx, aiohttp): a `headers=` argument holding the configured
 * headers copied from the incoming request, merged with any headers already passed; or, when the
 * project depends on `opentelemetry-api`, the current context injected with `inject()`.
 */

/** The expression that makes a dict of the current context's trace headers (a lambda: no statement needed). */
export const INJECTED_CARRIER = '(lambda carrier: (inject(carrier), carrier)[1])({})';
const INJECT_MODULE = 'opentelemetry.propagate';

export function pythonFixes(request: FixRequest): LintFix[] {
  if (request.client === 'urllib') return [];
  const fixes: LintFix[] = [];
  const requestName = [...request.requestNames].find((name) => !name.includes(':'));
  if (requestName !== undefined) {
    const names = request.headers.map((name) => `"${name}"`).join(', ');
    const copy = `{k: v for k, v in ${requestName}.headers.items() if k.lower() in (${names})}`;
    const edits = withHeaders(request, copy);
    if (edits) fixes.push({ title: `Forward the trace headers from "${requestName}"`, edits });
  }
  if (request.dependsOnOtelApi) {
    const edits = withHeaders(request, INJECTED_CARRIER);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry propagate.inject)', edits: [...importInject(rootOf(request.call.node)), ...edits] });
  }
  return fixes;
}

function withHeaders(request: FixRequest, expression: string): LintTextEdit[] | undefined {
  const keyword = request.call.args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'headers');
  const value = keyword?.childForFieldName('value');
  if (value) return [{ startIndex: value.startIndex, endIndex: value.endIndex, newText: `{**(${value.text}), **${expression}}` }];
  const argumentList = request.call.node.childForFieldName('arguments');
  if (!argumentList || argumentList.type !== 'argument_list') return undefined;
  const close = argumentList.endIndex - 1;
  return [{ startIndex: close, endIndex: close, newText: `${request.call.args.length > 0 ? ', ' : ''}headers=${expression}` }];
}

/**
 * `from opentelemetry.propagate import inject` unless the module imports it already: after the last
 * top-level import, else after the docstring, else first (never before a docstring or a
 * `from __future__` import, which must come first).
 */
export function importInject(root: SyntaxNode): LintTextEdit[] {
  const statements = root.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const imported = statements.some(
    (statement) => statement.type === 'import_from_statement' && statement.childForFieldName('module_name')?.text === INJECT_MODULE && statement.childrenForFieldName('name').some((name) => name?.text === 'inject'),
  );
  if (imported) return [];
  const line = `from ${INJECT_MODULE} import inject`;
  const imports = statements.filter((statement) => statement.type === 'import_statement' || statement.type === 'import_from_statement' || statement.type === 'future_import_statement');
  const first = statements[0];
  const docstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first : undefined;
  const after = imports[imports.length - 1] ?? docstring;
  return [after ? { startIndex: after.endIndex, endIndex: after.endIndex, newText: `\n${line}` } : { startIndex: 0, endIndex: 0, newText: `${line}\n` }];
}
