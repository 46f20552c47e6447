import type { Node as SyntaxNode } from 'web-tree-sitter';
import type { FixRequest } from '../languageRules';
import type { LintFix, LintTextEdit } from '../lintTypes';
import { rootOf } from './fixText';

/**
 * Quick fixes for TypeScript/JavaScript calls: add the configured headers, copied from the incoming
 * request in scope, to the call's options (`{ headers: { … } }`); or, when the project depends on
 * `@opentelemetry/api`, inject the active context. Both keep the code parseable and typed.
 */

/** Where each client takes its options object (argument index). */
const OPTIONS_INDEX: Readonly<Record<string, number>> = { get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2 };

export function typescriptFixes(request: FixRequest): LintFix[] {
  const fixes: LintFix[] = [];
  const requestName = [...request.requestNames].find((name) => !name.includes(':'));
  if (requestName !== undefined) {
    const names = request.headers.map((name) => `'${name}'`).join(', ');
    const spread = `...Object.fromEntries([${names}].flatMap((name) => { const value = ${requestName}.headers[name]; return typeof value === 'string' ? [[name, value] as const] : []; }))`;
    const edits = addHeaders(request, spread);
    if (edits) fixes.push({ title: `Forward the trace headers from "${requestName}"`, edits });
  }
  if (request.dependsOnOtelApi) {
    const spread = `...(() => { const carrier: Record<string, string> = {}; propagation.inject(context.active(), carrier); return carrier; })()`;
    const edits = addHeaders(request, spread);
    const root = rootOf(request.call.node);
    if (edits) fixes.push({ title: 'Inject the current trace context (OpenTelemetry propagation API)', edits: [...importOtel(root), ...edits] });
  }
  return fixes;
}

function addHeaders(request: FixRequest, spread: string): LintTextEdit[] | undefined {
  const { call } = request;
  const index = call.path.includes('.') ? OPTIONS_INDEX[call.method] ?? 1 : 1;
  const options = call.args[index];
  if (options === undefined) {
    if (call.args.length !== index) return undefined;
    const argumentList = call.node.childForFieldName('arguments');
    if (!argumentList) return undefined;
    const close = argumentList.endIndex - 1;
    return [{ startIndex: close, endIndex: close, newText: `${index === 0 ? '' : ', '}{ headers: { ${spread} } }` }];
  }
  if (options.type !== 'object') return undefined;
  const headersPair = options.namedChildren.find((child) => child?.type === 'pair' && keyText(child.childForFieldName('key')) === 'headers');
  if (!headersPair) return [{ startIndex: options.startIndex + 1, endIndex: options.startIndex + 1, newText: ` headers: { ${spread} },` }];
  const value = headersPair.childForFieldName('value');
  if (!value) return undefined;
  if (value.type === 'object') return [{ startIndex: value.startIndex + 1, endIndex: value.startIndex + 1, newText: ` ${spread},` }];
  return [{ startIndex: value.startIndex, endIndex: value.endIndex, newText: `{ ...${value.text}, ${spread} }` }];
}

function keyText(key: SyntaxNode | null): string | undefined {
  if (!key) return undefined;
  if (key.type === 'string') return key.text.slice(1, -1);
  return key.text;
}


/** `import { context, propagation } from '@opentelemetry/api';` unless the file already imports both. */
function importOtel(root: SyntaxNode): LintTextEdit[] {
  for (let i = 0; i < root.namedChildCount; i++) {
    const statement = root.namedChild(i);
    if (statement?.type === 'import_statement' && statement.childForFieldName('source')?.text.includes('@opentelemetry/api')) {
      const text = statement.text;
      if (text.includes('propagation') && text.includes('context')) return [];
    }
  }
  return [{ startIndex: 0, endIndex: 0, newText: "import { context, propagation } from '@opentelemetry/api';\n" }];
}
