/**
 * The webview's side of the host protocol: typed `postMessage` to the host, validated inbound messages,
 * and the persisted UI state (`vscode.setState`), which holds only UI state, never trace data: after a
 * reload the host re-sends the trace in answer to `ready`.
 */
import type { MessageHandlers, ToHostMessage, ToWebview, ToWebviewMessage } from '../src/protocol/messages';
import { parseTraceSource, type TraceSource } from '../src/protocol/traceView';
import type { ZoomWindow } from '../src/core/waterfallLayout';

/** The API VS Code injects into webviews; `acquireVsCodeApi` may be called only once. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a reload of the panel, for the trace it was saved with. */
export interface PersistedUiState {
  readonly traceId: string;
  /** Display index of the selected span, or -1. */
  readonly selectedSpan: number;
  /** Display indices of collapsed spans. */
  readonly collapsed: readonly number[];
  /** Pixels. */
  readonly scrollTop: number;
  /** The zoom window, fractions of the trace's time range. */
  readonly zoom?: ZoomWindow;
  /** Percent of the tree's width. */
  readonly nameWidthPercent?: number;
  readonly criticalPath?: boolean;
  readonly skewAdjusted?: boolean;
  /**
   * Where the trace came from, as the host said in `traceLoaded`: the panel serializer reads it after a
   * window reload to load the trace again (the trace itself is never stored here).
   */
  readonly source?: TraceSource;
}

export interface HostBridge {
  post(message: ToHostMessage): void;
  /** The saved UI state, when there is one and it is well-formed. */
  loadUiState(): PersistedUiState | undefined;
  saveUiState(state: PersistedUiState): void;
}

export function createHostBridge(): HostBridge {
  const vscode = acquireVsCodeApi();
  return {
    post: (message) => vscode.postMessage(message),
    loadUiState: () => parseUiState(vscode.getState()),
    saveUiState: (state) => vscode.setState(state),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => Number.isInteger(item) && item >= 0);
}

function isFraction(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/** Exported for tests: the state is read back from storage the webview does not control. */
export function parseUiState(value: unknown): PersistedUiState | undefined {
  if (!isRecord(value)) return undefined;
  const { traceId, selectedSpan, collapsed, scrollTop, zoom, nameWidthPercent, criticalPath, skewAdjusted } = value;
  const source = parseTraceSource(value.source);
  if (typeof traceId !== 'string' || !Number.isInteger(selectedSpan) || !isIndexList(collapsed)) return undefined;
  return {
    traceId,
    selectedSpan: selectedSpan as number,
    collapsed,
    scrollTop: typeof scrollTop === 'number' && scrollTop >= 0 ? scrollTop : 0,
    ...(isRecord(zoom) && isFraction(zoom.from) && isFraction(zoom.to) && zoom.from < zoom.to ? { zoom: { from: zoom.from, to: zoom.to } } : {}),
    ...(typeof nameWidthPercent === 'number' && nameWidthPercent >= 10 && nameWidthPercent <= 80 ? { nameWidthPercent } : {}),
    ...(typeof criticalPath === 'boolean' ? { criticalPath } : {}),
    ...(typeof skewAdjusted === 'boolean' ? { skewAdjusted } : {}),
    ...(source ? { source } : {}),
  };
}

/**
 * Shape check of a message from the host. The host is trusted code, but a webview's window can receive
 * messages from elsewhere; anything that does not look like our protocol is ignored.
 */
export function parseToWebviewMessage(data: unknown): ToWebviewMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'traceLoaded':
      return isRecord(data.view) && isRecord(data.view.spans) ? (data as unknown as ToWebviewMessage) : undefined;
    case 'spanDetailsLoaded':
      return isRecord(data.details) && Number.isInteger(data.details.spanIndex)
        ? (data as unknown as ToWebviewMessage)
        : undefined;
    case 'loadFailed':
      return typeof data.message === 'string' ? (data as unknown as ToWebviewMessage) : undefined;
    case 'spansFound':
      return typeof data.query === 'string' && Array.isArray(data.matches) ? (data as unknown as ToWebviewMessage) : undefined;
    case 'sourceMatchesLoaded':
      return Array.isArray(data.matches) && data.matches.every((m) => isRecord(m) && Number.isInteger(m.spanIndex) && typeof m.evidence === 'string')
        ? (data as unknown as ToWebviewMessage)
        : undefined;
    default:
      return undefined;
  }
}

/** Calls the handler for the message's type; the mapped handler type makes forgetting one a compile error. */
export function dispatchToWebview(handlers: MessageHandlers<ToWebview>, message: ToWebviewMessage): void {
  switch (message.type) {
    case 'traceLoaded':
      return handlers.traceLoaded(message);
    case 'spanDetailsLoaded':
      return handlers.spanDetailsLoaded(message);
    case 'loadFailed':
      return handlers.loadFailed(message);
    case 'spansFound':
      return handlers.spansFound(message);
    case 'sourceMatchesLoaded':
      return handlers.sourceMatchesLoaded(message);
  }
}
