/**
 * Brings waterfall panels back after a window reload. The webview state holds only UI state plus where the
 * trace came from ({@link TraceSource}); the trace itself is re-read here, never stored in the state.
 */
import * as vscode from 'vscode';
import { buildTraceTree } from '../core/buildTree';
import { parseTraceText } from '../core/parseTrace';
import { parseTraceSource, type TraceSource } from '../protocol/traceView';
import { WebviewType } from './contributions';
import { attachFailedPanel, attachTracePanel, panelTitle, type TracePanelServices } from './tracePanel';

export function registerTracePanelSerializer(context: vscode.ExtensionContext, services: TracePanelServices): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(WebviewType.Waterfall, {
      deserializeWebviewPanel: (panel, state: unknown) => restorePanel(services, panel, state),
    }),
  );
}

/** The `source` the webview saved in its state, validated (the state is webview-written data). */
function savedTraceSource(state: unknown): TraceSource | undefined {
  return typeof state === 'object' && state !== null ? parseTraceSource((state as { source?: unknown }).source) : undefined;
}

async function restorePanel(services: TracePanelServices, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  const source = savedTraceSource(state);
  if (!source) return attachFailedPanel(services, panel, 'This panel was restored without its trace. Open the trace again.');
  panel.title = panelTitle(source.traceId);
  if (source.kind === 'backend') {
    return attachFailedPanel(services, panel, `Trace ${source.traceId} came from ${source.description}. Use "Trace Lens: Open Trace…" to fetch it again.`);
  }
  try {
    const uri = vscode.Uri.parse(source.uri);
    const result = parseTraceText(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
    const trace = result.ok ? result.traces.find((candidate) => candidate.traceId === source.traceId) : undefined;
    if (!trace) return attachFailedPanel(services, panel, `Trace ${source.traceId} is no longer in ${source.uri}.`);
    attachTracePanel(services, panel, buildTraceTree(trace), source);
  } catch (error) {
    attachFailedPanel(services, panel, `Could not read ${source.uri} again: ${error instanceof Error ? error.message : String(error)}`);
  }
}
