import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';

/**
 * Quick fixes for Python calls (requests, httpx, aiohttp): a `headers=` argument holding the configured
 * headers copied from the incoming request, merged with any headers already passed; or, when the
 * project depends on `opentelemetry-api`, the current context injected with `inject()`.
 */

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
    const injected = '(lambda carrier: (inject(carrier), carrier)[1])({})';
    const edits = withHeaders(request, injected);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry propagate.inject)', edits: [{ startIndex: 0, endIndex: 0, newText: 'from opentelemetry.propagate import inject\n' }, ...edits] });
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
