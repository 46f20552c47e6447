import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { DEFAULT_SEARCH_FORM } from '../core/searchCriteria';
import type { MessageHandlers } from '../protocol/messages';
import {
  parseToSearchHostMessage, type SearchForm, type ToSearchHost, type ToSearchHostMessage, type ToSearchWebview, type ToSearchWebviewMessage,
} from '../protocol/searchMessages';
import { openBackendSettings, showConnectionFailure } from './connectionErrors';
import { View } from './contributions';
import { openTracesById, type BackendServices } from './openTraceById';
import { runTraceSearch } from './searchTraces';
import { buildWebviewHtml } from './webviewHtml';

/** The Traces view in Trace Lens's activity-bar container: the search form, the scatter and the results. */
export function registerTracesView(context: vscode.ExtensionContext, services: BackendServices): void {
  const provider = new TracesViewProvider(services);
  context.subscriptions.push(provider, vscode.window.registerWebviewViewProvider(View.Traces, provider));
}

interface RunningSearch {
  readonly searchId: number;
  readonly controller: AbortController;
}

class TracesViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private running: RunningSearch | undefined;
  /** The last results, re-sent when the view is shown again (a hidden webview view is discarded). */
  private lastResults: ToSearchWebview['resultsLoaded'] | undefined;
  private lastSearchId = 0;
  private readonly viewDisposables: vscode.Disposable[] = [];
  private readonly handlers: MessageHandlers<ToSearchHost> = {
    ready: () => this.sendInitialState(),
    refreshServices: () => void this.loadServices(),
    requestOperations: ({ service }) => void this.loadOperations(service),
    searchTraces: ({ form }) => void this.search(form),
    cancelSearch: () => this.running?.controller.abort(),
    openTrace: ({ traceId }) => void openTracesById(this.services, [traceId]),
    openInBrowser: ({ traceId }) => void this.openInBrowser(traceId),
    configureBackend: () => void openBackendSettings(),
  };

  constructor(private readonly services: BackendServices) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    const { extensionUri } = this.services;
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
    webview.html = buildWebviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'searchView.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'search.css')).toString(),
      title: 'Traces',
    });
    this.viewDisposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseToSearchHostMessage(raw);
        if (message === undefined) {
          this.services.log.warn(`Ignored a malformed message from the Traces view: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        (this.handlers[message.type] as (message: ToSearchHostMessage) => void)(message);
      }),
      this.services.connection.onDidChange(() => {
        this.post({ type: 'connectionChanged', status: this.services.connection.status() });
        void this.loadServices();
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
  }

  dispose(): void {
    this.disposeView();
  }

  private disposeView(): void {
    this.running?.controller.abort();
    this.running = undefined;
    this.view = undefined;
    for (const disposable of this.viewDisposables.splice(0)) disposable.dispose();
  }

  private post(message: ToSearchWebviewMessage): void {
    void this.view?.webview.postMessage(message);
  }

  /** After `ready` (also after the view was hidden and shown again): everything the view shows, from the host. */
  private sendInitialState(): void {
    const recentSearches = this.services.history.searches();
    this.post({ type: 'connectionChanged', status: this.services.connection.status() });
    this.post({ type: 'formRestored', form: recentSearches[0] ?? DEFAULT_SEARCH_FORM, recentSearches });
    if (this.lastResults !== undefined) this.post({ type: 'resultsLoaded', ...this.lastResults });
    void this.loadServices();
  }

  private async loadServices(): Promise<void> {
    if (!this.services.connection.status().configured) return;
    const backend = await this.services.connection.getBackend();
    const services = backend.ok ? await backend.value.listServices() : backend;
    if (services.ok) this.post({ type: 'servicesLoaded', services: [...services.value].sort() });
    else this.post({ type: 'lookupFailed', message: services.message });
  }

  private async loadOperations(service: string): Promise<void> {
    const backend = await this.services.connection.getBackend();
    const operations = backend.ok ? await backend.value.listOperations(service) : backend;
    if (operations.ok) this.post({ type: 'operationsLoaded', service, operations: [...new Set(operations.value.map((op) => op.name))].sort() });
    else this.post({ type: 'lookupFailed', message: operations.message });
  }

  private async search(form: SearchForm): Promise<void> {
    this.running?.controller.abort();
    const running: RunningSearch = { searchId: ++this.lastSearchId, controller: new AbortController() };
    this.running = running;
    this.post({ type: 'searchStarted', searchId: running.searchId });
    const startedMs = performance.now();
    const outcome = await vscode.window.withProgress({ location: { viewId: View.Traces } }, () =>
      runTraceSearch(this.services, form, running.controller.signal));
    // A newer search replaced this one: its answer no longer matters.
    if (this.running !== running) return;
    this.running = undefined;
    if (outcome.ok) {
      this.post({ type: 'recentSearchesChanged', recentSearches: this.services.history.searches() });
      this.lastResults = { searchId: running.searchId, rows: outcome.rows, tookMs: Math.round(performance.now() - startedMs), limitReached: outcome.limitReached };
      this.post({ type: 'resultsLoaded', ...this.lastResults });
      return;
    }
    const cancelled = outcome.failure?.reason === 'cancelled';
    this.post({ type: 'searchFailed', searchId: running.searchId, message: cancelled ? '' : outcome.message });
    // The view shows the message; a missing URL or token also gets the notification that offers the fix.
    if (outcome.failure?.reason === 'not-configured' || outcome.failure?.reason === 'auth-required') {
      await showConnectionFailure(outcome.failure, 'search traces');
    }
  }

  private async openInBrowser(traceId: string): Promise<void> {
    const url = await this.services.connection.webUrlOfTrace(traceId);
    if (url === undefined) {
      void vscode.window.showInformationMessage('Trace Lens: this backend has no web page for traces (Tempo is viewed through Grafana).');
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }
}
