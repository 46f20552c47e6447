import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { apiOfChoice, traceWebUrl } from '../core/backendChoice';
import type { BackendFailure, ConnectionOptions, TraceBackend } from '../jaeger/backendTypes';
import { createBackend, openBackend } from '../jaeger/probeBackend';
import type { ConnectionStatus } from '../protocol/searchMessages';
import { readConfig } from './config';
import { Setting } from './contributions';
import { readTrustedSetting, resolveSettingPath } from './trustedSettings';

/** No usable backend URL: the caller offers "Configure Backend URL". */
export interface NotConfigured {
  readonly ok: false;
  readonly reason: 'not-configured';
  readonly message: string;
}

export type ConnectionResult = { readonly ok: true; readonly value: TraceBackend } | BackendFailure | NotConfigured;

/**
 * Where traces come from: the URL in the settings ("direct mode", this file), or a port-forward into a
 * cluster (clusterConnection.ts); activeConnection.ts says which one the features use. The features only
 * ever ask for `getBackend()`.
 */
export interface BackendConnection {
  /** The backend to use now: opened (probed) once, then reused until the settings or the token change. */
  getBackend(signal?: AbortSignal): Promise<ConnectionResult>;
  /** What the Traces view shows about the connection, without touching the network. */
  status(): ConnectionStatus;
  /** The backend's own web page for a trace (Jaeger UI, Zipkin UI), when it has one. */
  webUrlOfTrace(traceId: string, signal?: AbortSignal): Promise<string | undefined>;
  /** Fires when the settings, the token or the workspace trust change what `getBackend` returns. */
  readonly onDidChange: vscode.Event<void>;
}

interface DirectSettings {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Absolute path of a PEM file of extra certificate authorities, or undefined. */
  readonly caFile: string | undefined;
  readonly allowInsecureTls: boolean;
  /** Settings found in the workspace's settings but ignored because the workspace is not trusted. */
  readonly ignoredUntrusted: readonly Setting[];
}

/** The secret key of the bearer token for one backend origin, so a token is only ever sent where it was set. */
function tokenKey(url: string): string | undefined {
  const origin = httpOrigin(url);
  return origin === undefined ? undefined : `traceLens.backend.token/${origin}`;
}

/** The secret key of the basic-auth user and password (JSON) for one backend origin. */
function basicAuthKey(url: string): string | undefined {
  const origin = httpOrigin(url);
  return origin === undefined ? undefined : `traceLens.backend.basicAuth/${origin}`;
}

/** Every secret key of this file starts so; a change to any of them resets the connection. */
const SECRET_KEY_PREFIX = 'traceLens.backend.';

/** `http(s)://host:port` of a URL, or undefined when it is not an http(s) URL (`localhost:16686` lacks the scheme). */
function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The backend named by `traceLens.backend.*`, with the bearer token from SecretStorage. */
export class DirectBackendConnection implements BackendConnection, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private opened: Promise<ConnectionResult> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('traceLens.backend')) this.reset('settings changed');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset('workspace trusted')),
      secrets.onDidChange((event) => {
        if (event.key.startsWith(SECRET_KEY_PREFIX)) this.reset('credentials changed');
      }),
    );
  }

  getBackend(signal?: AbortSignal): Promise<ConnectionResult> {
    if (this.opened === undefined) {
      const opening = this.open(signal);
      this.opened = opening;
      // Failures are not kept: the next attempt (after the user fixed the server) tries again.
      void opening.then((result) => {
        if (!result.ok && this.opened === opening) this.opened = undefined;
      });
    }
    return this.opened;
  }

  status(): ConnectionStatus {
    const settings = this.readSettings();
    if (settings.url === '') return { configured: false, problem: notConfiguredMessage(settings) };
    return { configured: true, displayUrl: displayUrl(settings.url) };
  }

  async webUrlOfTrace(traceId: string, signal?: AbortSignal): Promise<string | undefined> {
    const backend = await this.getBackend(signal);
    return backend.ok ? traceWebUrl(backend.value.displayUrl, backend.value.kind, traceId) : undefined;
  }

  /**
   * Stores a bearer token for the configured backend's origin, replacing a username and password stored
   * for it (a request carries one Authorization header). Returns where it applies, or undefined when no URL is set.
   */
  async storeToken(token: string): Promise<string | undefined> {
    const url = this.readSettings().url;
    const key = tokenKey(url);
    const basicKey = basicAuthKey(url);
    if (key === undefined || basicKey === undefined) return undefined;
    await this.secrets.delete(basicKey);
    await this.secrets.store(key, token);
    return httpOrigin(url);
  }

  /** Stores basic-auth credentials for the configured backend's origin, replacing its token. */
  async storeBasicAuth(username: string, password: string): Promise<string | undefined> {
    const url = this.readSettings().url;
    const key = basicAuthKey(url);
    const bearerKey = tokenKey(url);
    if (key === undefined || bearerKey === undefined) return undefined;
    await this.secrets.delete(bearerKey);
    await this.secrets.store(key, JSON.stringify({ username, password }));
    return httpOrigin(url);
  }

  /** Removes the token and the username and password stored for the configured backend's origin. */
  async clearToken(): Promise<string | undefined> {
    const url = this.readSettings().url;
    const key = tokenKey(url);
    const basicKey = basicAuthKey(url);
    if (key === undefined || basicKey === undefined) return undefined;
    await this.secrets.delete(key);
    await this.secrets.delete(basicKey);
    return httpOrigin(url);
  }

  /** The configured URL's origin, or undefined. */
  configuredOrigin(): string | undefined {
    return httpOrigin(this.readSettings().url);
  }

  dispose(): void {
    void this.closeOpened();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private reset(why: string): void {
    this.log.info(`Backend connection reset: ${why}.`);
    void this.closeOpened();
    this.changed.fire();
  }

  private async closeOpened(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    const result = await opened;
    if (result?.ok) await result.value.close();
  }

  private async open(signal: AbortSignal | undefined): Promise<ConnectionResult> {
    const settings = this.readSettings();
    if (settings.url === '') return { ok: false, reason: 'not-configured', message: notConfiguredMessage(settings) };
    if (tokenKey(settings.url) === undefined) {
      return { ok: false, reason: 'not-configured', message: `The backend URL "${displayUrl(settings.url)}" is not an http:// or https:// URL: set ${Setting.BackendUrl} to e.g. http://localhost:16686.` };
    }
    for (const ignored of settings.ignoredUntrusted) {
      if (ignored !== Setting.BackendUrl) this.log.warn(`Ignoring ${ignored} from this workspace's settings: the workspace is not trusted.`);
    }
    const tls = await this.tlsOptions(settings);
    if (!tls.ok) return tls;
    const options: ConnectionOptions = {
      baseUrl: settings.url,
      headers: settings.headers,
      timeoutMs: Math.max(1, readConfig(Setting.BackendTimeoutSeconds)) * 1000,
      ...(await this.credentials(settings.url)),
      ...tls.value,
    };
    const api = apiOfChoice(readConfig(Setting.BackendKind));
    if (api !== undefined) return { ok: true, value: createBackend(options, api) };
    const result = await openBackend(options, signal);
    // The URL is logged without credentials; the token and header values never are.
    if (result.ok) this.log.info(`Connected to ${result.value.kind} at ${result.value.displayUrl}.`);
    else this.log.warn(`Could not connect to ${displayUrl(settings.url)}: ${result.message}`);
    return result;
  }

  /** The token, else the username and password, stored for the URL's origin; never logged. */
  private async credentials(url: string): Promise<Pick<ConnectionOptions, 'bearerToken' | 'basicAuth'>> {
    const key = tokenKey(url);
    const token = key === undefined ? undefined : await this.secrets.get(key);
    if (token !== undefined && token !== '') return { bearerToken: token };
    const basicKey = basicAuthKey(url);
    const stored = basicKey === undefined ? undefined : await this.secrets.get(basicKey);
    const basic = parseBasicAuth(stored);
    return basic === undefined ? {} : { basicAuth: basic };
  }

  /** The CA file's certificates, and insecure TLS (with a warning each time a connection is opened so). */
  private async tlsOptions(settings: DirectSettings): Promise<{ ok: true; value: Pick<ConnectionOptions, 'caCertificates' | 'insecureTls'> } | NotConfigured> {
    let caCertificates: string | undefined;
    if (settings.caFile !== undefined) {
      try {
        caCertificates = await readFile(settings.caFile, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        return { ok: false, reason: 'not-configured', message: `The CA file ${settings.caFile} (${Setting.BackendCaFile}) cannot be read (${code}): fix the path or clear the setting.` };
      }
      if (!caCertificates.includes('-----BEGIN CERTIFICATE-----')) {
        return { ok: false, reason: 'not-configured', message: `The CA file ${settings.caFile} (${Setting.BackendCaFile}) holds no PEM certificate ("-----BEGIN CERTIFICATE-----").` };
      }
    }
    const insecure = settings.allowInsecureTls && settings.url.trim().toLowerCase().startsWith('https:');
    if (insecure) {
      const warning = `TLS certificate checks are off for ${httpOrigin(settings.url) ?? settings.url} (${Setting.BackendAllowInsecureTls}): anyone on the network path can read the traces and the credentials sent. Use it only for a development cluster; prefer ${Setting.BackendCaFile}.`;
      this.log.warn(warning);
      void vscode.window.showWarningMessage(`Trace Lens: ${warning}`);
    }
    return { ok: true, value: { ...(caCertificates === undefined ? {} : { caCertificates }), ...(insecure ? { insecureTls: true } : {}) } };
  }

  /** Workspace values of URL, headers and TLS settings count only in a trusted workspace (a repo must not redirect your token). */
  private readSettings(): DirectSettings {
    const ignoredUntrusted: Setting[] = [];
    const read = <K extends Setting.BackendUrl | Setting.BackendHeaders | Setting.BackendCaFile | Setting.BackendAllowInsecureTls>(setting: K) => {
      const found = readTrustedSetting(setting);
      if (found.ignoredUntrusted) ignoredUntrusted.push(setting);
      return found.value as unknown;
    };
    const url = String(read(Setting.BackendUrl) ?? '').trim();
    const rawHeaders = read(Setting.BackendHeaders);
    const headers: Record<string, string> = {};
    if (typeof rawHeaders === 'object' && rawHeaders !== null) {
      for (const [name, value] of Object.entries(rawHeaders)) if (typeof value === 'string') headers[name] = value;
    }
    const caFile = resolveSettingPath(String(read(Setting.BackendCaFile) ?? ''));
    const allowInsecureTls = read(Setting.BackendAllowInsecureTls) === true;
    return { url, headers, caFile, allowInsecureTls, ignoredUntrusted };
  }
}

/** The stored `{ username, password }`, or undefined when absent or not that shape. */
function parseBasicAuth(stored: string | undefined): { username: string; password: string } | undefined {
  if (stored === undefined) return undefined;
  try {
    const value = JSON.parse(stored) as { username?: unknown; password?: unknown };
    return typeof value.username === 'string' && typeof value.password === 'string' ? { username: value.username, password: value.password } : undefined;
  } catch {
    return undefined;
  }
}

function notConfiguredMessage(settings: DirectSettings): string {
  if (settings.ignoredUntrusted.includes(Setting.BackendUrl)) {
    return `This workspace's settings set a backend URL, but Trace Lens uses backend settings from a workspace only when the workspace is trusted. Trust the workspace, or set ${Setting.BackendUrl} in your user settings.`;
  }
  return `No trace backend is configured: set ${Setting.BackendUrl} to your Jaeger, Zipkin or Tempo query URL (e.g. http://localhost:16686).`;
}

/** The URL without user and password, for messages and the view. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
