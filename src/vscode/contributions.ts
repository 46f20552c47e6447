/**
 * Every command, setting and view id Trace Lens contributes, in typed tables. `scripts/checkManifest.mjs`
 * fails the build when these tables and package.json's `contributes` disagree in either direction.
 * This file must not import `vscode`: the manifest check loads it in plain Node.
 */

/** The one prefix of every contributed id. */
export const ID_PREFIX = 'traceLens';

export enum Command {
  OpenTraceFile = 'traceLens.openTraceFile',
}

export interface CommandContribution {
  readonly title: string;
  readonly category: 'Trace Lens';
}

/** A row per command: leaving one out is a compile error. */
export const commandContributions: { readonly [K in Command]: CommandContribution } = {
  [Command.OpenTraceFile]: { title: 'Open Trace File…', category: 'Trace Lens' },
};

export enum Setting {
  MaxTraceFileSizeMb = 'traceLens.maxTraceFileSizeMb',
}

/** The type each setting holds. */
export interface SettingTypes {
  [Setting.MaxTraceFileSizeMb]: number;
}

export interface SettingContribution<T> {
  readonly default: T;
  readonly description: string;
}

/** Defaults, as declared in package.json: the manifest check compares them. */
export const settingContributions: { readonly [K in Setting]: SettingContribution<SettingTypes[K]> } = {
  [Setting.MaxTraceFileSizeMb]: {
    default: 200,
    description:
      'Largest trace file, in megabytes, that Trace Lens opens. Parsing needs roughly ten times the file size in memory inside the extension host, so larger files are refused with a message instead of risking the extension host.',
  },
};

/** Webview panel types (the `viewType` of `createWebviewPanel`). */
export enum WebviewType {
  Waterfall = 'traceLens.waterfall',
}
