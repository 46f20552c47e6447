import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { Setting, SettingTypes } from './contributions';
import { settingContributions } from './contributions';

export interface TrustedValue<T> {
  readonly value: T;
  /** True when the workspace's settings set it but the workspace is not trusted, so the user's value was used. */
  readonly ignoredUntrusted: boolean;
}

/**
 * Reads a setting that names where to connect or what to trust (a URL, headers, a kubeconfig or CA file):
 * a workspace's value counts only in a trusted workspace, so a cloned repo cannot send your token elsewhere
 * or run a credential plugin. package.json lists these as `restrictedConfigurations` as well.
 */
export function readTrustedSetting<K extends Setting>(setting: K): TrustedValue<SettingTypes[K]> {
  const dot = setting.indexOf('.');
  const inspected = vscode.workspace.getConfiguration(setting.slice(0, dot)).inspect<SettingTypes[K]>(setting.slice(dot + 1));
  const fallback = settingContributions[setting].default;
  const user = inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (fromWorkspace === undefined) return { value: user, ignoredUntrusted: false };
  return vscode.workspace.isTrusted ? { value: fromWorkspace, ignoredUntrusted: false } : { value: user, ignoredUntrusted: true };
}

/**
 * A file path from a setting: `~/…` is the home folder, a relative path is relative to the first workspace
 * folder (where a workspace setting was written). Empty stays undefined.
 */
export function resolveSettingPath(path: string): string | undefined {
  const text = path.trim();
  if (text === '') return undefined;
  if (text === '~' || text.startsWith('~/')) return join(homedir(), text.slice(1));
  if (isAbsolute(text)) return text;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? join(folder.uri.fsPath, text) : text;
}
