import * as vscode from 'vscode';
import { handlerAtLine, operationOfHandler, serviceOfPath, summarizeTraffic, type HandlerTraffic } from '../core/source/handlerTraffic';
import type { SourceHandler } from '../core/source/handlerTypes';
import { formatDurationUs } from '../core/waterfallLayout';
import type { TraceSearchHit } from '../jaeger/backendTypes';
import { registerCommand, type HandlerTarget } from './commands';
import { showConnectionFailure } from './connectionErrors';
import { Command } from './contributions';
import { openTracesById, type BackendServices } from './openTraceById';
import type { SourceIndexService } from './sourceIndexService';

export interface HandlerTraceServices extends BackendServices {
  readonly sourceIndex: SourceIndexService;
}

/** The window searched for a handler's traces, in microseconds, and how a lens names it. */
export const HANDLER_WINDOW_US = 60 * 60 * 1_000_000;
export const HANDLER_WINDOW_LABEL = 'last hour';
const HANDLER_SEARCH_LIMIT = 50;

/** What to search for: the handler's service and span name. */
export interface HandlerSearch {
  readonly handler: SourceHandler;
  readonly service: string | undefined;
  readonly operation: string;
}

export async function handlerSearchOf(services: HandlerTraceServices, uri: vscode.Uri, handler: SourceHandler): Promise<HandlerSearch> {
  const path = services.sourceIndex.pathOf(uri) ?? '';
  const service = serviceOfPath(path, await services.sourceIndex.index(), services.sourceIndex.matchOptions()) ?? vscode.workspace.getWorkspaceFolder(uri)?.name;
  return { handler, service, operation: operationOfHandler(handler) };
}

/** Searches the backend for the handler's recent traces; a failure is returned as a value. */
export async function searchHandlerTraces(services: HandlerTraceServices, search: HandlerSearch, signal?: AbortSignal): Promise<{ ok: true; hits: TraceSearchHit[]; traffic: HandlerTraffic; limited: boolean } | { ok: false; failure: Parameters<typeof showConnectionFailure>[0] }> {
  const opened = await services.connection.getBackend(signal);
  if (!opened.ok) return { ok: false, failure: opened };
  const nowUs = Date.now() * 1000;
  const found = await opened.value.searchTraces({ ...(search.service !== undefined ? { service: search.service } : {}), operation: search.operation, startUs: nowUs - HANDLER_WINDOW_US, endUs: nowUs, limit: HANDLER_SEARCH_LIMIT }, signal);
  if (!found.ok) return { ok: false, failure: found };
  for (const hit of found.value) if (hit.trace) services.cache.remember(hit.trace);
  const samples = found.value.map((hit) => ({ traceId: hit.summary.traceId, startUs: hit.summary.startUs, durationUs: hit.summary.durationUs, ...(hit.summary.errorCount !== undefined ? { errorCount: hit.summary.errorCount } : {}), ...(hit.trace ? { trace: hit.trace } : {}) }));
  return { ok: true, hits: found.value, traffic: summarizeTraffic(samples, search.operation, search.service), limited: found.value.length >= HANDLER_SEARCH_LIMIT };
}

/**
 * "Trace Lens: Find Traces for This Handler": the handler at the cursor (or the one a code lens names),
 * its traces of the last hour from the backend, newest first, in a pick list that opens the chosen one.
 */
export function registerFindTracesForHandler(context: vscode.ExtensionContext, services: HandlerTraceServices): void {
  registerCommand(context, Command.FindTracesForHandler, async (target?: HandlerTarget) => {
    const editor = vscode.window.activeTextEditor;
    const uri = target ? vscode.Uri.parse(target.uri) : editor?.document.uri;
    const line0 = target ? target.line0 : editor?.selection.active.line;
    if (!uri || line0 === undefined) {
      void vscode.window.showInformationMessage('Trace Lens: put the cursor in a request handler or span, then run "Find Traces for This Handler".');
      return;
    }
    await services.sourceIndex.index();
    const handler = handlerAtLine(services.sourceIndex.handlersIn(uri), line0);
    if (!handler) {
      void vscode.window.showInformationMessage('Trace Lens: no request handler, gRPC method or span with a literal name here. Put the cursor on a route registration, a handler, or a startSpan call.');
      return;
    }
    const search = await handlerSearchOf(services, uri, handler);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding traces of ${search.operation}`, cancellable: true }, (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return searchHandlerTraces(services, search, controller.signal);
    });
    if (!result.ok) {
      await showConnectionFailure(result.failure, `find traces of ${search.operation}`);
      return;
    }
    if (result.hits.length === 0) {
      void vscode.window.showInformationMessage(`Trace Lens: no traces of "${search.operation}"${search.service ? ` in ${search.service}` : ''} in the ${HANDLER_WINDOW_LABEL}.`);
      return;
    }
    const items = [...result.hits]
      .sort((a, b) => b.summary.startUs - a.summary.startUs)
      .map((hit) => ({
        label: `${formatDurationUs(hit.summary.durationUs)}  ${hit.summary.rootService}: ${hit.summary.rootOperation}`,
        description: hit.summary.traceId,
        detail: `${new Date(hit.summary.startUs / 1000).toLocaleString()}${hit.summary.errorCount ? ` · ${hit.summary.errorCount} errors` : ''}`,
        traceId: hit.summary.traceId,
      }));
    const picked = await vscode.window.showQuickPick(items, { title: `Traces of ${search.operation} (${HANDLER_WINDOW_LABEL})`, matchOnDescription: true });
    if (picked) await openTracesById(services, [picked.traceId]);
  });
}
