import * as vscode from 'vscode';
import { trafficTitle, type HandlerTraffic } from '../core/source/handlerTraffic';
import type { SourceHandler } from '../core/source/handlerTypes';
import { readConfig } from './config';
import { Command, Setting } from './contributions';
import { HANDLER_WINDOW_LABEL, handlerSearchOf, searchHandlerTraces, type HandlerTraceServices } from './findTracesForHandler';

/** The languages the source index reads. */
const SELECTOR: vscode.DocumentSelector = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'java', 'ruby'].map((language) => ({ language, scheme: 'file' }));
/** A cached figure is fetched again when VS Code next asks for it after this long (never on a timer), in ms. */
const TRAFFIC_FRESH_MS = 5 * 60 * 1000;

interface HandlerLens extends vscode.CodeLens {
  readonly target: { uri: vscode.Uri; handler: SourceHandler };
  /** 0: the figures (or "Find traces…" without a backend), 1: open slowest, 2: open latest. */
  readonly slot: number;
}

/**
 * A code lens on every indexed handler and span site: with a backend, "N traces · p50 · p95 · N errors
 * (last hour)" plus "Open slowest" and "Open latest"; without one, "Find traces for GET /api/…". The lenses
 * change when the index or the connection does (events, no polling); figures are cached per operation.
 */
export function registerHandlerCodeLens(context: vscode.ExtensionContext, services: HandlerTraceServices): void {
  const provider = new HandlerCodeLensProvider(services);
  context.subscriptions.push(provider, vscode.languages.registerCodeLensProvider(SELECTOR, provider));
}

class HandlerCodeLensProvider implements vscode.CodeLensProvider<HandlerLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly traffic = new Map<string, Promise<{ traffic: HandlerTraffic; limited: boolean } | undefined> & { fetchedAtMs?: number }>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly services: HandlerTraceServices) {
    this.disposables = [
      this.changed,
      services.sourceIndex.onDidChange(() => this.changed.fire()),
      services.connection.onDidChange(() => {
        this.traffic.clear();
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Setting.SourceCodeLens)) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): HandlerLens[] {
    if (!readConfig(Setting.SourceCodeLens)) return [];
    const connected = this.services.connection.status().configured;
    const lenses: HandlerLens[] = [];
    const seenLines = new Set<number>();
    for (const handler of this.services.sourceIndex.handlersIn(document.uri)) {
      const line0 = handler.range.startLine0;
      // Fastify `method: ['GET','HEAD']` and Rails `resources` draw several routes on one line: one lens row each line.
      if (seenLines.has(line0)) continue;
      seenLines.add(line0);
      const range = new vscode.Range(line0, 0, line0, 0);
      const slots = connected ? [0, 1, 2] : [0];
      for (const slot of slots) lenses.push(Object.assign(new vscode.CodeLens(range), { target: { uri: document.uri, handler }, slot }));
    }
    return lenses;
  }

  async resolveCodeLens(lens: HandlerLens, token: vscode.CancellationToken): Promise<HandlerLens> {
    const { uri, handler } = lens.target;
    const findTraces = { command: Command.FindTracesForHandler, arguments: [{ uri: uri.toString(), line0: handler.range.startLine0 }] };
    const search = await handlerSearchOf(this.services, uri, handler);
    if (!this.services.connection.status().configured) {
      lens.command = { ...findTraces, title: `Find traces for ${search.operation}` };
      return lens;
    }
    const figures = await this.figures(search, token);
    if (lens.slot === 0) {
      lens.command = { ...findTraces, title: figures ? trafficTitle(figures.traffic, HANDLER_WINDOW_LABEL, figures.limited) : `Find traces for ${search.operation}`, tooltip: `${search.service ?? ''} ${search.operation}` };
    } else {
      const traceId = lens.slot === 1 ? figures?.traffic.slowestTraceId : figures?.traffic.latestTraceId;
      lens.command = traceId
        ? { command: Command.OpenTraceById, title: lens.slot === 1 ? 'Open slowest' : 'Open latest', arguments: [traceId] }
        : { ...findTraces, title: 'Find traces' };
    }
    return lens;
  }

  private figures(search: Awaited<ReturnType<typeof handlerSearchOf>>, token: vscode.CancellationToken): Promise<{ traffic: HandlerTraffic; limited: boolean } | undefined> {
    const key = `${search.service ?? ''}\u0000${search.operation}`;
    const cached = this.traffic.get(key);
    if (cached && Date.now() - (cached.fetchedAtMs ?? 0) < TRAFFIC_FRESH_MS) return cached;
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const pending: Promise<{ traffic: HandlerTraffic; limited: boolean } | undefined> & { fetchedAtMs?: number } = searchHandlerTraces(this.services, search, controller.signal).then(
      (result) => (result.ok ? { traffic: result.traffic, limited: result.limited } : undefined),
      () => undefined,
    );
    pending.fetchedAtMs = Date.now();
    this.traffic.set(key, pending);
    // A cancelled or failed fetch must not stick: the next resolve tries again.
    void pending.then((value) => {
      if (value === undefined) this.traffic.delete(key);
    });
    return pending;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
