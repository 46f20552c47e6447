import * as vscode from 'vscode';
import { DirectBackendConnection } from './backendConnection';
import { registerBackendToken } from './backendToken';
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

  const connection = new DirectBackendConnection(context.secrets, log);
  context.subscriptions.push(connection);
  const backendServices = { ...services, connection, cache: new TraceCache(connection, context.subscriptions), history: new RecentHistory(context.workspaceState) };
  registerBackendToken(context, connection);
  registerOpenTraceById(context, backendServices);
  registerSearchTraces(context, connection);
  registerTracesView(context, backendServices);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
