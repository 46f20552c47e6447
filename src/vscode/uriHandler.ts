import * as vscode from 'vscode';
import { extractTraceIds } from '../core/traceIdInput';
import { revealSpanSource } from './goToSource';
import { openTracesById } from './openTraceById';
import type { HandlerTraceServices } from './findTracesForHandler';

/**
 * `vscode://trace-lens.trace-lens/open?traceId=…[&spanId=…]`: a browser UI or a chat message opens a
 * trace in the editor (through the same path as "Open Trace…"); with a span id, the span's code is opened
 * too when the workspace has it. The link is untrusted input: only ids are read from it.
 */
export function registerUriHandler(context: vscode.ExtensionContext, services: HandlerTraceServices): void {
  context.subscriptions.push(vscode.window.registerUriHandler({ handleUri: (uri) => handleTraceUri(services, uri) }));
}

async function handleTraceUri(services: HandlerTraceServices, uri: vscode.Uri): Promise<void> {
  const query = new URLSearchParams(uri.query);
  const traceText = query.get('traceId') ?? '';
  if (uri.path !== '/open' || traceText === '') {
    void vscode.window.showErrorMessage(`Trace Lens: cannot open ${uri.path}: a link must look like ${vscode.env.uriScheme}://${uri.authority}/open?traceId=…&spanId=…`);
    return;
  }
  const ids = extractTraceIds(traceText).ids;
  if (ids.length === 0) {
    void vscode.window.showErrorMessage(`Trace Lens: "${traceText.slice(0, 80)}" is not a trace id.`);
    return;
  }
  await openTracesById(services, ids);
  const spanId = query.get('spanId')?.toLowerCase();
  if (!spanId) return;
  const fetched = await services.cache.fetch(ids[0] ?? '');
  if (!fetched.ok) return;
  const span = fetched.value.spans.find((candidate) => candidate.spanId === spanId || candidate.spanId === spanId.padStart(16, '0'));
  if (span) await revealSpanSource(services, span, fetched.value);
  else void vscode.window.showWarningMessage(`Trace Lens: trace ${ids[0]} has no span ${spanId}.`);
}
