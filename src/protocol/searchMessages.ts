/**
 * The protocol between the extension host and the Traces view (the search webview). Same conventions as
 * messages.ts: host → webview `nounPastTense`, webview → host `verbNoun`, a `ready` handshake, and runtime
 * validation of everything the host receives. The webview never talks to the backend itself.
 */
import type { Message } from './messages';

/** Lookback presets, as Jaeger UI offers them; `custom` uses the form's own start and end. */
export const LOOKBACK_PRESETS = ['5m', '15m', '30m', '1h', '2h', '6h', '12h', '24h', '2d', '7d'] as const;
export type LookbackPreset = (typeof LOOKBACK_PRESETS)[number];
export type Lookback = LookbackPreset | 'custom';

/** Most traces one search may ask for: Jaeger UI's own maximum. */
export const MAX_SEARCH_LIMIT = 1500;

/** The search form as the user filled it in; text fields are parsed (and reported) by the host. */
export interface SearchForm {
  readonly service: string;
  /** `''` means every operation. */
  readonly operation: string;
  readonly lookback: Lookback;
  /** For `custom`: milliseconds since the Unix epoch (what `<input type="datetime-local">` gives). */
  readonly customStartMs?: number;
  readonly customEndMs?: number;
  /** logfmt, e.g. `http.status_code=500 customer="bob smith"`. */
  readonly tags: string;
  /** Durations as typed, in Go syntax (`100ms`, `1.5s`); `''` means no bound. */
  readonly minDuration: string;
  readonly maxDuration: string;
  /** 1 … {@link MAX_SEARCH_LIMIT}. */
  readonly limit: number;
  readonly errorsOnly: boolean;
}

/** One found trace, as the results list and the scatter show it. */
export interface SearchResultRow {
  readonly traceId: string;
  /** Microseconds since the Unix epoch. */
  readonly startUs: number;
  /** Microseconds. */
  readonly durationUs: number;
  readonly rootService: string;
  readonly rootOperation: string;
  /** Absent when the backend does not report it (Tempo without span counts). */
  readonly spanCount?: number;
  readonly errorCount?: number;
  /** Sorted. */
  readonly services: readonly string[];
}

/** What the view says about the backend connection. */
export interface ConnectionStatus {
  /** False: no URL set (or not usable here); the view offers "Configure Backend URL". */
  readonly configured: boolean;
  /** The backend, credentials removed, e.g. `http://localhost:16686`. */
  readonly displayUrl?: string;
  /** Why the connection is not usable, phrased for people. */
  readonly problem?: string;
}

export type SortKey = 'recent' | 'oldest' | 'longest' | 'shortest' | 'mostSpans' | 'mostErrors';

export interface ToSearchWebview {
  /** Host → webview, after `ready` and whenever the connection settings change. */
  connectionChanged: { readonly status: ConnectionStatus };
  /** Host → webview, after `ready`: the form to show (the last search of this workspace, or defaults). */
  formRestored: { readonly form: SearchForm; readonly recentSearches: readonly SearchForm[] };
  /** Host → webview, after a search was remembered: the recent searches, newest first. */
  recentSearchesChanged: { readonly recentSearches: readonly SearchForm[] };
  /** Host → webview, answering `ready` or `refreshServices`. */
  servicesLoaded: { readonly services: readonly string[] };
  /** Host → webview, answering `requestOperations`. */
  operationsLoaded: { readonly service: string; readonly operations: readonly string[] };
  /** Host → webview: listing services or operations failed; shown next to the form. */
  lookupFailed: { readonly message: string };
  /** Host → webview, when a search has been sent to the backend. */
  searchStarted: { readonly searchId: number };
  /** Host → webview: the results of search `searchId`; `tookMs` from request to this message. */
  resultsLoaded: { readonly searchId: number; readonly rows: readonly SearchResultRow[]; readonly tookMs: number; readonly limitReached: boolean };
  /** Host → webview: the search failed or was cancelled; `message` is empty when cancelled by the user. */
  searchFailed: { readonly searchId: number; readonly message: string };
}

export interface ToSearchHost {
  /** Webview → host, once its script has started. */
  ready: object;
  /** Webview → host: list the services again (e.g. after the user fixed the connection). */
  refreshServices: object;
  /** Webview → host, when a service is picked: list its operations. */
  requestOperations: { readonly service: string };
  /** Webview → host: run this search. */
  searchTraces: { readonly form: SearchForm };
  /** Webview → host: stop the running search. */
  cancelSearch: object;
  /** Webview → host: show this trace in the waterfall. */
  openTrace: { readonly traceId: string };
  /** Webview → host: open this trace in the backend's own web UI, in the browser. */
  openInBrowser: { readonly traceId: string };
  /** Webview → host: the user wants to set the backend URL. */
  configureBackend: object;
}

export type ToSearchWebviewMessage = Message<ToSearchWebview>;
export type ToSearchHostMessage = Message<ToSearchHost>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bounded so a misbehaving webview cannot make the host hold or send megabytes. */
const MAX_TEXT_LENGTH = 4096;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH;
}

function isOptionalTimeMs(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

/**
 * Ids are opaque to the protocol (a backend may use non-hex ids) but never empty, long, or able to
 * change the path of the URL they are put into.
 */
function isTraceIdText(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.+=-]{1,128}$/.test(value) && !value.includes('..');
}

/** A well-formed search form, or undefined. Values are checked for type and range, not for meaning. */
export function parseSearchForm(value: unknown): SearchForm | undefined {
  if (!isRecord(value)) return undefined;
  const { service, operation, lookback, customStartMs, customEndMs, tags, minDuration, maxDuration, limit, errorsOnly } = value;
  if (!isText(service) || !isText(operation) || !isText(tags) || !isText(minDuration) || !isText(maxDuration)) return undefined;
  if (lookback !== 'custom' && !LOOKBACK_PRESETS.includes(lookback as LookbackPreset)) return undefined;
  if (!isOptionalTimeMs(customStartMs) || !isOptionalTimeMs(customEndMs)) return undefined;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) return undefined;
  if (typeof errorsOnly !== 'boolean') return undefined;
  return {
    service, operation, lookback: lookback as Lookback, tags, minDuration, maxDuration, limit, errorsOnly,
    ...(customStartMs === undefined ? {} : { customStartMs: customStartMs as number }),
    ...(customEndMs === undefined ? {} : { customEndMs: customEndMs as number }),
  };
}

/** Runtime validation of everything the host receives from the Traces view. */
export function parseToSearchHostMessage(value: unknown): ToSearchHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'refreshServices':
    case 'cancelSearch':
    case 'configureBackend':
      return { type: value.type };
    case 'requestOperations':
      return isText(value.service) && value.service !== '' ? { type: 'requestOperations', service: value.service } : undefined;
    case 'searchTraces': {
      const form = parseSearchForm(value.form);
      return form === undefined ? undefined : { type: 'searchTraces', form };
    }
    case 'openTrace':
    case 'openInBrowser':
      return isTraceIdText(value.traceId) ? { type: value.type, traceId: value.traceId } : undefined;
    default:
      return undefined;
  }
}

/**
 * Shape check of a message the Traces view receives. The host is trusted code, but a webview's window can
 * receive messages from elsewhere; anything not shaped like this protocol is ignored.
 */
export function parseToSearchWebviewMessage(data: unknown): ToSearchWebviewMessage | undefined {
  if (!isRecord(data)) return undefined;
  const ok = ((): boolean => {
    switch (data.type) {
      case 'connectionChanged':
        return isRecord(data.status) && typeof data.status.configured === 'boolean';
      case 'formRestored':
        return parseSearchForm(data.form) !== undefined && Array.isArray(data.recentSearches);
      case 'recentSearchesChanged':
        return Array.isArray(data.recentSearches);
      case 'servicesLoaded':
        return Array.isArray(data.services);
      case 'operationsLoaded':
        return typeof data.service === 'string' && Array.isArray(data.operations);
      case 'lookupFailed':
        return typeof data.message === 'string';
      case 'searchStarted':
        return typeof data.searchId === 'number';
      case 'resultsLoaded':
        return typeof data.searchId === 'number' && Array.isArray(data.rows) && typeof data.tookMs === 'number';
      case 'searchFailed':
        return typeof data.searchId === 'number' && typeof data.message === 'string';
      default:
        return false;
    }
  })();
  return ok ? (data as unknown as ToSearchWebviewMessage) : undefined;
}
