import * as vscode from 'vscode';
import type { DirectBackendConnection } from './backendConnection';
import { registerCommand } from './commands';
import { openBackendSettings } from './connectionErrors';
import { Command } from './contributions';

/**
 * "Set Backend Token…" / "Clear Backend Token": a bearer token kept in VS Code's SecretStorage (the OS
 * keychain), for the configured backend's origin only, so a changed URL never receives it. Never logged.
 */
export function registerBackendToken(context: vscode.ExtensionContext, connection: DirectBackendConnection): void {
  registerCommand(context, Command.SetBackendToken, async () => {
    const origin = connection.configuredOrigin();
    if (origin === undefined) return offerConfigure();
    const token = await vscode.window.showInputBox({
      title: `Bearer token for ${origin}`,
      prompt: 'Sent as "Authorization: Bearer <token>" with every request to this backend. Stored in the OS keychain.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/\s/.test(value.trim()) ? 'A token has no spaces: paste only the token, without "Bearer".' : undefined),
    });
    if (token === undefined || token.trim() === '') return;
    await connection.storeToken(token.trim());
    void vscode.window.showInformationMessage(`Trace Lens: the token for ${origin} is saved.`);
  });
  registerCommand(context, Command.ClearBackendToken, async () => {
    const origin = await connection.clearToken();
    if (origin === undefined) return offerConfigure();
    void vscode.window.showInformationMessage(`Trace Lens: the token for ${origin} is removed.`);
  });
}

async function offerConfigure(): Promise<void> {
  const configure = 'Configure Backend URL';
  const action = await vscode.window.showErrorMessage('Trace Lens: set the backend URL first; a token belongs to one backend.', configure);
  if (action === configure) await openBackendSettings();
}
