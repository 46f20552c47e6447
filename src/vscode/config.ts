import * as vscode from 'vscode';
import { Setting, SettingTypes, settingContributions } from './contributions';

/** Reads a Trace Lens setting with its declared type, falling back to the declared default. */
export function readConfig<K extends Setting>(setting: K, scope?: vscode.ConfigurationScope): SettingTypes[K] {
  const dot = setting.indexOf('.');
  const section = setting.slice(0, dot);
  const key = setting.slice(dot + 1);
  const value = vscode.workspace.getConfiguration(section, scope).get<SettingTypes[K]>(key);
  return value ?? settingContributions[setting].default;
}
