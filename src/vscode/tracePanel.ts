import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { TraceTree } from '../core/model';
import { buildTraceViewModel, invertDisplayOrder } from '../core/traceViewModel';
import { buildSpanDetails } from '../core/spanDetails';
import { MessageHandlers, ToHost, ToHostMessage, ToWebviewMessage, parseToHostMessage } from '../protocol/messages';
import { WebviewType } from './contributions';
import { buildWebviewHtml } from './webviewHtml';

/** What the panels need from the extension. */
export interface TracePanelServices {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** Open waterfall panels by trace id: opening the same trace again reveals its panel. */
const openPanels = new Map<string, vscode.WebviewPanel>();

/** Shows `tree` in a waterfall panel, reusing the panel already showing the same trace. */
export function showTracePanel(services: TracePanelServices, tree: TraceTree, source: string): void {
  const traceId = tree.trace.traceId;
  const existing = openPanels.get(traceId);
  if (existing) {
    existing.reveal();
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    WebviewType.Waterfall,
    `Trace ${traceId.slice(0, 8)}`,
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(services.extensionUri, 'dist'),
        vscode.Uri.joinPath(services.extensionUri, 'media'),
      ],
    },
  );
  openPanels.set(traceId, panel);
  panel.webview.html = buildWebviewHtml({
    cspSource: panel.webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(services.extensionUri, 'media', 'waterfall.css')).toString(),
    title: `Trace ${traceId}`,
  });

  // Built once per panel; the webview gets the compact columnar model, details are built per request.
  const { view, displayOrder } = buildTraceViewModel(tree);
  const displayIndexOfSpan = invertDisplayOrder(displayOrder, tree.trace.spans.length);
  const post = (message: ToWebviewMessage): void => {
    void panel.webview.postMessage(message);
  };
  const handlers: MessageHandlers<ToHost> = {
    ready: () => post({ type: 'traceLoaded', view }),
    requestSpanDetails: ({ spanIndex }) => {
      if (spanIndex >= displayOrder.length) return;
      post({ type: 'spanDetailsLoaded', details: buildSpanDetails(tree, displayOrder, spanIndex, displayIndexOfSpan) });
    },
  };
  const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseToHostMessage(raw);
    if (!message) {
      services.log.warn(`Ignored a malformed message from the waterfall webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    dispatch(handlers, message);
  });
  panel.onDidDispose(() => {
    subscription.dispose();
    openPanels.delete(traceId);
  });
  services.log.info(`Opened trace ${traceId} (${tree.trace.spans.length} spans) from ${source}`);
}

function dispatch(handlers: MessageHandlers<ToHost>, message: ToHostMessage): void {
  (handlers[message.type] as (message: ToHostMessage) => void)(message);
}
