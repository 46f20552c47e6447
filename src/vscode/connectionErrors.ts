import * as vscode from 'vscode';
import type { BackendFailure } from '../jaeger/backendTypes';
import type { NotConfigured } from './backendConnection';
import { Command, Setting } from './contributions';

const CONFIGURE_URL = 'Configure Backend URL';
const SET_TOKEN = 'Set Backend Token…';

/**
 * Shows why the backend could not be used, with the action that fixes it: set the URL when there is none,
 * set a token when the backend asked for credentials. A cancellation is the user's own doing: no message.
 */
export async function showConnectionFailure(failure: BackendFailure | NotConfigured, what: string): Promise<void> {
  if (failure.reason === 'cancelled') return;
  const actions = failure.reason === 'not-configured' ? [CONFIGURE_URL] : failure.reason === 'auth-required' ? [SET_TOKEN] : [];
  const action = await vscode.window.showErrorMessage(`Trace Lens could not ${what}: ${failure.message}`, ...actions);
  if (action === CONFIGURE_URL) await openBackendSettings();
  if (action === SET_TOKEN) await vscode.commands.executeCommand(Command.SetBackendToken);
}

/** The Settings editor, filtered to the backend URL. */
export async function openBackendSettings(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', Setting.BackendUrl);
}
