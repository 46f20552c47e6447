import * as vscode from 'vscode';
import type { DirectBackendConnection } from './backendConnection';
import { registerCommand } from './commands';
import { openBackendSettings } from './connectionErrors';
import { Command } from './contributions';

/**
 * "Set Backend Token…", "Set Backend Username and Password…", "Clear Backend Credentials": a bearer token or
 * basic-auth credentials kept in VS Code's SecretStorage (the OS keychain), for the configured backend's
 * origin only, so a changed URL never receives them. One replaces the other. Never logged.
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
  registerCommand(context, Command.SetBackendBasicAuth, async () => {
    const origin = connection.configuredOrigin();
    if (origin === undefined) return offerConfigure();
    const username = await vscode.window.showInputBox({
      title: `Username for ${origin}`,
      prompt: 'Sent with the password as "Authorization: Basic …" with every request to this backend (e.g. behind an ingress with basic auth).',
      ignoreFocusOut: true,
      validateInput: (value) => (value.includes(':') ? 'A basic-auth username cannot contain ":".' : undefined),
    });
    if (username === undefined || username.trim() === '') return;
    const password = await vscode.window.showInputBox({
      title: `Password for ${username.trim()} at ${origin}`,
      prompt: 'Stored in the OS keychain, never in settings or the log.',
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return;
    await connection.storeBasicAuth(username.trim(), password);
    void vscode.window.showInformationMessage(`Trace Lens: the username and password for ${origin} are saved.`);
  });
  registerCommand(context, Command.ClearBackendToken, async () => {
    const origin = await connection.clearToken();
    if (origin === undefined) return offerConfigure();
    void vscode.window.showInformationMessage(`Trace Lens: the token and password for ${origin} are removed.`);
  });
}

async function offerConfigure(): Promise<void> {
  const configure = 'Configure Backend URL';
  const action = await vscode.window.showErrorMessage('Trace Lens: set the backend URL first; credentials belong to one backend.', configure);
  if (action === configure) await openBackendSettings();
}
