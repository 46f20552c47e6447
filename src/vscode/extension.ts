import * as vscode from 'vscode';
import { ActiveConnection } from './activeConnection';
import { DirectBackendConnection } from './backendConnection';
import { registerBackendToken } from './backendToken';
import { registerConnectToCluster } from './connectToCluster';
import { registerConnectionStatusBar } from './connectionStatusBar';
import { createLog } from './log';
import { registerOpenTraceById } from './openTraceById';
import { registerOpenTraceFile } from './openTraceFile';
import { registerPropagationDiagnostics } from './propagationDiagnostics';
import { RecentHistory } from './recentHistory';
import { registerSearchTraces } from './searchTraces';
import { TraceCache } from './traceCache';
import { registerTracePanelSerializer } from './tracePanelSerializer';
import { registerTracesView } from './tracesView';
import { registerFindTracesForHandler } from './findTracesForHandler';
import { registerGoToSource } from './goToSource';
import { registerHandlerCodeLens } from './handlerCodeLens';
import { SourceIndexService } from './sourceIndexService';
import { registerUriHandler } from './uriHandler';

/**
 * The table of contents: build the few long-lived services, then one `registerX` per feature.
 * Activation is lazy (on the contributed commands), never `*`.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  // Span ↔ source: the tree-sitter index starts on first use (a code lens, Go to Source, a trace opened), not here.
  const sourceIndex = new SourceIndexService(context.extensionUri, log);
  context.subscriptions.push(sourceIndex);
  const services = { extensionUri: context.extensionUri, log, sourceIndex };
  registerOpenTraceFile(context, services);
  registerTracePanelSerializer(context, services);
  // Trace propagation lint: diagnostics and quick fixes for outbound calls that split the trace.
  registerPropagationDiagnostics(context, services);

  const direct = new DirectBackendConnection(context.secrets, log);
  // The features use the cluster's port-forward while one is connected, else the URL in the settings.
  const connection = new ActiveConnection(direct);
  context.subscriptions.push(direct, connection);
  const backendServices = { ...services, connection, cache: new TraceCache(connection, context.subscriptions), history: new RecentHistory(context.workspaceState) };
  registerBackendToken(context, direct);
  registerOpenTraceById(context, backendServices);
  registerSearchTraces(context, connection);
  registerTracesView(context, backendServices);
  registerConnectToCluster(context, { connection, log, memory: context.workspaceState });
  registerConnectionStatusBar(context, connection);

  registerGoToSource(context, backendServices);
  registerFindTracesForHandler(context, backendServices);
  registerHandlerCodeLens(context, backendServices);
  registerUriHandler(context, backendServices);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
