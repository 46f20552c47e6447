import * as vscode from 'vscode';
import { createLog } from './log';
import { registerOpenTraceFile } from './openTraceFile';

/**
 * The table of contents: build the few long-lived services, then one `registerX` per feature.
 * Activation is lazy (on the contributed commands), never `*`.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  const services = { extensionUri: context.extensionUri, log };
  registerOpenTraceFile(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
