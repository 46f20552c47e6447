import * as vscode from 'vscode';

/** The "Trace Lens" output channel. Never log tokens, keys or auth headers here. */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Trace Lens', { log: true });
  context.subscriptions.push(log);
  return log;
}
