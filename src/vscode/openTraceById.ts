import * as vscode from 'vscode';
import { buildTraceTree } from '../core/buildTree';
import type { Trace } from '../core/model';
import { describeNoTraceId, extractTraceIds } from '../core/traceIdInput';
import { summarizeTrace } from '../core/traceSummary';
import type { BackendConnection } from './backendConnection';
import { abortSignalOf } from './cancellation';
import { registerCommand } from './commands';
import { showConnectionFailure } from './connectionErrors';
import { Command } from './contributions';
import type { RecentHistory } from './recentHistory';
import type { TraceCache, FetchResult } from './traceCache';
import { showTracePanel, type TracePanelServices } from './tracePanel';

/** What finding traces on a backend needs; built once in extension.ts. */
export interface BackendServices extends TracePanelServices {
  readonly connection: BackendConnection;
  readonly cache: TraceCache;
  readonly history: RecentHistory;
}

/**
 * "Trace Lens: Open Trace…": paste one or several trace ids in any spelling, or a Jaeger UI or Grafana
 * link; recently opened traces are offered. Called with text (tests, other extensions), it asks nothing.
 */
export function registerOpenTraceById(context: vscode.ExtensionContext, services: BackendServices): void {
  registerCommand(context, Command.OpenTraceById, async (text) => {
    const ids = typeof text === 'string' ? extractTraceIds(text).ids : await askForTraceIds(services.history);
    if (ids === undefined) return;
    if (ids.length === 0) {
      void vscode.window.showErrorMessage(`Trace Lens: ${describeNoTraceId(extractTraceIds(String(text)))}`);
      return;
    }
    await openTracesById(services, ids);
  });
}

interface PickItem extends vscode.QuickPickItem {
  readonly ids?: readonly string[];
}

/** A quick pick that reads what is typed or pasted live: "Open 2 traces" or why nothing was found. */
function askForTraceIds(history: RecentHistory): Promise<readonly string[] | undefined> {
  const recent: PickItem[] = history.traces().map((trace) => ({
    label: trace.title || trace.traceId,
    description: trace.traceId,
    detail: `opened ${new Date(trace.openedAtMs).toLocaleString()}`,
    ids: [trace.traceId],
  }));
  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = 'Open Trace';
  pick.placeholder = 'Paste trace ids (hex or base64) or a Jaeger UI / Grafana link, or pick a recent trace';
  pick.matchOnDescription = true;
  pick.items = recent;
  const typedItem = (value: string): PickItem[] => {
    if (value.trim() === '') return [];
    const extraction = extractTraceIds(value);
    const count = extraction.ids.length;
    if (count === 0) return [{ label: `$(warning) ${describeNoTraceId(extraction)}`, alwaysShow: true }];
    return [{ label: count === 1 ? 'Open trace' : `Open ${count} traces`, description: extraction.ids.join(', '), alwaysShow: true, ids: extraction.ids }];
  };
  return new Promise((resolve) => {
    let accepted: readonly string[] | undefined;
    pick.onDidChangeValue((value) => {
      pick.items = [...typedItem(value), ...recent];
    });
    pick.onDidAccept(() => {
      const ids = pick.selectedItems[0]?.ids;
      // The warning item stays open: the person can fix what they pasted.
      if (ids === undefined) return;
      accepted = ids;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(accepted);
    });
    pick.show();
  });
}

/** Fetches (or takes from the cache) each trace and opens it in the waterfall; says clearly what failed. */
export async function openTracesById(services: BackendServices, traceIds: readonly string[]): Promise<void> {
  const allCached = traceIds.every((id) => services.cache.has(id));
  const results = allCached
    ? await fetchAll(services, traceIds)
    : await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: traceIds.length === 1 ? `Fetching trace ${traceIds[0]}` : `Fetching ${traceIds.length} traces`, cancellable: true },
        (progress, token) => {
          const abort = abortSignalOf(token);
          return fetchAll(services, traceIds, abort.signal, (done) => progress.report({ message: `${done} of ${traceIds.length}`, increment: 100 / traceIds.length })).finally(abort.dispose);
        },
      );
  const source = services.connection.status().displayUrl ?? 'the trace backend';
  for (const [traceId, result] of results) {
    if (result.ok) {
      await showFetchedTrace(services, result.value, source);
    } else if (result.reason === 'not-found') {
      void vscode.window.showWarningMessage(`Trace Lens: trace ${traceId} was not found on ${source}. It may be older than the backend keeps traces, or from another backend.`);
    } else {
      await showConnectionFailure(result, `fetch trace ${traceId}`);
      return;
    }
  }
}

async function fetchAll(services: BackendServices, ids: readonly string[], signal?: AbortSignal, onProgress?: (done: number) => void): Promise<[string, FetchResult][]> {
  const results: [string, FetchResult][] = [];
  for (const id of ids) {
    const result = await services.cache.fetch(id, signal);
    results.push([id, result]);
    onProgress?.(results.length);
    // A connection problem would repeat for every other id.
    if (!result.ok && result.reason !== 'not-found') break;
  }
  return results;
}

/** Opens a fetched trace in the waterfall and remembers it in this workspace's recent traces. */
export async function showFetchedTrace(services: BackendServices, trace: Trace, source: string): Promise<void> {
  const tree = buildTraceTree(trace);
  showTracePanel(services, tree, source);
  const summary = summarizeTrace(tree);
  await services.history.addTrace({ traceId: trace.traceId, title: `${summary.rootService}: ${summary.rootOperation}`, openedAtMs: Date.now() });
}
