import * as vscode from 'vscode';
import { ActiveConnection } from './activeConnection';
import { DirectBackendConnection } from './backendConnection';
import { registerBackendToken } from './backendToken';
import { registerConnectToCluster } from './connectToCluster';
import { registerConnectionStatusBar } from './connectionStatusBar';
import { createLog } from './log';
import { registerOpenTraceById } from './openTraceById';
import { registerOpenTraceFile } from './openTraceFile';
import { RecentHistory } from './recentHistory';
import { registerSearchTraces } from './searchTraces';
import { TraceCache } from './traceCache';
import { registerTracePanelSerializer } from './tracePanelSerializer';
import { registerTracesView } from './tracesView';

/**
 * The table of contents: build the few long-lived services, then one `registerX` per feature.
 * Activation is lazy (on the contributed commands), never `*`.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  const services = { extensionUri: context.extensionUri, log };
  registerOpenTraceFile(context, services);
  registerTracePanelSerializer(context, services);

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
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
