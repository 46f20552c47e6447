import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { TraceTree } from '../core/model';
import { buildTraceViewModel, invertDisplayOrder } from '../core/traceViewModel';
import { buildSpanDetails } from '../core/spanDetails';
import { findSpans } from '../core/traceSearch';
import { MessageHandlers, SourceMatchHint, ToHost, ToHostMessage, ToWebviewMessage, parseToHostMessage } from '../protocol/messages';
import { traceSourceOf, type TraceSource } from '../protocol/traceView';
import { WebviewType } from './contributions';
import { revealSpanSource } from './goToSource';
import type { SourceIndexService } from './sourceIndexService';
import { buildWebviewHtml } from './webviewHtml';

/** What the panels need from the extension. */
export interface TracePanelServices {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Maps spans to the workspace's handlers: the rows' "has source" icons and Go to Source. */
  readonly sourceIndex: SourceIndexService;
}

/**
 * Above this many spans the rows get no "has source" icons: matching runs on the extension host's thread
 * (~15 ms per 1,000 spans), and Go to Source still works span by span.
 */
const MAX_SPANS_FOR_SOURCE_ICONS = 50_000;

/** Open waterfall panels by trace id: opening the same trace again reveals its panel. */
const openPanels = new Map<string, vscode.WebviewPanel>();

/**
 * Shows `tree` in a waterfall panel, reusing the panel already showing the same trace. `source` is where
 * the trace came from: a Uri string for a file (restored after a reload by re-reading it), anything else
 * (a backend URL) is only described.
 */
export function showTracePanel(services: TracePanelServices, tree: TraceTree, source: string): void {
  const traceId = tree.trace.traceId;
  const existing = openPanels.get(traceId);
  if (existing) {
    existing.reveal();
    return;
  }
  const panel = vscode.window.createWebviewPanel(WebviewType.Waterfall, panelTitle(traceId), vscode.ViewColumn.Active, webviewOptions(services));
  attachTracePanel(services, panel, tree, traceSourceOf(source, traceId));
}

export function panelTitle(traceId: string): string {
  return `Trace ${traceId.slice(0, 8)}`;
}

/** Scripts on, resources only from dist/ and media/; no retainContextWhenHidden: state + serializer instead. */
export function webviewOptions(services: TracePanelServices): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(services.extensionUri, 'dist'), vscode.Uri.joinPath(services.extensionUri, 'media')],
  };
}

function setHtml(services: TracePanelServices, panel: vscode.WebviewPanel, title: string): void {
  panel.webview.html = buildWebviewHtml({
    cspSource: panel.webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(services.extensionUri, 'media', 'waterfall.css')).toString(),
    title,
  });
}

/** Wires a (new or restored) panel to a trace: the HTML shell, then the protocol's host side. */
export function attachTracePanel(services: TracePanelServices, panel: vscode.WebviewPanel, tree: TraceTree, source: TraceSource): void {
  const traceId = tree.trace.traceId;
  openPanels.set(traceId, panel);
  panel.webview.options = webviewOptions(services);
  setHtml(services, panel, `Trace ${traceId}`);

  // Built once per panel; the webview gets the compact columnar model, details are built per request.
  const { view, displayOrder } = buildTraceViewModel(tree);
  const displayIndexOfSpan = invertDisplayOrder(displayOrder, tree.trace.spans.length);
  const post = (message: ToWebviewMessage): void => {
    void panel.webview.postMessage(message);
  };
  const spanAt = (spanIndex: number) => tree.trace.spans[displayOrder[spanIndex] ?? -1];
  // Matched once per panel: `ready` comes again each time a hidden panel is shown.
  let sourceHints: Promise<SourceMatchHint[]> | undefined;
  const handlers: MessageHandlers<ToHost> = {
    ready: () => {
      post({ type: 'traceLoaded', view, source });
      if (displayOrder.length <= MAX_SPANS_FOR_SOURCE_ICONS) {
        sourceHints ??= sourceMatchHints(services, tree, displayOrder);
        void sourceHints.then((matches) => {
          if (matches.length > 0) post({ type: 'sourceMatchesLoaded', matches });
        });
      }
    },
    requestSpanDetails: ({ spanIndex }) => {
      if (spanIndex >= displayOrder.length) return;
      post({ type: 'spanDetailsLoaded', details: buildSpanDetails(tree, displayOrder, spanIndex, displayIndexOfSpan) });
    },
    findSpans: ({ query }) => post({ type: 'spansFound', query, matches: findSpans(tree.trace.spans, displayOrder, query) }),
    revealSource: ({ spanIndex }) => {
      const span = spanAt(spanIndex);
      if (span) void revealSpanSource(services, span, tree.trace);
    },
    copyText: ({ text }) => void vscode.env.clipboard.writeText(text),
    copySpan: ({ spanIndex, what }) => {
      const span = spanAt(spanIndex);
      if (span) void vscode.env.clipboard.writeText(what === 'id' ? span.spanId : JSON.stringify(span, null, 2));
    },
  };
  const subscription = listen(services, panel, handlers);
  panel.onDidDispose(() => {
    subscription.dispose();
    if (openPanels.get(traceId) === panel) openPanels.delete(traceId);
  });
  services.log.info(`Opened trace ${traceId} (${tree.trace.spans.length} spans) from ${source.kind === 'file' ? source.uri : source.description}`);
}

/** The spans (display indices) that map to code, with the evidence; empty when none or on failure (logged). */
async function sourceMatchHints(services: TracePanelServices, tree: TraceTree, displayOrder: readonly number[]): Promise<SourceMatchHint[]> {
  try {
    const spans = displayOrder.map((spanIndex) => tree.trace.spans[spanIndex]!);
    const matches = await services.sourceIndex.match(spans);
    const hints: SourceMatchHint[] = [];
    matches.forEach((match, spanIndex) => {
      if (match) hints.push({ spanIndex, evidence: match.evidence.join('; ') });
    });
    return hints;
  } catch (error) {
    services.log.warn(`Could not match the trace's spans to source: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** A restored panel whose trace could not be loaded again: it says why instead of drawing a waterfall. */
export function attachFailedPanel(services: TracePanelServices, panel: vscode.WebviewPanel, message: string): void {
  panel.webview.options = webviewOptions(services);
  setHtml(services, panel, 'Trace Lens');
  const handlers: MessageHandlers<ToHost> = {
    ready: () => void panel.webview.postMessage({ type: 'loadFailed', message } satisfies ToWebviewMessage),
    requestSpanDetails: () => undefined,
    findSpans: () => undefined,
    revealSource: () => undefined,
    copyText: () => undefined,
    copySpan: () => undefined,
  };
  const subscription = listen(services, panel, handlers);
  panel.onDidDispose(() => subscription.dispose());
}

function listen(services: TracePanelServices, panel: vscode.WebviewPanel, handlers: MessageHandlers<ToHost>): vscode.Disposable {
  return panel.webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseToHostMessage(raw);
    if (!message) {
      services.log.warn(`Ignored a malformed message from the waterfall webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    dispatch(handlers, message);
  });
}

function dispatch(handlers: MessageHandlers<ToHost>, message: ToHostMessage): void {
  (handlers[message.type] as (message: ToHostMessage) => void)(message);
}
