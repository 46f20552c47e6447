import type * as vscode from 'vscode';

/** An AbortSignal that aborts when `token` is cancelled, for the backend clients (which take signals). */
export function abortSignalOf(token: vscode.CancellationToken): { readonly signal: AbortSignal; readonly dispose: () => void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const listener = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listener.dispose() };
}
