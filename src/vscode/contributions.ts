/**
 * Every command, setting and view id Trace Lens contributes, in typed tables. `scripts/checkManifest.mjs`
 * fails the build when these tables and package.json's `contributes` disagree in either direction.
 * This file must not import `vscode`: the manifest check loads it in plain Node.
 */
import type { BackendKindChoice } from '../core/backendChoice';

/** The one prefix of every contributed id. */
export const ID_PREFIX = 'traceLens';

export enum Command {
  OpenTraceFile = 'traceLens.openTraceFile',
  OpenTraceById = 'traceLens.openTraceById',
  SearchTraces = 'traceLens.searchTraces',
  SetBackendToken = 'traceLens.setBackendToken',
  ClearBackendToken = 'traceLens.clearBackendToken',
}

export interface CommandContribution {
  readonly title: string;
  readonly category: 'Trace Lens';
}

/** A row per command: leaving one out is a compile error. */
export const commandContributions: { readonly [K in Command]: CommandContribution } = {
  [Command.OpenTraceFile]: { title: 'Open Trace File…', category: 'Trace Lens' },
  [Command.OpenTraceById]: { title: 'Open Trace…', category: 'Trace Lens' },
  [Command.SearchTraces]: { title: 'Search Traces…', category: 'Trace Lens' },
  [Command.SetBackendToken]: { title: 'Set Backend Token…', category: 'Trace Lens' },
  [Command.ClearBackendToken]: { title: 'Clear Backend Token', category: 'Trace Lens' },
};

export enum Setting {
  MaxTraceFileSizeMb = 'traceLens.maxTraceFileSizeMb',
  BackendUrl = 'traceLens.backend.url',
  BackendKind = 'traceLens.backend.kind',
  BackendHeaders = 'traceLens.backend.headers',
  BackendTimeoutSeconds = 'traceLens.backend.timeoutSeconds',
}

/** The type each setting holds. */
export interface SettingTypes {
  [Setting.MaxTraceFileSizeMb]: number;
  [Setting.BackendUrl]: string;
  [Setting.BackendKind]: BackendKindChoice;
  [Setting.BackendHeaders]: Readonly<Record<string, string>>;
  [Setting.BackendTimeoutSeconds]: number;
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
  [Setting.BackendUrl]: {
    default: '',
    description:
      'The trace backend\'s query URL, e.g. `http://localhost:16686` (Jaeger), `http://localhost:9411` (Zipkin) or `http://localhost:3200` (Tempo). Empty: no backend, so "Open Trace…" and "Search Traces…" ask for one. A value from workspace settings is used only in a trusted workspace.',
  },
  [Setting.BackendKind]: {
    default: 'auto',
    description:
      'Which API the backend speaks. `auto` finds out by probing the URL; `jaeger` is the Jaeger query API v1 (what Jaeger UI uses), `jaeger-v3` the Jaeger v2 `/api/v3`.',
  },
  [Setting.BackendHeaders]: {
    default: {},
    description:
      'Extra HTTP headers sent with every backend request, e.g. `{ "X-Scope-OrgID": "team-a" }` for a multi-tenant Tempo. Used only in a trusted workspace when set in workspace settings. For a bearer token use "Trace Lens: Set Backend Token…", which keeps it in the OS keychain, not in settings.',
  },
  [Setting.BackendTimeoutSeconds]: {
    default: 15,
    description: 'How long, in seconds, one backend request may take (connecting, waiting and downloading) before it is abandoned.',
  },
};

/** Webview panel types (the `viewType` of `createWebviewPanel`). */
export enum WebviewType {
  Waterfall = 'traceLens.waterfall',
}

/** Views and their containers (package.json `viewsContainers` and `views`). */
export enum View {
  /** The Traces view: a webview view with the search form and results. */
  Traces = 'traceLens.traces',
}

export enum ViewContainer {
  /** Trace Lens's own activity-bar container. */
  TraceLens = 'traceLens',
}
